import test from 'ava';
import { blockSizeBytes } from '@wsfc-lab/protocol';
import { afterRewriteRead, rewriteReadOf, storageCommandOf } from './probe-commands.js';

test('a PR probe command is the storage command of the same name and fields', (t) => {
  const key = '0x0000000100010000';
  t.deepEqual(storageCommandOf({ type: 'Reserve', key, reservationType: 'WriteExclusiveRegistrantsOnly' }), { type: 'Reserve', key, reservationType: 'WriteExclusiveRegistrantsOnly' });
  t.deepEqual(storageCommandOf({ type: 'ReadReservation' }), { type: 'ReadReservation' });
});

test('RewriteBlock reads one block, then writes the same bytes back; a refused READ is the step\'s answer', (t) => {
  t.deepEqual(rewriteReadOf(40), { type: 'Read', lba: 40, blockCount: 1 });
  const data = new Uint8Array(blockSizeBytes).fill(7);
  const next = afterRewriteRead(40, { type: 'Data', data });
  t.true('write' in next && next.write.type === 'Write' && next.write.data === data);
  t.deepEqual(afterRewriteRead(40, { type: 'ReservationConflict' }), { result: { type: 'ReservationConflict' } });
});
