// The witness tag block and the grant rule it feeds.
import test from 'ava';
import { grantVerdict } from './grant-rule.js';
import { arbitrationTagLba, decodeArbitrationTag, encodeArbitrationTag } from './tag-block.js';

test('a tag round-trips through its block, and a zero block is "never granted"', (t) => {
  const tag = { viewNumber: 7, coordinator: 'node02', previousViewNumber: 6 };
  const block = encodeArbitrationTag(tag);
  t.is(block.byteLength, 512);
  t.deepEqual(decodeArbitrationTag(block), { ok: true, tag });
  t.deepEqual(decodeArbitrationTag(new Uint8Array(512)), { ok: true, tag: null });
});

test('a damaged tag block is unreadable, with the reason', (t) => {
  const block = encodeArbitrationTag({ viewNumber: 7, coordinator: 'node02', previousViewNumber: 6 });
  block[9] = (block[9] as number) ^ 0xff;
  const decoded = decodeArbitrationTag(block);
  t.false(decoded.ok);
  t.regex(decoded.ok ? '' : decoded.why, /CRC-32/);
  const foreign = decodeArbitrationTag(new Uint8Array(512).fill(0x41));
  t.false(foreign.ok);
  t.regex(foreign.ok ? '' : foreign.why, /does not start with WSFCTAG1/);
});

test('the tag lives in the last usable block, clear of the GPT backup and of 1 MiB-aligned partitions', (t) => {
  const sizeBlocks = 8192; // a 4 MiB disk
  const lba = arbitrationTagLba(sizeBlocks);
  t.is(lba, sizeBlocks - 34);
  const lastPartitionEnd = Math.floor((sizeBlocks - 33) / 2048) * 2048 - 1;
  t.true(lba > lastPartitionEnd && lba < sizeBlocks - 33);
  t.throws(() => arbitrationTagLba(10), { message: /too small/ });
});

test('grant rule: a set that knows the granted view, or the same leader again from no older a view, gets the witness', (t) => {
  const recorded = { viewNumber: 5, coordinator: 'node01', previousViewNumber: 4 };
  t.true(grantVerdict(null, { viewNumber: 1, previousViewNumber: 0, coordinator: 'node02' }).granted, 'a witness never granted');
  t.true(grantVerdict(recorded, { viewNumber: 6, previousViewNumber: 5, coordinator: 'node02' }).granted, 'knows view 5');
  t.true(grantVerdict(recorded, { viewNumber: 5, previousViewNumber: 4, coordinator: 'node01' }).granted, 'node01 retrying its view 5');
  const stale = grantVerdict(recorded, { viewNumber: 5, previousViewNumber: 4, coordinator: 'node02' });
  t.false(stale.granted, 'another successor of view 4');
  t.regex(stale.granted ? '' : stale.why, /last granted view 5 \(leader node01, after view 4\); a set that knows only view 4 \(leader node02\)/);
  t.false(grantVerdict(recorded, { viewNumber: 4, previousViewNumber: 3, coordinator: 'node01' }).granted, 'the same leader from an older view');
});
