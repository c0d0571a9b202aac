// Unit tests of the database copy, the digest chain and the message bounds.
import test from 'ava';
import { encodeValue, limits } from '@wsfc-lab/protocol';
import { applyChanges, applyUpdate, checkPath, emptyCopy, getValue, listKeys, readObject, sequenceUpdate, type DbChange, type DbValue } from './database.js';
import { nextEpoch, epochRound } from './epoch.js';
import { gumLimits } from './limits.js';
import { GumMessageSchema, type GumMessage } from './messages.js';

const set = (path: string, value: DbValue): DbChange => ({ op: 'SetValue', path, value });

test('DeleteKey removes the key and everything under it, and nothing that only shares a prefix', (t) => {
  const start = { 'Groups/VM1/OwnerNode': 'hv01', 'Groups/VM1/State': 'Online', 'Groups/VM1': 'x', 'Groups/VM10/OwnerNode': 'hv02' };
  const result = applyChanges(start, [{ op: 'DeleteKey', path: 'Groups/VM1' }]);
  t.true(result.ok);
  if (result.ok) t.deepEqual(result.entries, { 'Groups/VM10/OwnerNode': 'hv02' });
  t.deepEqual(Object.keys(start).length, 4, 'the input entries are untouched');
});

test('changes apply in order, atomically; an update past databaseEntriesMax is refused whole', (t) => {
  const ok = applyChanges({}, [set('Cluster/A', 1), { op: 'DeleteValue', path: 'Cluster/A' }, set('Cluster/A', 2)]);
  t.true(ok.ok && ok.entries['Cluster/A'] === 2);
  const full: Record<string, DbValue> = {};
  for (let i = 0; i < gumLimits.databaseEntriesMax; i++) full[`Resources/R${i}/State`] = 'Online';
  const over = applyChanges(full, [set('Resources/Extra/State', 'Online')]);
  t.false(over.ok);
  if (!over.ok) t.regex(over.reason, /databaseEntriesMax 16384/);
});

test('Expect is a compare-and-set: the update applies only if the path still holds the value, else nothing of it', (t) => {
  const entries = { 'Groups/vm01/OwnerNode': 'node01' };
  const move = (from: string): DbChange[] => [
    { op: 'Expect', path: 'Groups/vm01/OwnerNode', value: from },
    { op: 'SetValue', path: 'Groups/vm01/OwnerNode', value: 'node02' },
  ];
  const applied = applyChanges(entries, move('node01'));
  t.true(applied.ok && applied.entries['Groups/vm01/OwnerNode'] === 'node02');
  const refused = applyChanges(entries, move('node03'));
  t.false(refused.ok);
  t.regex(refused.ok ? '' : refused.reason, /Groups\/vm01\/OwnerNode is "node01", not "node03"/);
  t.deepEqual(entries, { 'Groups/vm01/OwnerNode': 'node01' }, 'the copy is unchanged');
});

test('paths start with a known root and have no empty, "." or ".." segment', (t) => {
  t.is(checkPath('Groups/VM1/OwnerNode'), undefined);
  t.is(checkPath('Cluster'), undefined);
  t.regex(checkPath('Bogus/Key') ?? '', /must start with one of Cluster, Nodes/);
  t.truthy(checkPath('Groups//OwnerNode'));
  t.truthy(checkPath('Groups/VM1/'));
  t.truthy(checkPath('Groups/../Nodes'));
  t.truthy(checkPath('__proto__'));
  t.regex(checkPath(`Groups/${'x'.repeat(300)}`) ?? '', /1 to 256 characters, got 307/);
});

test('the digest chain: the same updates in the same order give the same digest, any other order another', (t) => {
  const a = sequenceUpdate(emptyCopy(), { epoch: 65537, origin: 'hv01', incarnation: 0, requestNumber: 1, changes: [set('Cluster/A', 1)] });
  const b = sequenceUpdate(emptyCopy(), { epoch: 65537, origin: 'hv02', incarnation: 0, requestNumber: 1, changes: [set('Cluster/B', 1)] });
  if (!a.ok || !b.ok) return t.fail('sequencing failed');
  const ab = sequenceUpdate(a.copy, { epoch: 65537, origin: 'hv02', incarnation: 0, requestNumber: 1, changes: [set('Cluster/B', 1)] });
  const ba = sequenceUpdate(b.copy, { epoch: 65537, origin: 'hv01', incarnation: 0, requestNumber: 1, changes: [set('Cluster/A', 1)] });
  if (!ab.ok || !ba.ok) return t.fail('sequencing failed');
  t.deepEqual(ab.copy.entries, ba.copy.entries, 'same contents');
  t.not(ab.copy.digest, ba.copy.digest, 'different histories');
  // A member replays the locker's updates and reaches the same copy.
  const replayed = applyUpdate(emptyCopy(), a.update);
  t.true(replayed.ok);
  if (replayed.ok) {
    const second = applyUpdate(replayed.copy, ab.update);
    t.true(second.ok && second.copy.digest === ab.copy.digest);
  }
  t.false(applyUpdate(emptyCopy(), ab.update).ok, 'an update that does not follow is refused');
  t.false(applyUpdate(emptyCopy(), { ...a.update, changes: [set('Cluster/A', 2)] }).ok, 'a tampered update is refused');
});

test('the origins table forgets the least recent origin beyond originsMax', (t) => {
  let copy = emptyCopy();
  for (let i = 0; i <= gumLimits.originsMax; i++) {
    const r = sequenceUpdate(copy, { epoch: 65537, origin: `n${i}`, incarnation: 0, requestNumber: 1, changes: [set('Cluster/A', i)] });
    if (!r.ok) return t.fail(r.reason);
    copy = r.copy;
  }
  t.is(Object.keys(copy.origins).length, gumLimits.originsMax);
  t.is(copy.origins['n0'], undefined);
  t.deepEqual(copy.origins[`n${gumLimits.originsMax}`], { incarnation: 0, requestNumber: 1, sequence: gumLimits.originsMax + 1 });
});

test('reading: values, child keys and objects (a "__proto__" property stays a property)', (t) => {
  const r = sequenceUpdate(emptyCopy(), {
    epoch: 1,
    origin: 'hv01',
    incarnation: 0,
    requestNumber: 1,
    changes: [set('Groups/VM1/OwnerNode', 'hv01'), set('Groups/VM1/__proto__', 'odd'), set('Groups/VM2/OwnerNode', 'hv02'), set('Groups/VM2/Disks/Disk1', true)],
  });
  if (!r.ok) return t.fail(r.reason);
  t.is(getValue(r.copy, 'Groups/VM2/OwnerNode'), 'hv02');
  t.is(getValue(r.copy, 'Groups/VM3/OwnerNode'), undefined);
  t.deepEqual(listKeys(r.copy, 'Groups'), ['VM1', 'VM2']);
  const vm1 = readObject(r.copy, 'Groups/VM1');
  t.is(Object.getPrototypeOf(vm1), Object.prototype);
  t.deepEqual(Object.keys(vm1).sort(), ['OwnerNode', '__proto__']);
  t.deepEqual(readObject(r.copy, 'Groups/VM2'), { OwnerNode: 'hv02' });
});

test('epochs: the next round after every known epoch, with the locker node ID in the low bits', (t) => {
  const e1 = nextEpoch(0, 1);
  const e2 = nextEpoch(e1, 3);
  const e2b = nextEpoch(e1, 2);
  t.is(epochRound(e1), 1);
  t.true(e2 > e1 && e2b > e1);
  t.not(e2, e2b, 'two lockers picking the same round pick different epochs');
  t.throws(() => nextEpoch(0, 70_000), { message: /node ID must be an integer from 0 to 65535, got 70000/ });
});

function worstChunk(): GumMessage {
  const value = Array.from({ length: gumLimits.arrayItemsMax }, () => '\u30ab'.repeat(gumLimits.arrayItemCharsMax));
  const entries: [string, DbValue][] = Array.from({ length: gumLimits.snapshotChunkEntriesMax }, (_, i) => [`Groups/${'\u30ab'.repeat(gumLimits.pathCharsMax - 16)}${String(i).padStart(4, '0')}`, value]);
  const origins = Array.from({ length: gumLimits.originsMax }, (_, i) => ({ origin: `n${i}`.padEnd(gumLimits.nameCharsMax, 'x'), incarnation: 2 ** 40, requestNumber: 2 ** 40, sequence: 2 ** 40 }));
  return { type: 'GumSnapshotChunk', viewNumber: 1, epoch: 1, sequence: 1, digest: '0123456789abcdef', cursor: 0, totalEntries: 9999, entries, origins };
}

test('the largest snapshot chunk a node may send passes its schema and fits in a frame', (t) => {
  const chunk = GumMessageSchema.parse(worstChunk());
  const bytes = encodeValue(chunk).length;
  t.true(bytes < limits.frameBytesMax, `${bytes} bytes`);
  t.throws(() => GumMessageSchema.parse({ ...worstChunk(), entries: [...(worstChunk() as { entries: unknown[] }).entries, ['Groups/x', 1]] }));
});

test('schemas refuse what a step could never have sent: unbounded strings, bad paths, empty updates', (t) => {
  const request = { type: 'GumRequest', viewNumber: 1, incarnation: 0, requestNumber: 1, changes: [set('Cluster/A', 1)] };
  t.notThrows(() => GumMessageSchema.parse(request));
  t.throws(() => GumMessageSchema.parse({ ...request, changes: [] }));
  t.throws(() => GumMessageSchema.parse({ ...request, changes: [set('Bogus/A', 1)] }));
  t.throws(() => GumMessageSchema.parse({ ...request, changes: [set('Cluster/A', 'x'.repeat(gumLimits.stringValueCharsMax + 1))] }));
  t.throws(() => GumMessageSchema.parse({ ...request, changes: [set('Cluster/A', Array(gumLimits.arrayItemsMax + 1).fill(1))] }));
  t.throws(() => GumMessageSchema.parse({ ...request, changes: Array(gumLimits.changesPerUpdateMax + 1).fill(set('Cluster/A', 1)) }));
  t.throws(() => GumMessageSchema.parse({ ...request, requestNumber: 0 }));
});
