// The storage target actor seen from its initiators: logins against the access list, sessions
// that end when an initiator falls silent, block I/O under reservations, the write history a
// checker reads, refusals of bad input, and what survives a restart of the target's worker.
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { renderEvent } from '@wsfc-lab/protocol';
import type { NodeMessage } from '@wsfc-lab/protocol';
import { Initiator, TargetBench, filled, iqnOf, keyFor, wsfcTargetIqn } from './_harness.js';
import { accessMatrix } from './_access-matrix.js';
import type { ReservationType } from '@wsfc-lab/protocol';

type ScsiResponse = Extract<NodeMessage, { type: 'ScsiResponse' }>;

function scsi(t: ExecutionContext, response: NodeMessage): ScsiResponse {
  if (response.type !== 'ScsiResponse') {
    t.fail(`expected a ScsiResponse, got ${response.type}`);
    throw new Error('not a ScsiResponse');
  }
  return response;
}

function setup(nodes: string[] = ['node01', 'node02', 'node03']) {
  let bench = new TargetBench();
  const initiators = Object.fromEntries(nodes.map((n) => [n, new Initiator(() => bench, n)])) as Record<string, Initiator>;
  return {
    get bench() {
      return bench;
    },
    restart() {
      bench = bench.restart();
    },
    node: (name: string) => initiators[name]!,
  };
}

// --- logins ------------------------------------------------------------------------------------

test('an initiator in the access list logs in and gets a session', (t) => {
  const lab = setup();
  const response = lab.node('node01').login();
  t.is(response.statusClass, 0);
  t.is(response.statusDetail, 0);
  t.truthy(response.sessionId);
  t.is(response.targetName, 'iqn.1991-05.com.microsoft:host-wsfc-target');
  const [established] = lab.bench.eventsOf('IscsiSessionEstablished');
  t.like(established, { initiator: 'iqn.1991-05.com.microsoft:node01.wsfc.local', node: 'node01', target: wsfcTargetIqn });
});

test('an initiator outside the access list is refused with Authorization Failure (0x0202), logged and counted', (t) => {
  const lab = setup(['node04']);
  const response = lab.node('node04').login();
  t.is(response.statusClass, 0x02);
  t.is(response.statusDetail, 0x02);
  t.is(response.sessionId, undefined);
  t.is(lab.bench.state.sessions.size, 0);
  const [refused] = lab.bench.eventsOf('IscsiLoginRefused');
  t.like(refused, { node: 'node04', statusClass: 2, statusDetail: 2 });
  t.regex(refused?.reason ?? '', /^Authorization Failure: initiator iqn\.1991-05\.com\.microsoft:node04\.wsfc\.local from "node04" is not in the InitiatorIds/);
  t.is(lab.bench.state.counters.loginsRefused, 1);
});

test('a login to a target that does not exist is refused with Not Found (0x0203)', (t) => {
  const lab = setup();
  const response = lab.node('node01').login('iqn.1991-05.com.microsoft:host-nothing-target');
  t.deepEqual([response.statusClass, response.statusDetail], [0x02, 0x03]);
});

test('SendTargets discovery shows a target only to initiators it admits', (t) => {
  const lab = setup();
  const ask = (node: string) => lab.bench.frame(node, { type: 'IscsiSendTargets', requestId: 'd', initiatorName: iqnOf(node) })[0];
  t.like(ask('node01'), { type: 'IscsiSendTargetsResponse', targets: [{ targetName: wsfcTargetIqn, address: '172.16.1.1' }] });
  t.like(ask('node04'), { type: 'IscsiSendTargetsResponse', targets: [] });
});

test('a second login of the same initiator reinstates the session: the old one ends', (t) => {
  const lab = setup();
  const first = lab.node('node01').login().sessionId;
  const second = lab.node('node01').login().sessionId;
  t.not(first, second);
  t.deepEqual([...lab.bench.state.sessions.keys()], [second]);
  t.like(lab.bench.eventsOf('IscsiSessionEnded')[0], { sessionId: first, reason: 'Reinstated' });
});

// --- keepalives and the idle timeout ------------------------------------------------------------

test('NOP-Outs keep a session; after 45 s of silence the target drops it (LIO nopin 15 s + 30 s)', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  node01.login();
  for (let i = 0; i < 8; i++) {
    lab.bench.advance(15_000);
    const nopIn = node01.scsi({ type: 'IscsiNopOut' });
    t.is(nopIn.type, 'IscsiNopIn');
  }
  t.is(lab.bench.state.sessions.size, 1, 'two minutes of NOP-Outs every 15 s keep the session');
  lab.bench.advance(44_999);
  t.is(lab.bench.state.sessions.size, 1, 'still there 1 ms before the timeout');
  lab.bench.advance(1);
  t.is(lab.bench.state.sessions.size, 0);
  t.like(lab.bench.eventsOf('IscsiSessionEnded')[0], { node: 'node01', reason: 'Timeout', idleMs: 45_000 });
  t.is(lab.bench.state.counters.sessionsTimedOut, 1);
  const after = node01.scsi({ type: 'ScsiRead', lun: 0, lba: 0, blockCount: 1 });
  t.like(after, { type: 'IscsiReject', reason: 'ProtocolError', reasonCode: 0x04 });
});

test('a logout ends the session at once', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  node01.login();
  t.like(node01.scsi({ type: 'IscsiLogout' }), { type: 'IscsiLogoutResponse', response: 0 });
  t.is(lab.bench.state.sessions.size, 0);
  t.like(lab.bench.eventsOf('IscsiSessionEnded')[0], { reason: 'Logout' });
});

// --- block I/O and refusals --------------------------------------------------------------------

test('a write is read back, and REPORT LUNS and READ CAPACITY describe the disks', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  node01.login();
  t.is(scsi(t, node01.write(100, filled(0xab, 3))).status, 'Good');
  t.deepEqual(scsi(t, node01.read(100, 3)).data, filled(0xab, 3));
  const luns = scsi(t, node01.scsi({ type: 'ScsiReportLuns' })).luns ?? [];
  t.deepEqual(
    luns.map((l) => [l.lun, l.disk, l.sizeBlocks]),
    [
      [0, 'Cluster Disk 1', 131072],
      [1, 'Witness', 2048],
    ],
  );
  t.deepEqual(scsi(t, node01.scsi({ type: 'ScsiReadCapacity', lun: 1 })).capacity, { lastLba: 2047, blockSizeBytes: 512 });
});

test('a command for a missing LUN is CHECK CONDITION, LOGICAL UNIT NOT SUPPORTED, logged and counted', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  node01.login();
  const response = scsi(t, node01.write(0, filled(1), 7));
  t.is(response.status, 'CheckCondition');
  t.deepEqual(response.sense, { senseKey: 'IllegalRequest', asc: 0x25, ascq: 0x00 });
  t.like(lab.bench.eventsOf('ScsiCommandRefused')[0], { reason: 'LunNotFound', node: 'node01', messageType: 'ScsiWrite' });
  t.is(lab.bench.state.counters.refused.LunNotFound, 1);
});

test('a write past the end is CHECK CONDITION, LOGICAL BLOCK ADDRESS OUT OF RANGE, and changes nothing', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  node01.login();
  const response = scsi(t, node01.write(2047, filled(9, 2), 1));
  t.deepEqual(response.sense, { senseKey: 'IllegalRequest', asc: 0x21, ascq: 0x00 });
  t.deepEqual(scsi(t, node01.read(2047, 1, 1)).data, filled(0));
});

test('a write that is not whole blocks is CHECK CONDITION, INVALID FIELD IN CDB', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  node01.login();
  const response = scsi(t, node01.write(0, new Uint8Array(100)));
  t.deepEqual(response.sense, { senseKey: 'IllegalRequest', asc: 0x24, ascq: 0x00 });
  t.like(lab.bench.eventsOf('ScsiWrite')[0], { status: 'CheckCondition', blockCount: 0 });
});

test('a frame naming another machine\'s session is rejected, logged, and neither writes nor keeps that session alive', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  node01.login();
  lab.node('node02').login();
  lab.bench.advance(30_000);
  const forged = node01.scsi({ type: 'ScsiWrite', lun: 0, lba: 5, data: filled(0xee) }, { from: 'node02' });
  t.like(forged, { type: 'IscsiReject', reason: 'ProtocolError' });
  t.like(lab.bench.eventsOf('ScsiCommandRefused')[0], { reason: 'ForgedSource', node: 'node02', sessionId: node01.sessionId });
  t.is(lab.bench.state.counters.refused.ForgedSource, 1);
  t.is(lab.bench.eventsOf('ScsiWrite').length, 0, 'the forged write never reached the disk');
  t.deepEqual(scsi(t, lab.node('node02').read(5, 1)).data, filled(0));
  lab.bench.advance(15_000);
  t.false(lab.bench.state.sessions.has(node01.sessionId), 'node01 was silent for 45 s: the forged frame did not count as hearing from it');
});

test('a command on no session is rejected with Protocol Error', (t) => {
  const lab = setup();
  const response = lab.node('node01').scsi({ type: 'ScsiRead', lun: 0, lba: 0, blockCount: 1 }, { sessionId: 1234 });
  t.like(response, { type: 'IscsiReject', reason: 'ProtocolError' });
  t.is(lab.bench.state.counters.refused.NoSession, 1);
});

test('the schema refuses a read larger than blockIoBytesMax before the actor sees it', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  node01.login();
  t.throws(() => node01.read(0, 4096), { message: /storage rejected ScsiRead: invalidPayload/ });
});

// --- reservations through the actor --------------------------------------------------------------

test('a preempted node\'s write is refused with RESERVATION CONFLICT, and the history says why', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  const node02 = lab.node('node02');
  node01.login();
  node02.login();
  const k1 = keyFor(0x1001);
  const k2 = keyFor(0x2002);
  t.is(scsi(t, node01.prOut({ serviceAction: 'Register', serviceActionKey: k1 })).status, 'Good');
  t.is(scsi(t, node01.prOut({ serviceAction: 'Reserve', key: k1, reservationType: 'WriteExclusiveRegistrantsOnly' })).status, 'Good');
  t.is(scsi(t, node01.write(10, filled(0x11))).status, 'Good');
  // node02 takes the disk the way the cluster arbitrates: register, then preempt the owner's key.
  t.is(scsi(t, node02.prOut({ serviceAction: 'Register', serviceActionKey: k2 })).status, 'Good');
  t.is(scsi(t, node02.prOut({ serviceAction: 'Preempt', key: k2, serviceActionKey: k1, reservationType: 'WriteExclusiveRegistrantsOnly' })).status, 'Good');
  const refused = scsi(t, node01.write(10, filled(0x99)));
  t.is(refused.status, 'ReservationConflict');
  t.deepEqual(scsi(t, node02.read(10, 1)).data, filled(0x11), 'the refused write changed nothing');

  const preempt = lab.bench.eventsOf('PersistentReserveOut').find((e) => e.serviceAction === 'Preempt');
  t.like(preempt, { status: 'Good', holder: iqnOf('node02'), holderKey: k2, generation: 3, removed: [{ initiator: iqnOf('node01'), key: k1 }] });
  const writes = lab.bench.eventsOf('ScsiWrite');
  t.like(writes[0], { node: 'node01', key: k1, holder: iqnOf('node01'), status: 'Good', generation: 1, targetIncarnation: 0 });
  t.like(writes[1], {
    node: 'node01',
    initiator: iqnOf('node01'),
    key: null,
    holder: iqnOf('node02'),
    holderKey: k2,
    reservationType: 'WriteExclusiveRegistrantsOnly',
    generation: 3,
    status: 'ReservationConflict',
  });
  t.is(lab.bench.state.counters.writesRefused, 1);
});

test('under Write Exclusive – Registrants Only an unregistered node reads but cannot write; a registrant writes', (t) => {
  const lab = setup();
  const [node01, node02, node03] = ['node01', 'node02', 'node03'].map((n) => lab.node(n));
  for (const n of [node01, node02, node03]) n!.login();
  node01!.prOut({ serviceAction: 'Register', serviceActionKey: keyFor(1) });
  node01!.prOut({ serviceAction: 'Reserve', key: keyFor(1), reservationType: 'WriteExclusiveRegistrantsOnly' });
  node02!.prOut({ serviceAction: 'Register', serviceActionKey: keyFor(2) });
  t.is(scsi(t, node02!.write(0, filled(2))).status, 'Good');
  t.is(scsi(t, node03!.write(0, filled(3))).status, 'ReservationConflict');
  t.deepEqual(scsi(t, node03!.read(0, 1)).data, filled(2));
});

for (const [type, expected] of Object.entries(accessMatrix) as [ReservationType, string[]][]) {
  test(`READ and WRITE through the target under ${type}: holder, registrant, unregistered`, (t) => {
    const lab = setup();
    const [holder, registrant, stranger] = ['node01', 'node02', 'node03'].map((n) => lab.node(n)) as [Initiator, Initiator, Initiator];
    for (const n of [holder, registrant, stranger]) n.login();
    holder.prOut({ serviceAction: 'Register', serviceActionKey: keyFor(1) });
    registrant.prOut({ serviceAction: 'Register', serviceActionKey: keyFor(2) });
    t.is(scsi(t, holder.prOut({ serviceAction: 'Reserve', key: keyFor(1), reservationType: type })).status, 'Good');
    const actual = [holder, registrant, stranger].flatMap((n, i) => [
      scsi(t, n.read(i, 1)).status === 'Good' ? 'Allowed' : 'ReservationConflict',
      scsi(t, n.write(i, filled(i + 1))).status === 'Good' ? 'Allowed' : 'ReservationConflict',
    ]);
    t.deepEqual(actual, expected);
    const refusedWrites = lab.bench.eventsOf('ScsiWrite').filter((w) => w.status === 'ReservationConflict').map((w) => w.node);
    t.deepEqual(refusedWrites, ['node01', 'node02', 'node03'].filter((_, i) => expected[i * 2 + 1] === 'ReservationConflict'));
  });
}

test('a READ at the LBA just past the end is LOGICAL BLOCK ADDRESS OUT OF RANGE, even for zero blocks', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  node01.login();
  t.deepEqual(scsi(t, node01.read(2048, 0, 1)).sense, { senseKey: 'IllegalRequest', asc: 0x21, ascq: 0x00 });
  t.is(scsi(t, node01.read(2047, 1, 1)).status, 'Good');
});

test('PERSISTENT RESERVE OUT with a wrong key is a RESERVATION CONFLICT, logged with the reason', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  node01.login();
  node01.prOut({ serviceAction: 'Register', serviceActionKey: keyFor(1) });
  t.is(scsi(t, node01.prOut({ serviceAction: 'Reserve', key: keyFor(7), reservationType: 'WriteExclusive' })).status, 'ReservationConflict');
  const event = lab.bench.eventsOf('PersistentReserveOut').at(-1);
  t.like(event, { status: 'ReservationConflict', reservationType: null, generation: 1 });
  t.regex(event?.reason ?? '', /key 0x0000000000000007 does not match key 0x0000000000000001/);
});

test('READ KEYS and READ RESERVATION answer with the generation, the keys and the holder', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  node01.login();
  node01.prOut({ serviceAction: 'Register', serviceActionKey: keyFor(0xa1) });
  node01.prOut({ serviceAction: 'Reserve', key: keyFor(0xa1), reservationType: 'WriteExclusiveRegistrantsOnly' });
  t.like(scsi(t, node01.scsi({ type: 'PersistentReserveIn', lun: 0, serviceAction: 'ReadKeys' })), { status: 'Good', generation: 1, keys: [keyFor(0xa1)] });
  t.like(scsi(t, node01.scsi({ type: 'PersistentReserveIn', lun: 0, serviceAction: 'ReadReservation' })), {
    generation: 1,
    reservation: { key: keyFor(0xa1), type: 'WriteExclusiveRegistrantsOnly', scope: 'LuScope' },
  });
});

// --- restarts ----------------------------------------------------------------------------------

test('data written before a restart of the target is there after it', (t) => {
  const lab = setup();
  lab.node('node01').login();
  lab.node('node01').write(4000, filled(0x5a, 4));
  lab.restart();
  t.is(lab.bench.state.sessions.size, 0, 'sessions die with the worker');
  lab.node('node01').login();
  t.deepEqual(scsi(t, lab.node('node01').read(4000, 4)).data, filled(0x5a, 4));
});

test('with APTPL, registrations and the reservation survive a restart; PRgeneration starts again at 0', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  node01.login();
  node01.prOut({ serviceAction: 'Register', serviceActionKey: keyFor(0xa1), aptpl: true });
  node01.prOut({ serviceAction: 'Reserve', key: keyFor(0xa1), reservationType: 'WriteExclusiveRegistrantsOnly' });
  lab.restart();
  t.like(lab.bench.eventsOf('PersistentReservationsRestored')[0], { disk: 'Cluster Disk 1', registrations: 1, holder: iqnOf('node01') });
  node01.login();
  lab.node('node02').login();
  t.like(scsi(t, node01.scsi({ type: 'PersistentReserveIn', lun: 0, serviceAction: 'ReadReservation' })), {
    generation: 0,
    reservation: { key: keyFor(0xa1), type: 'WriteExclusiveRegistrantsOnly' },
  });
  t.is(scsi(t, lab.node('node02').write(0, filled(1))).status, 'ReservationConflict');
  t.is(scsi(t, node01.write(0, filled(1))).status, 'Good');
});

test('without APTPL, a restart loses the registrations and the reservation', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  node01.login();
  node01.prOut({ serviceAction: 'Register', serviceActionKey: keyFor(0xa1), aptpl: false });
  node01.prOut({ serviceAction: 'Reserve', key: keyFor(0xa1), reservationType: 'ExclusiveAccess' });
  lab.restart();
  t.is(lab.bench.eventsOf('PersistentReservationsRestored').length, 0);
  lab.node('node02').login();
  t.like(scsi(t, lab.node('node02').scsi({ type: 'PersistentReserveIn', lun: 0, serviceAction: 'ReadKeys' })), { generation: 0, keys: [] });
  t.is(scsi(t, lab.node('node02').write(0, filled(1))).status, 'Good');
});

test('turning APTPL off empties the stored record, so a later restart finds nothing', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  node01.login();
  node01.prOut({ serviceAction: 'Register', serviceActionKey: keyFor(1), aptpl: true });
  node01.prOut({ serviceAction: 'Register', key: keyFor(1), serviceActionKey: keyFor(2), aptpl: false });
  lab.restart();
  t.is(lab.bench.state.disks.get('Cluster Disk 1')?.reservations.registrations.length, 0);
});

test('each reservation change under APTPL is one put of the whole state', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  node01.login();
  const puts: string[] = [];
  const put = lab.bench.store.put.bind(lab.bench.store);
  lab.bench.store.put = (key, value) => {
    puts.push(key);
    put(key, value);
  };
  node01.prOut({ serviceAction: 'Register', serviceActionKey: keyFor(1), aptpl: true });
  node01.prOut({ serviceAction: 'Reserve', key: keyFor(1), reservationType: 'WriteExclusiveRegistrantsOnly' });
  node01.prOut({ serviceAction: 'Reserve', key: keyFor(1), reservationType: 'WriteExclusiveRegistrantsOnly' });
  node01.prOut({ serviceAction: 'Reserve', key: keyFor(9), reservationType: 'WriteExclusiveRegistrantsOnly' });
  t.deepEqual(puts, ['iscsiTarget/reservations/Cluster Disk 1', 'iscsiTarget/reservations/Cluster Disk 1'], 'no put for a no-op or a refused command');
  t.deepEqual(lab.bench.store.get('iscsiTarget/reservations/Cluster Disk 1'), {
    aptpl: true,
    registrations: [{ initiator: iqnOf('node01'), key: keyFor(1) }],
    reservation: { type: 'WriteExclusiveRegistrantsOnly', holder: iqnOf('node01') },
  });
});

test('a damaged reservation record is discarded with an event, and the target starts', (t) => {
  const lab = setup();
  lab.bench.store.put('iscsiTarget/reservations/Witness', { aptpl: true, registrations: [{ initiator: 'x', key: 'not a key' }], reservation: null });
  lab.restart();
  t.like(lab.bench.eventsOf('PersistentReservationsDiscarded')[0], { disk: 'Witness' });
  t.is(lab.bench.state.disks.get('Witness')?.reservations.registrations.length, 0);
});

test('Inspect gives the storage target\'s view of each LUN, as the scenario disk: selector reads it', (t) => {
  const lab = setup();
  const node01 = lab.node('node01');
  node01.login();
  node01.prOut({ serviceAction: 'Register', serviceActionKey: keyFor(1) });
  node01.prOut({ serviceAction: 'Reserve', key: keyFor(1), reservationType: 'WriteExclusiveRegistrantsOnly' });
  const reply = lab.bench.command({ type: 'Inspect' }).find((e) => e.type === 'Reply');
  const output = reply?.type === 'Reply' && reply.reply.ok ? (reply.reply.output as { disks: unknown[] }) : { disks: [] };
  t.like(output.disks[0], { Name: 'Cluster Disk 1', ReservationHolder: 'node01', ReservationType: 'WriteExclusiveRegistrantsOnly', RegisteredKeys: 1, Generation: 1 });
});

test('every storage event renders as a cluster-log line that names what happened', (t) => {
  const lab = setup(['node01', 'node02', 'node04']);
  const node01 = lab.node('node01');
  lab.node('node04').login();
  node01.login();
  node01.prOut({ serviceAction: 'Register', serviceActionKey: keyFor(1), aptpl: true });
  node01.prOut({ serviceAction: 'Reserve', key: keyFor(1), reservationType: 'ExclusiveAccess' });
  lab.node('node02').login();
  lab.node('node02').write(0, filled(1));
  lab.node('node02').scsi({ type: 'ScsiRead', lun: 9, lba: 0, blockCount: 1 });
  lab.bench.advance(45_000);
  const rendered = new Map(lab.bench.events().map((e) => [e.type, renderEvent(e).Message]));
  t.regex(rendered.get('IscsiLoginRefused') ?? '', /^login of initiator iqn\.1991-05\.com\.microsoft:node04\.wsfc\.local \(node04\) to target .* refused with status 0x0202: Authorization Failure/);
  t.regex(rendered.get('IscsiSessionEstablished') ?? '', /^session 0x[0-9a-f]+ of initiator iqn.* \(node0[12]\) logged in to target iqn\.1991-05\.com\.microsoft:host-wsfc-target$/);
  t.regex(rendered.get('PersistentReserveOut') ?? '', /^PERSISTENT RESERVE OUT Reserve on "Cluster Disk 1" .*: Good; PRgeneration 1, 1 keys, reservation ExclusiveAccess$/);
  t.regex(rendered.get('ScsiWrite') ?? '', /^WRITE of 1 blocks at LBA 0 on "Cluster Disk 1" by .*node02.* \(key none\): ReservationConflict .* held by iqn.*node01/);
  t.regex(rendered.get('ScsiCommandRefused') ?? '', /^refused ScsiRead from node02 on session 0x[0-9a-f]+: LunNotFound: LUN 9 is not mapped/);
  t.regex(rendered.get('IscsiSessionEnded') ?? '', /ended: Timeout after 45000 ms idle$/);
  lab.restart();
  t.is(renderEvent(lab.bench.events()[0]!).Message, 'restored 1 registrations and reservation ExclusiveAccess on "Cluster Disk 1" (APTPL); PRgeneration starts at 0');
});

test('with a fractional clock the idle check re-arms at least 1 ms ahead, never in place', (t) => {
  const lab = setup();
  lab.bench.nowMs = 108_378.49999999997;
  const node01 = lab.node('node01');
  node01.login();
  // A NOP-Out a hair later leaves the next idle check a remainder that floats can round to ~1e-11 ms.
  lab.bench.advance(0.00000000003);
  node01.scsi({ type: 'IscsiNopOut' });
  lab.bench.advance(45_000 - 0.00000000001);
  t.is(lab.bench.state.sessions.size, 1, 'the remainder is re-armed, not spun on');
  lab.bench.advance(1);
  t.is(lab.bench.state.sessions.size, 0, 'and the session times out once the remainder has passed');
});
