// Move-VM's authentication: CredSSP only from the source host itself; Kerberos only with
// constrained delegation on the source's computer object, checked by the directory's KDC over
// msgpack-shaped frames; a KDC that never answers; and the cluster's own migrations, which
// neither setting touches.
import test from 'ava';
import { MemoryBlockStore, MemoryDurableStore, Prng, RecordingIo, type DirectoryMessage, type NodeMessage } from '@wsfc-lab/protocol';
import { directoryActor, type DirectoryConfig } from '@wsfc-lab/directory';
import { Bench, vmConfig, type TestHost } from './_fixtures.js';
import { migrationAuthText, planAuthentication } from './migration-auth.js';
import { onMigrationAuthFrame } from './migration-auth-frames.js';
import { moveVm } from './migration-settings-cmdlets-move.js';
import { vmHostDefaults } from './types.js';

const directoryConfig: DirectoryConfig = {
  name: 'dc01',
  address: '172.16.1.1',
  domain: 'wsfc.local',
  machines: [
    { name: 'node01', address: '172.16.1.5', joined: true },
    { name: 'node02', address: '172.16.1.10', joined: true },
  ],
  adminPassword: 'P@ssw0rd!',
};

/** The domain controller beside the bench: the real directory actor on its own RecordingIo. */
class Dc {
  readonly io: RecordingIo<never>;
  readonly state: ReturnType<typeof directoryActor.init>;
  down = false;
  private seen = 0;
  private readonly b: Bench;
  constructor(b: Bench) {
    this.b = b;
    this.io = new RecordingIo<never>({ self: 'dc01', incarnation: 0, prng: new Prng(42), now: () => b.nowMs, store: new MemoryDurableStore(), blocks: new MemoryBlockStore() });
    this.state = directoryActor.init(directoryConfig, this.io);
    this.io.drain();
  }
  cmdlet(name: string, parameters: Record<string, unknown>): void {
    directoryActor.step(this.state, { type: 'Command', requestId: 'c', command: { type: 'Cmdlet', name, parameters } }, this.io);
    this.io.drain();
  }
  /** Answers every frame sent to dc01 since last time, delivering the answers to the hosts. */
  pump(): void {
    for (const f of this.b.sentLog.slice(this.seen)) {
      this.seen++;
      if (f.to !== 'dc01' || this.down) continue;
      directoryActor.step(this.state, { type: 'Frame', source: f.from, network: f.network, message: f.message as DirectoryMessage }, this.io);
      for (const e of this.io.drain()) {
        if (e.type !== 'Send') continue;
        this.b.act(e.destination, (th) => onMigrationAuthFrame(th.h, { source: 'dc01', message: e.message as NodeMessage }, th.host));
      }
    }
  }
}

function bench(): { b: Bench; dc: Dc } {
  const b = new Bench();
  for (const name of ['node01', 'node02']) {
    const th = b.addHost(name);
    th.host.directory = () => ({ controller: 'dc01', network: 'Public' });
    th.h.host = { ...th.h.host, UseAnyNetworkForMigration: true };
  }
  b.running('node01', vmConfig('vm01'));
  return { b, dc: new Dc(b) };
}

/** Runs Move-VM on node01 as typed in `session`, until it answers; returns the answer. */
function moveVmFrom(b: Bench, dc: Dc, session?: string) {
  const requestId = `move-${b.replies.length}`;
  b.act('node01', (th: TestHost) => moveVm(th.h, { requestId, parameters: { Name: 'vm01', DestinationHost: 'node02', ...(session === undefined ? {} : { $session: session }) } }, th.host));
  b.runUntil(() => {
    dc.pump();
    return b.replies.some((r) => r.requestId === requestId);
  });
  return b.replies.find((r) => r.requestId === requestId)!.reply;
}

test('CredSSP: Move-VM typed on the source host migrates the VM', (t) => {
  const { b, dc } = bench();
  const reply = moveVmFrom(b, dc);
  t.true(reply.ok);
  t.true(b.statesOf('vm01').includes('node02:Running(MigratedIn)'));
  t.is(b.sentOf('TicketRequest').length, 0, 'CredSSP asks the KDC for nothing');
});

test('CredSSP: Move-VM started from another machine is refused with the real text, and the VM stays', (t) => {
  const { b, dc } = bench();
  const reply = moveVmFrom(b, dc, 'node02');
  t.false(reply.ok);
  const message = reply.ok ? '' : reply.error.message;
  t.true(message.startsWith("Virtual machine migration operation for 'vm01' failed at migration source 'node01'."));
  t.true(message.includes(migrationAuthText.noCredentials('node02')));
  t.true(message.includes(migrationAuthText.failedToAuthenticate));
  t.regex(message, /started from node02, not on node01/);
  t.is(b.eventsOf('MigrationFailed').length, 1);
  t.is(b.sentOf('VmMigrationOffer').length, 0, 'nothing reaches the destination');
  t.is(b.get('node01').h.vms.vm01?.state, 'Running');
});

test('Kerberos without delegation: the KDC refuses the migration service ticket and Move-VM fails with the real text', (t) => {
  const { b, dc } = bench();
  b.get('node01').h.host.VirtualMachineMigrationAuthenticationType = 'Kerberos';
  const reply = moveVmFrom(b, dc, 'console');
  t.false(reply.ok);
  const message = reply.ok ? '' : reply.error.message;
  t.true(message.includes(migrationAuthText.unknownCredentials('node02')), 'SEC_E_UNKNOWN_CREDENTIALS, as KB 4558514 shows for Kerberos');
  t.true(message.includes(migrationAuthText.failedToAuthenticate));
  t.regex(message, /KDC_ERR_BADOPTION/);
  t.deepEqual(
    b.sentOf('TicketRequest').map((f) => (f.message.type === 'TicketRequest' ? [f.to, f.message.service, f.message.onBehalfOf] : [])),
    [['dc01', 'Microsoft Virtual System Migration Service/node02', 'Administrator']],
  );
  t.is(b.get('node01').h.vms.vm01?.state, 'Running');
});

test('Kerberos with delegation set by Set-ADComputer: the migration works from any machine; SMB also needs cifs', (t) => {
  const { b, dc } = bench();
  const h = b.get('node01').h;
  h.host = { ...h.host, VirtualMachineMigrationAuthenticationType: 'Kerberos', VirtualMachineMigrationPerformanceOption: 'SMB' };
  dc.cmdlet('Set-ADComputer', { Identity: 'node01', Add: { 'msDS-AllowedToDelegateTo': ['Microsoft Virtual System Migration Service/node02'] } });
  const refused = moveVmFrom(b, dc, 'console');
  t.false(refused.ok, 'without cifs/node02 the SMB option is refused');
  t.regex(refused.ok ? '' : refused.error.message, /cifs\/node02/);
  dc.cmdlet('Set-ADComputer', { Identity: 'node01', Add: { 'msDS-AllowedToDelegateTo': ['cifs/node02'] } });
  const reply = moveVmFrom(b, dc, 'console');
  t.true(reply.ok, JSON.stringify(reply));
  t.true(b.statesOf('vm01').includes('node02:Running(MigratedIn)'));
});

test('Kerberos with the domain controller down: the migration fails after KdcWaitTime with SEC_E_NO_AUTHORITY', (t) => {
  const { b, dc } = bench();
  b.get('node01').h.host.VirtualMachineMigrationAuthenticationType = 'Kerberos';
  dc.down = true;
  const startMs = b.nowMs;
  const reply = moveVmFrom(b, dc, 'node01');
  t.false(reply.ok);
  t.true((reply.ok ? '' : reply.error.message).includes(migrationAuthText.noAuthority('node02')));
  t.true(b.nowMs - startMs >= 3000, 'it waited for the KDC first');
  t.is(b.sentOf('VmMigrationOffer').length, 0);
});

test('a migration the cluster service starts needs neither setting: the cluster account is used [L9]', (t) => {
  const plan = planAuthentication({ settings: { ...vmHostDefaults, VirtualMachineMigrationAuthenticationType: 'Kerberos' }, vm: 'vm01', source: 'node01', destination: 'node02', initiator: { kind: 'Cluster' } });
  t.deepEqual(plan, { type: 'None', mechanism: 'Cluster' });
  const credssp = planAuthentication({ settings: vmHostDefaults, vm: 'vm01', source: 'node01', destination: 'node02', initiator: { kind: 'Session', machine: 'NODE01' } });
  t.deepEqual(credssp, { type: 'None', mechanism: 'CredSSP' }, 'machine names compare without case');
});

test('Move-VM refuses a clustered VM and names the cmdlet to use', (t) => {
  const { b } = bench();
  b.running('node01', vmConfig('vm02', { clustered: true }));
  b.act('node01', (th) => moveVm(th.h, { requestId: 'x', parameters: { $positional: ['vm02', 'node02'] } }, th.host));
  const reply = b.replies.find((r) => r.requestId === 'x')!.reply;
  t.regex(reply.ok ? '' : reply.error.message, /Move-ClusterVirtualMachineRole -Name vm02 -Node node02/);
});
