// The configuration: IQNs as the Microsoft target and initiator form them, and refusals that name the value.
import test from 'ava';
import { machineOfInitiator, microsoftInitiatorIqn, storageTargetConfigFromLab, targetIqnFor, validateConfig } from './config.js';
import { labConfig } from './_harness.js';

test('target and initiator IQNs take the iqn.1991-05.com.microsoft forms', (t) => {
  t.is(targetIqnFor('host', 'wsfc'), 'iqn.1991-05.com.microsoft:host-wsfc-target');
  t.is(targetIqnFor('HOST', 'Cluster Disks'), 'iqn.1991-05.com.microsoft:host-cluster-disks-target');
  t.is(microsoftInitiatorIqn('Node01.wsfc.local'), 'iqn.1991-05.com.microsoft:node01.wsfc.local');
  t.is(machineOfInitiator('iqn.1991-05.com.microsoft:node01.wsfc.local'), 'node01');
  t.is(machineOfInitiator('iqn.2001-04.com.example:storage'), undefined);
});

test('the lab file gives one target with every disk and every allowed initiator', (t) => {
  const config = storageTargetConfigFromLab({
    name: 'host',
    address: '172.16.1.1',
    allowedInitiators: ['node01', 'node02'],
    disks: [
      { name: 'Cluster Disk 1', sizeGiB: 20 },
      { name: 'Witness', sizeGiB: 1 },
    ],
  });
  t.deepEqual(config.targets[0]?.initiatorIds, ['node01', 'node02']);
  t.deepEqual(
    config.targets[0]?.luns.map((l) => l.sizeBytes),
    [20 * 1024 ** 3, 1024 ** 3],
  );
  t.notThrows(() => validateConfig(config));
});

test('an impossible configuration throws, naming the value', (t) => {
  const withLun = (sizeBytes: number) => ({ ...labConfig, targets: [{ name: 'wsfc', initiatorIds: [], luns: [{ disk: 'd', sizeBytes }] }] });
  t.throws(() => validateConfig(withLun(1000)), { message: /disk "d" sizeBytes 1000 must be a positive multiple of 512/ });
  t.throws(() => validateConfig({ ...labConfig, targets: [{ name: 'wsfc', initiatorIds: ['FOO:bar'], luns: [] }] }), { message: /initiatorIds \["FOO:bar"\] entry "FOO:bar"/ });
  t.throws(() => validateConfig({ ...labConfig, sessionIdleTimeoutMs: 0 }), { message: /sessionIdleTimeoutMs 0/ });
  t.throws(() => validateConfig({ ...labConfig, targets: [...labConfig.targets, ...labConfig.targets] }), { message: /name "wsfc" is used twice/ });
});
