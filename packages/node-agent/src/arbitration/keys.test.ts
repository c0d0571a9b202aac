// The reservation key layout: cluster tag in the high four bytes, node ID in the low two.
import test from 'ava';
import { zeroReservationKey } from '@wsfc-lab/protocol';
import { crc32 } from './crc32.js';
import { clusterTagOf, nodeIdOfKey, reservationKeyOf } from './keys.js';

test('crc32 is the zlib checksum (check value of "123456789")', (t) => {
  t.is(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
});

test("a node's key carries the cluster's tag and its node ID, and decodes back to the node", (t) => {
  const clusterTag = clusterTagOf('wsfc-cluster');
  const key = reservationKeyOf({ clusterTag, nodeId: 2 });
  t.is(key, `0x${clusterTag.toString(16).padStart(8, '0')}00000002`);
  t.not(key, zeroReservationKey);
  t.is(nodeIdOfKey(key, clusterTag), 2);
  t.is(clusterTagOf('WSFC-Cluster'), clusterTag, 'the cluster name is not case-sensitive');
});

test("another cluster's key, or a key not laid out as ours, names no node of this cluster", (t) => {
  const ours = clusterTagOf('wsfc-cluster');
  const theirs = reservationKeyOf({ clusterTag: clusterTagOf('other-cluster'), nodeId: 2 });
  t.is(nodeIdOfKey(theirs, ours), null);
  t.is(nodeIdOfKey(`0x${ours.toString(16).padStart(8, '0')}00010002`, ours), null, 'reserved bytes set');
  t.is(nodeIdOfKey('0x0123456789abcdef', ours), null);
});

test('a node ID outside 1-65535 has no key', (t) => {
  t.throws(() => reservationKeyOf({ clusterTag: 1, nodeId: 0 }), { message: /node ID 0 does not fit/ });
  t.throws(() => reservationKeyOf({ clusterTag: 1, nodeId: 70_000 }), { message: /node ID 70000 does not fit/ });
});
