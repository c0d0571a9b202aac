import test from 'ava';
import { adaptersOf, decodeAdapters, encodeAdapters, macAddressOf, protectedSwitches, vmAdaptersMax } from './vm-adapters.js';

test('a VM that never said has one adapter, connected to no switch and protected by default', (t) => {
  t.deepEqual(adaptersOf({}), [{ name: 'Network Adapter', switchName: '', clusterMonitored: true }]);
  t.deepEqual(protectedSwitches({}), [], 'an unconnected adapter protects no switch');
});

test('only monitored, connected adapters make their switch protected, each switch once', (t) => {
  const adapters = [
    { name: 'Network Adapter', switchName: 'Corp', clusterMonitored: true },
    { name: 'Network Adapter', switchName: 'Corp', clusterMonitored: true },
    { name: 'Network Adapter', switchName: 'Backup', clusterMonitored: false },
    { name: 'Network Adapter', switchName: '', clusterMonitored: true },
  ];
  t.deepEqual(protectedSwitches({ adapters }), ['Corp']);
  t.deepEqual(protectedSwitches({ adapters: adapters.map((a) => ({ ...a, clusterMonitored: false })) }), []);
});

test('adapters survive the resource parameter, and a malformed parameter reads as absent', (t) => {
  const adapters = [
    { name: 'Network Adapter', switchName: 'Corp', clusterMonitored: true },
    { name: 'Backup NIC', switchName: 'Backup', clusterMonitored: false },
  ];
  t.deepEqual(decodeAdapters(encodeAdapters(adapters)), adapters);
  t.is(decodeAdapters(undefined), undefined);
  t.is(decodeAdapters(3), undefined);
  t.is(decodeAdapters('{not json'), undefined);
  t.is(decodeAdapters('[["a","b","yes"]]'), undefined);
  const many = Array.from({ length: vmAdaptersMax + 3 }, (_, i) => ({ name: `n${i}`, switchName: 'Corp', clusterMonitored: true }));
  t.is(decodeAdapters(encodeAdapters(many))?.length, vmAdaptersMax, 'bounded at the adapters a VM can have');
  t.true(encodeAdapters(many).length <= 1024, 'fits a database string value');
});

test('MAC addresses are in Hyper-V range, stable, and differ per adapter', (t) => {
  t.regex(macAddressOf('vm01', 0), /^00155D[0-9A-F]{6}$/);
  t.is(macAddressOf('vm01', 0), macAddressOf('vm01', 0));
  t.not(macAddressOf('vm01', 0), macAddressOf('vm01', 1));
  t.not(macAddressOf('vm01', 0), macAddressOf('vm02', 0));
});
