// The bandwidth live migration gets with the SMB performance option (facts §6.3, §6.1 [L3]).
//
// - SMB Multichannel spreads the transfer over several interfaces at once, and prefers the fastest
//   kind it finds: RDMA-capable interfaces when there are any (SMB Direct), else every usable one
//   [L1] [L3] [inferred: Multichannel's interface selection, RDMA before the rest].
// - Over RDMA the NIC moves the memory itself: the source's processors spend nothing on copying.
//   The lab charges processor time only for Compression (precopy.ts), so SMB, with or without
//   RDMA, costs none; what RDMA changes is the networks used and, on a cluster node, the cap below.
// - On a cluster node (Windows Server 2022 with the September 2022 update, Azure Stack HCI) the
//   cluster sets an SMB bandwidth limit for live migration by default: SetSMBBandwidthLimit 1 and
//   SMBBandwidthLimitFactor 2500, i.e. 25 % of the aggregate RDMA bandwidth [L3]. The limit is
//   applied only when there is RDMA bandwidth to take a share of.
import type { MigrationNetworkFacts } from './migration-networks.js';

/** The cluster's SMB limit for live migration, facts §6.1 [L3]: on by default, 2500 = 25 %. */
export const smbBandwidthLimitDefaults = { SetSMBBandwidthLimit: 1, SMBBandwidthLimitFactor: 2500, factorScale: 10_000 } as const;

const gbpsOf = (n: MigrationNetworkFacts) => n.bandwidthGbps ?? 1;

/** The networks SMB Multichannel carries the migration over: the RDMA ones when any is usable. */
export function smbNetworks<N extends MigrationNetworkFacts>(usable: readonly N[]): N[] {
  const rdma = usable.filter((n) => n.rdma === true);
  return rdma.length > 0 ? rdma : [...usable];
}

/** The Gbps one host's SMB live migrations share, over `usable` (best first). */
export function smbLiveMigrationGbps(usable: readonly MigrationNetworkFacts[], o: { clusterNode: boolean }): number {
  const networks = smbNetworks(usable);
  const aggregateGbps = networks.reduce((sum, n) => sum + gbpsOf(n), 0);
  const rdmaGbps = networks.filter((n) => n.rdma === true).reduce((sum, n) => sum + gbpsOf(n), 0);
  if (!o.clusterNode || rdmaGbps === 0) return aggregateGbps;
  return Math.min(aggregateGbps, (rdmaGbps * smbBandwidthLimitDefaults.SMBBandwidthLimitFactor) / smbBandwidthLimitDefaults.factorScale);
}
