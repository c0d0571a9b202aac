import test from 'ava';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBlockStore, FileDurableStore } from './file-stores.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'wsfc-lab-store-'));

test('durable records survive a new store on the same directory, byte arrays included', (t) => {
  const directory = fresh();
  const first = new FileDurableStore(directory);
  first.put('reservations', { generation: 7, keys: ['0x0000000000000001'], blob: new Uint8Array([1, 2, 255]) });
  const second = new FileDurableStore(directory);
  const value = second.get('reservations') as { generation: number; blob: Uint8Array };
  t.is(value.generation, 7);
  t.true(value.blob instanceof Uint8Array);
  t.deepEqual([...value.blob], [1, 2, 255]);
  t.is(second.get('missing'), undefined);
});

test('block devices are sparse files whose data survives a reopen', (t) => {
  const directory = fresh();
  const store = new FileBlockStore(directory);
  const sizeBlocks = 20 * 1024 * 1024 * 2; // 20 GiB of 512-byte blocks
  t.is(store.open('Cluster Disk 1', sizeBlocks), sizeBlocks);
  const data = new Uint8Array(4096).fill(0xab);
  store.write('Cluster Disk 1', 1000, data);
  store.close();
  const reopened = new FileBlockStore(directory);
  reopened.open('Cluster Disk 1', sizeBlocks);
  t.deepEqual(reopened.read('Cluster Disk 1', 1000, 8), data);
  t.deepEqual(reopened.read('Cluster Disk 1', 0, 1), new Uint8Array(512), 'never-written blocks read as zeros');
  const file = statSync(join(directory, `${encodeURIComponent('Cluster Disk 1')}.img`));
  t.is(file.size, sizeBlocks * 512);
  t.true(file.blocks * 512 < 1024 * 1024, 'sparse: almost nothing allocated');
  t.throws(() => reopened.read('Cluster Disk 1', sizeBlocks, 1), { message: /outside device "Cluster Disk 1"/ });
  t.throws(() => reopened.write('Cluster Disk 1', 0, new Uint8Array(100)), { message: /not a whole number of 512-byte blocks/ });
});
