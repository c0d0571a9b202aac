// The mount manager's drive letters: automount skips the node's own and remembered letters, an
// explicit letter moves from an absent volume, and a damaged record is discarded, not trusted.
import test from 'ava';
import { MemoryDurableStore } from '@wsfc-lab/protocol';
import { assignLetter, loadMountDatabase, nextFreeLetter, saveMountDatabase, type MountDatabase } from './mount-manager.js';

test('automount gives E: first (C: is the system volume, D: the DVD drive), then skips remembered letters', (t) => {
  const db: MountDatabase = { entries: [] };
  t.is(nextFreeLetter(db), 'E');
  assignLetter(db, 'guid-1', 'E');
  assignLetter(db, 'guid-2', null);
  t.is(nextFreeLetter(db), 'F', 'E: stays with its volume while the volume is away');
});

test('assigning a letter held by another volume takes it from that volume', (t) => {
  const db: MountDatabase = { entries: [] };
  assignLetter(db, 'guid-1', 'e');
  assignLetter(db, 'guid-2', 'E');
  t.deepEqual(db.entries, [
    { partitionGuid: 'guid-1', driveLetter: null },
    { partitionGuid: 'guid-2', driveLetter: 'E' },
  ]);
});

test('the database round-trips through the store, and a damaged record is discarded', (t) => {
  const store = new MemoryDurableStore();
  const db: MountDatabase = { entries: [{ partitionGuid: 'guid-1', driveLetter: 'E' }] };
  saveMountDatabase(store, db);
  t.deepEqual(loadMountDatabase(store), { db, discarded: false });
  store.put('storage/mounted-devices', { version: 1, entries: [{ partitionGuid: 'guid-1', driveLetter: 'EE' }] });
  t.deepEqual(loadMountDatabase(store), { db: { entries: [] }, discarded: true });
  t.deepEqual(loadMountDatabase(new MemoryDurableStore()), { db: { entries: [] }, discarded: false });
});
