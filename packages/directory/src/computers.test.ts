// Cluster name objects and virtual computer objects: who may create, change and delete them.
import test from 'ava';
import { Harness, expectType } from './_harness.js';

const createCno = (h: Harness, source: string, name = 'wsfc-cluster') =>
  h.ask(source, { type: 'ComputerObjectCreate', requestId: h.requestId(), requester: source, name, objectKind: 'ClusterNameObject' });

const createVco = (h: Harness, source: string, name: string, actingAs?: string) =>
  h.ask(source, {
    type: 'ComputerObjectCreate',
    requestId: h.requestId(),
    requester: source,
    name,
    objectKind: 'VirtualComputerObject',
    ...(actingAs === undefined ? {} : { actingAs }),
  });

const change = (h: Harness, source: string, name: string, what: 'Enable' | 'Disable' | 'Delete', actingAs?: string) =>
  h.ask(source, { type: 'ComputerObjectChange', requestId: h.requestId(), requester: source, name, change: what, ...(actingAs === undefined ? {} : { actingAs }) });

test('a member creates the CNO, then the CNO creates a VCO for a client access point', (t) => {
  const h = new Harness();
  const cno = expectType(createCno(h, 'node01'), 'ComputerObjectCreateResult');
  t.is(cno.distinguishedName, 'CN=wsfc-cluster,CN=Computers,DC=wsfc,DC=local');
  t.true(cno.sid.startsWith(`${h.state.db.domainSid}-`));
  const vco = expectType(createVco(h, 'node02', 'fs01', 'wsfc-cluster'), 'ComputerObjectCreateResult');
  t.is(vco.objectKind, 'VirtualComputerObject');
  const fs01 = h.state.db.computers['fs01'];
  t.is(fs01?.controlledBy, 'wsfc-cluster');
  t.is(fs01?.createdBy, cno.sid, 'ms-DS-CreatorSID is the CNO');
  t.is(fs01?.Description, 'Failover cluster virtual network name account');
});

test('a duplicate name is refused with "The account already exists", and nothing changes', (t) => {
  const h = new Harness();
  createCno(h, 'node01');
  const before = h.snapshot();
  for (const reply of [createCno(h, 'node02'), createCno(h, 'node01', 'NODE02'), createVco(h, 'node01', 'WSFC-CLUSTER', 'wsfc-cluster')]) {
    const refused = expectType(reply, 'DirectoryRefused');
    t.is(refused.status, 'NERR_UserExists');
    t.true(refused.message.startsWith('The account already exists.'));
  }
  t.is(h.snapshot(), before);
  t.is(h.state.counters.refusalsByStatus['NERR_UserExists'], 3);
});

test('a VCO is created only by a CNO: not by a member alone, not as a plain computer, not as a missing CNO', (t) => {
  const h = new Harness();
  createCno(h, 'node01');
  t.is(expectType(createVco(h, 'node01', 'fs01'), 'DirectoryRefused').status, 'ERROR_ACCESS_DENIED');
  t.is(expectType(createVco(h, 'node01', 'fs01', 'node02'), 'DirectoryRefused').status, 'ERROR_ACCESS_DENIED');
  t.is(expectType(createVco(h, 'node01', 'fs01', 'other-cluster'), 'DirectoryRefused').status, 'ERROR_DS_NO_SUCH_OBJECT');
  t.is(h.state.db.computers['fs01'], undefined);
});

test('the CNO may create 10 VCOs (ms-DS-MachineAccountQuota); the 11th is refused', (t) => {
  const h = new Harness();
  createCno(h, 'node01');
  for (let i = 1; i <= 10; i++) t.is(createVco(h, 'node01', `role${i}`, 'wsfc-cluster').type, 'ComputerObjectCreateResult');
  const reply = createVco(h, 'node02', 'role11', 'wsfc-cluster');
  const refused = expectType(reply, 'DirectoryRefused');
  t.is(refused.status, 'ERROR_DS_MACHINE_ACCOUNT_QUOTA_EXCEEDED');
  t.true(refused.message.includes('ms-DS-MachineAccountQuota of 10'));
  t.true(reply.events.some((event) => event.type === 'DirectoryRequestRefused' && event.status === 'ERROR_DS_MACHINE_ACCOUNT_QUOTA_EXCEEDED'));
  t.is(h.state.db.computers['role11'], undefined);
});

test('a pre-staged (disabled, admin-created) account is taken over and does not count against the quota', (t) => {
  const h = new Harness({ ...new Harness().config, machineAccountQuota: 1 });
  t.true(h.cmdlet('New-ADComputer', { Name: 'wsfc-cluster', Enabled: false }).ok);
  const cno = expectType(createCno(h, 'node01'), 'ComputerObjectCreateResult');
  t.is(h.state.db.computers['wsfc-cluster']?.kind, 'ClusterNameObject');
  t.true(h.state.db.computers['wsfc-cluster']?.Enabled);
  t.is(cno.name, 'wsfc-cluster');
  t.is(createVco(h, 'node01', 'fs01', 'wsfc-cluster').type, 'ComputerObjectCreateResult');
  t.is(expectType(createVco(h, 'node01', 'fs02', 'wsfc-cluster'), 'DirectoryRefused').status, 'ERROR_DS_MACHINE_ACCOUNT_QUOTA_EXCEEDED');
});

test('an unjoined computer cannot create a CNO; a disabled member gets the trust-relationship failure', (t) => {
  const h = new Harness();
  const before = h.snapshot();
  t.is(expectType(createCno(h, 'node03'), 'DirectoryRefused').status, 'ERROR_ACCESS_DENIED');
  t.is(expectType(createCno(h, 'stranger'), 'DirectoryRefused').status, 'ERROR_ACCESS_DENIED');
  t.is(h.snapshot(), before);
  h.cmdlet('Set-ADComputer', { Identity: 'node02', Enabled: '$false' });
  const refused = expectType(createCno(h, 'node02'), 'DirectoryRefused');
  t.is(refused.status, 'ERROR_TRUSTED_RELATIONSHIP_FAILURE');
  t.true(refused.message.startsWith('The trust relationship between this workstation and the primary domain failed.'));
});

test('a disabled CNO cannot create VCOs (event 1688 territory) until it is enabled again', (t) => {
  const h = new Harness();
  createCno(h, 'node01');
  t.is(expectType(change(h, 'node02', 'wsfc-cluster', 'Disable'), 'ComputerObjectChangeResult').change, 'Disable');
  t.false(h.state.db.computers['wsfc-cluster']?.Enabled);
  t.is(expectType(createVco(h, 'node01', 'fs01', 'wsfc-cluster'), 'DirectoryRefused').status, 'ERROR_ACCOUNT_DISABLED');
  change(h, 'node01', 'wsfc-cluster', 'Enable');
  t.is(createVco(h, 'node01', 'fs01', 'wsfc-cluster').type, 'ComputerObjectCreateResult');
});

test('only the controlling CNO may delete its VCO; deleting a CNO leaves its VCOs uncontrolled', (t) => {
  const h = new Harness();
  createCno(h, 'node01');
  createCno(h, 'node01', 'other-cluster');
  createVco(h, 'node01', 'fs01', 'wsfc-cluster');
  createVco(h, 'node01', 'fs02', 'wsfc-cluster');
  t.is(expectType(change(h, 'node01', 'fs01', 'Delete', 'other-cluster'), 'DirectoryRefused').status, 'ERROR_ACCESS_DENIED');
  t.is(expectType(change(h, 'node01', 'fs01', 'Delete'), 'DirectoryRefused').status, 'ERROR_ACCESS_DENIED');
  t.is(change(h, 'node02', 'fs01', 'Delete', 'wsfc-cluster').type, 'ComputerObjectChangeResult');
  t.is(h.state.db.computers['fs01'], undefined);
  t.is(change(h, 'node02', 'wsfc-cluster', 'Delete').type, 'ComputerObjectChangeResult');
  t.is(h.state.db.computers['fs02']?.controlledBy, undefined);
});

test('members may not change plain computer accounts or the DC over the wire', (t) => {
  const h = new Harness();
  const before = h.snapshot();
  t.is(expectType(change(h, 'node01', 'node02', 'Disable'), 'DirectoryRefused').status, 'ERROR_ACCESS_DENIED');
  t.is(expectType(change(h, 'node01', 'dc01', 'Delete'), 'DirectoryRefused').status, 'ERROR_ACCESS_DENIED');
  t.is(expectType(change(h, 'node01', 'nothing', 'Delete'), 'DirectoryRefused').status, 'ERROR_DS_NO_SUCH_OBJECT');
  t.is(h.snapshot(), before);
});
