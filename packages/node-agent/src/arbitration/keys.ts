// The persistent-reservation key a node registers on every clustered disk (facts §3.1, §3.2).
// Windows derives its key from the node's cluster node ID; the exact bytes are not documented, so
// the lab chooses this 8-byte layout (shown as SPC-3 prints it, most significant byte first):
//
//   bytes 0-3  cluster tag: CRC-32 of the cluster name in lower case, so two clusters sharing a
//              target never mistake each other's keys for their own;
//   bytes 4-5  0x0000 (reserved; a later key kind, such as a CSV "shared" key, would go here);
//   bytes 6-7  the cluster node ID (Get-ClusterNode Id), 1-65535.
//
// So node 2 of cluster "wsfc-cluster" holds 0x<crc32("wsfc-cluster")>00000002. A key is never zero
// (the node ID is at least 1), as SPC-3 requires of a registered key. A key whose cluster tag is
// another cluster's, or that is not laid out this way, is "foreign": nobody of this cluster holds
// it, so a challenger treats its holder as outside the membership.
import { formatReservationKey, type ReservationKey } from '@wsfc-lab/protocol';
import { crc32 } from './crc32.js';

/** The largest node ID the key's two bytes carry. */
export const keyNodeIdMax = 0xffff;

/** The 32-bit cluster tag of a cluster name. */
export function clusterTagOf(clusterName: string): number {
  return crc32(new TextEncoder().encode(clusterName.toLowerCase()));
}

/** This cluster's key for node `nodeId`. */
export function reservationKeyOf(o: { clusterTag: number; nodeId: number }): ReservationKey {
  if (!Number.isInteger(o.nodeId) || o.nodeId < 1 || o.nodeId > keyNodeIdMax) throw new RangeError(`node ID ${o.nodeId} does not fit a reservation key (1-${keyNodeIdMax})`);
  return formatReservationKey((BigInt(o.clusterTag >>> 0) << 32n) | BigInt(o.nodeId));
}

/** The node ID a key of this cluster names, or null for a foreign key. */
export function nodeIdOfKey(key: ReservationKey, clusterTag: number): number | null {
  const value = BigInt(key);
  if (value >> 32n !== BigInt(clusterTag >>> 0)) return null;
  const low = Number(value & 0xffff_ffffn);
  if (low > keyNodeIdMax || low < 1) return null;
  return low;
}
