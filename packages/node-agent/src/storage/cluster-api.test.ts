// The API the cluster service uses: persistent-reservation commands and block I/O through the
// initiator, each answered by a typed StorageCompletion carrying the caller's tag.
import test from 'ava';
import { formatReservationKey, zeroReservationKey, type NodeMessage } from '@wsfc-lab/protocol';
import { StorageBench, benchNodeConfig, wsfcTargetIqn } from './_bench.js';
import { clear, preempt, readBlocks, readKeys, readReservation, registerKey, release, reserve, submitStorageCommand, writeBlocks, type StorageRequest } from './cluster-api.js';
import type { StorageCompletion, StorageResult } from './commands.js';
import { storageLimits } from './limits.js';
import { takeCompletions } from './settle.js';
import type { StorageIo, StorageState } from './state.js';
import { storage } from './subsystem.js';

const keyA = formatReservationKey(0xa1);
const keyB = formatReservationKey(0xb2);
const disk = { name: 'Cluster Disk 1' };

function bench(timing?: { scsiRequestTimeoutMs?: number }) {
  const b = new StorageBench({
    nodes: [benchNodeConfig('node01', { address: '172.16.1.5', ...(timing ? { timing } : {}) }), benchNodeConfig('node02', { address: '172.16.1.10' })],
  });
  b.advance(1000);
  return b;
}

/** Issues one API call on `node`, lets the answer come, and returns its completion. */
function call(b: StorageBench, node: string, issue: (state: StorageState, io: StorageIo, request: StorageRequest) => string): StorageCompletion {
  let requestId = '';
  const tag = { subsystem: 'cluster', token: `t${b.nowMs}` };
  b.stepNode(node, (state, io) => {
    requestId = issue(state, io, { disk, tag });
  });
  b.advance(10);
  const completion = takeCompletions(b.state(node)).find((c) => c.requestId === requestId);
  if (!completion) throw new Error(`no completion for ${requestId}`);
  return completion;
}

const resultOf = (b: StorageBench, node: string, issue: (state: StorageState, io: StorageIo, request: StorageRequest) => string): StorageResult => call(b, node, issue).result;

test('register, reserve WERO, read keys and reservation, preempt, release and clear complete as typed results', (t) => {
  const b = bench();
  t.deepEqual(resultOf(b, 'node01', (s, io, r) => registerKey(s, io, { ...r, key: zeroReservationKey, newKey: keyA })), { type: 'Done' });
  t.deepEqual(resultOf(b, 'node01', (s, io, r) => reserve(s, io, { ...r, key: keyA })), { type: 'Done' });
  t.like(resultOf(b, 'node02', (s, io, r) => readKeys(s, io, r)), { type: 'Keys', keys: [keyA] });
  t.like(resultOf(b, 'node02', (s, io, r) => readReservation(s, io, r)), { type: 'Reservation', reservation: { key: keyA, type: 'WriteExclusiveRegistrantsOnly' } });
  t.deepEqual(resultOf(b, 'node02', (s, io, r) => reserve(s, io, { ...r, key: keyB })), { type: 'ReservationConflict' }, 'an unregistered initiator cannot reserve');
  t.deepEqual(resultOf(b, 'node02', (s, io, r) => registerKey(s, io, { ...r, key: zeroReservationKey, newKey: keyB })), { type: 'Done' });
  t.deepEqual(resultOf(b, 'node02', (s, io, r) => preempt(s, io, { ...r, key: keyB, victimKey: keyA })), { type: 'Done' });
  t.like(resultOf(b, 'node01', (s, io, r) => readKeys(s, io, r)), { type: 'Keys', keys: [keyB] }, "node01's key is gone");
  t.like(resultOf(b, 'node01', (s, io, r) => readReservation(s, io, r)), { type: 'Reservation', reservation: { key: keyB } });
  t.deepEqual(resultOf(b, 'node02', (s, io, r) => release(s, io, { ...r, key: keyB })), { type: 'Done' });
  t.like(resultOf(b, 'node01', (s, io, r) => readReservation(s, io, r)), { type: 'Reservation', reservation: null });
  t.deepEqual(resultOf(b, 'node02', (s, io, r) => clear(s, io, { ...r, key: keyB })), { type: 'Done' });
  t.like(resultOf(b, 'node01', (s, io, r) => readKeys(s, io, r)), { type: 'Keys', keys: [] });
});

test('WRITE is fenced by the reservation: the holder writes, a preempted node gets ReservationConflict, anyone reads', (t) => {
  const b = bench();
  const data = new Uint8Array(512).fill(0x5a);
  resultOf(b, 'node02', (s, io, r) => registerKey(s, io, { ...r, key: zeroReservationKey, newKey: keyB }));
  resultOf(b, 'node02', (s, io, r) => reserve(s, io, { ...r, key: keyB }));
  t.deepEqual(resultOf(b, 'node02', (s, io, r) => writeBlocks(s, io, { ...r, lba: 100, data })), { type: 'Done' });
  t.deepEqual(resultOf(b, 'node01', (s, io, r) => writeBlocks(s, io, { ...r, lba: 100, data: new Uint8Array(512) })), { type: 'ReservationConflict' });
  const read = resultOf(b, 'node01', (s, io, r) => readBlocks(s, io, { ...r, lba: 100, blockCount: 1 }));
  t.is(read.type, 'Data');
  t.deepEqual(read.type === 'Data' ? [...read.data] : [], [...data]);
  const outOfRange = resultOf(b, 'node01', (s, io, r) => readBlocks(s, io, { ...r, lba: 10_000_000, blockCount: 1 }));
  t.like(outOfRange, { type: 'CheckCondition', text: 'IllegalRequest: LOGICAL BLOCK ADDRESS OUT OF RANGE (21h/00h)' });
});

test('a command that cannot go out completes at once: NoSuchDisk, or NoSession while the session logs out', (t) => {
  const b = bench();
  const tag = { subsystem: 'cluster', token: 'x' };
  let requestId = '';
  b.stepNode('node01', (state, io) => {
    requestId = submitStorageCommand(state, io, { disk: { name: 'No Such Disk' }, command: { type: 'ReadKeys' }, tag });
  });
  const [missing] = takeCompletions(b.state('node01'));
  t.is(missing?.requestId, requestId, 'in the same step, without a frame');
  t.like(missing?.result, { type: 'Failed', reason: 'NoSuchDisk' });
  b.stepNode('node01', (state, io) => storage.cmdlets?.['Disconnect-IscsiTarget']?.(state, { requestId: 'disconnect', parameters: { NodeAddress: wsfcTargetIqn } }, io));
  b.stepNode('node01', (state, io) => {
    requestId = readKeys(state, io, { disk, tag });
  });
  const [loggingOut] = takeCompletions(b.state('node01'));
  t.is(loggingOut?.requestId, requestId);
  t.like(loggingOut?.result, { type: 'Failed', reason: 'NoSession' });
  b.advance(10);
  t.deepEqual(b.replies.get('disconnect'), { ok: true, output: null });
  t.like(resultOf(b, 'node01', (s, io, r) => readKeys(s, io, r)), { type: 'Failed', reason: 'NoSuchDisk' }, 'its disks left with the session');
  t.is(b.state('node01').pendingCount, 0);
});

test('a request that times out fails with Timeout, alone; its late answer is dropped and counted', (t) => {
  const b = bench({ scsiRequestTimeoutMs: 5000 });
  b.pathsDown.add('node01');
  let requestId = '';
  b.stepNode('node01', (state, io) => {
    requestId = readKeys(state, io, { disk, tag: { subsystem: 'cluster', token: 'late' } });
  });
  b.advance(4999);
  t.is(b.state('node01').completions.length, 0, 'not before scsiRequestTimeoutMs');
  b.advance(2);
  const [completion] = takeCompletions(b.state('node01'));
  t.is(completion?.requestId, requestId);
  t.like(completion?.result, { type: 'Failed', reason: 'Timeout', detail: 'no answer within 5000 ms' });
  t.is(b.state('node01').pendingCount, 0);
  t.is(b.state('node01').sessions[0]?.phase, 'LoggedIn', 'one slow command does not end the session');
  const sessionId = b.state('node01').sessions[0]!.sessionId!;
  const late: NodeMessage = { type: 'ScsiResponse', requestId, sessionId, status: 'Good', keys: [], generation: 0 };
  b.stepNode('node01', (state, io) => storage.onMessage?.(state, { source: 'host', network: 'Management', message: late }, io));
  t.is(b.state('node01').counters.answersUnmatched, 1);
  t.is(b.state('node01').completions.length, 0, 'no second completion');
});

test('the pending table is bounded by MaxPendingRequests: the next command completes with QueueFull', (t) => {
  const b = bench({ scsiRequestTimeoutMs: 5000 });
  b.pathsDown.add('node01');
  b.stepNode('node01', (state, io) => {
    for (let i = 0; i <= storageLimits.pendingRequestsMax; i++) readKeys(state, io, { disk, tag: { subsystem: 'cluster', token: `n${i}` } });
  });
  t.is(b.state('node01').pendingCount, storageLimits.pendingRequestsMax);
  const refused = takeCompletions(b.state('node01'));
  t.is(refused.length, 1);
  t.like(refused[0]?.result, { type: 'Failed', reason: 'QueueFull' });
  b.advance(5001);
  const timedOut = takeCompletions(b.state('node01'));
  t.is(timedOut.length, storageLimits.pendingRequestsMax);
  t.true(timedOut.every((c) => c.result.type === 'Failed' && c.result.reason === 'Timeout'));
  t.is(b.state('node01').pendingCount, 0);
});
