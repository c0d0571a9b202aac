import test from 'ava';
import { Bench, vmConfig } from './_fixtures.js';

const outputOf = (reply: { ok: boolean; output?: unknown }) => (reply.ok ? reply.output : undefined);

function benchWithVm() {
  const b = new Bench();
  b.addHost('node01');
  b.running(
    'node01',
    vmConfig('VM1', {
      adapters: [
        { name: 'Network Adapter', switchName: 'Corp', clusterMonitored: true },
        { name: 'Network Adapter', switchName: 'Storage', clusterMonitored: true },
        { name: 'Network Adapter', switchName: 'Private', clusterMonitored: true },
      ],
    }),
  );
  return b;
}

test('Get-VMNetworkAdapter lists every adapter with its switch, MAC and ClusterMonitored, as seed 002 shows', (t) => {
  const b = benchWithVm();
  const adapters = outputOf(b.cmdlet('node01', 'Get-VMNetworkAdapter', { VMName: 'vm1' })) as Record<string, unknown>[];
  t.deepEqual(
    adapters.map((a) => [a.VMName, a.SwitchName, a.ClusterMonitored]),
    [
      ['VM1', 'Corp', true],
      ['VM1', 'Storage', true],
      ['VM1', 'Private', true],
    ],
  );
  t.like(adapters[0], { Name: 'Network Adapter', IsManagementOs: false, ComputerName: 'node01', Status: 'Ok' });
  t.is(new Set(adapters.map((a) => a.MacAddress)).size, 3);
  t.like(outputOf(b.cmdlet('node01', 'Get-VMNetworkAdapter', { VMName: 'VM1', SwitchName: 'private' })) as unknown[], [{ SwitchName: 'Private' }]);
  t.deepEqual(outputOf(b.cmdlet('node01', 'Get-VMNetworkAdapter', { ManagementOS: true })), []);
  t.like(b.cmdlet('node01', 'Get-VMNetworkAdapter', { VMName: 'VM2' }), { ok: false, error: { message: 'Hyper-V was unable to find a virtual machine with name "VM2" on node01.' } });
});

test('Set-VMNetworkAdapter -NotMonitoredInCluster $true clears ClusterMonitored on the adapters it selects only, and $false sets it again', (t) => {
  const b = benchWithVm();
  const set = b.cmdlet('node01', 'Set-VMNetworkAdapter', { VMName: 'VM1', SwitchName: 'Private', NotMonitoredInCluster: true, Passthru: true });
  t.like(outputOf(set) as unknown[], [{ SwitchName: 'Private', ClusterMonitored: false }]);
  const after = outputOf(b.cmdlet('node01', 'Get-VMNetworkAdapter', { VMName: 'VM1' })) as Record<string, unknown>[];
  t.deepEqual(after.map((a) => a.ClusterMonitored), [true, true, false]);
  t.deepEqual(b.get('node01').h.vms.VM1?.config.adapters?.map((a) => a.clusterMonitored), [true, true, false], 'the VM configuration holds it');
  b.cmdlet('node01', 'Set-VMNetworkAdapter', { VMName: 'VM1', Name: 'Network Adapter', NotMonitoredInCluster: false });
  t.deepEqual((outputOf(b.cmdlet('node01', 'Get-VMNetworkAdapter', { VMName: 'VM1' })) as Record<string, unknown>[]).map((a) => a.ClusterMonitored), [true, true, true]);
});

test('Set-VMNetworkAdapter refuses a value that is not a boolean and a call without -VMName, changing nothing', (t) => {
  const b = benchWithVm();
  t.like(b.cmdlet('node01', 'Set-VMNetworkAdapter', { VMName: 'VM1', NotMonitoredInCluster: 'yes' }), { ok: false, error: { errorId: 'ParameterArgumentTransformationError' } });
  t.like(b.cmdlet('node01', 'Set-VMNetworkAdapter', { NotMonitoredInCluster: true }), { ok: false, error: { errorId: 'MissingArgument' } });
  t.deepEqual(b.get('node01').h.vms.VM1?.config.adapters?.map((a) => a.clusterMonitored), [true, true, true]);
});

test('New-VM gives the VM one protected adapter, on -SwitchName when given', (t) => {
  const b = new Bench();
  b.addHost('node01');
  b.cmdlet('node01', 'New-VM', { Name: 'vm01', SwitchName: 'Corp' });
  b.cmdlet('node01', 'New-VM', { Name: 'vm02' });
  t.like(outputOf(b.cmdlet('node01', 'Get-VMNetworkAdapter', { VMName: 'vm01' })) as unknown[], [{ SwitchName: 'Corp', ClusterMonitored: true, Connected: true }]);
  t.like(outputOf(b.cmdlet('node01', 'Get-VMNetworkAdapter', { VMName: 'vm02' })) as unknown[], [{ SwitchName: null, ClusterMonitored: true, Connected: false }]);
});
