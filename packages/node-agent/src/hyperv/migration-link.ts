// What a migration may use of the network: which network carries it, and its share of the
// bandwidth. Which networks, in which order, is migration-networks.ts (the cluster's setting for a
// migration the cluster drives, the host's for Move-VM; facts §6.2). Concurrent migrations from
// one host share its NIC evenly (the lab's rule); SMB spreads over several networks at once (SMB
// Multichannel, SMB Direct on RDMA ones: migration-networks-smb.ts, facts §6.3). Compression uses
// half the host's logical processors (the other half stays with the running VMs), shared by its
// concurrent compressed migrations.
import type { ActorIo } from '@wsfc-lab/protocol';
import type { LinkShare } from './precopy.js';
import type { HyperVState, HyperVTimer, OutgoingMigration } from './types.js';
import { clusterMigrationOrder, hostMigrationOrder, rankNetworks, usableNetworks, type ClusterMigrationSetting, type MigrationNetworkFacts, type RankedNetwork } from './migration-networks.js';
import { smbLiveMigrationGbps } from './migration-networks-smb.js';
import { hostDriven } from './migration-auth-kerberos.js';

export interface HyperVHost {
  io: ActorIo<HyperVTimer>;
  /** Networks with a working route to `peer`, in the node's cluster preference (cluster-only first). */
  networksTo(peer: string): string[];
  /** The node's networks with their subnets and RDMA flags, when the node gives them; else `h.networks`. */
  networkFacts?(): readonly MigrationNetworkFacts[];
  /** The cluster's MigrationNetworkOrder / MigrationExcludeNetworks, when this host is a cluster node. */
  clusterMigrationSetting?(): ClusterMigrationSetting | undefined;
  /** The domain controller (its actor id) and the network to reach it on: Kerberos tickets. */
  directory?(): { controller: string; network: string } | undefined;
}

/** The host's networks ranked as the cluster numbers them (migration-networks.ts). */
export function rankedNetworks(h: HyperVState, host: HyperVHost): RankedNetwork[] {
  return rankNetworks(host.networkFacts?.() ?? h.networks);
}

/**
 * The networks live migration may use to `peer` now, best first (migration-networks.ts): the
 * cluster's order for a migration the cluster drives, the host's (Set-VMHost,
 * Add-VMMigrationNetwork) for one Hyper-V drives for an administrator (Move-VM).
 */
export function migrationNetworks(h: HyperVState, host: HyperVHost, peer: string, clusterDriven = true): string[] {
  const ranked = rankedNetworks(h, host);
  const order = clusterDriven ? clusterMigrationOrder(ranked, host.clusterMigrationSetting?.()) : hostMigrationOrder(ranked, h.host);
  return usableNetworks(order, host.networksTo(peer)).map((n) => n.name);
}

/** Sends to `peer` on the best live-migration network up to it, else on `fallback` (the one the migration used). */
export function sendToPeer(h: HyperVState, host: HyperVHost, peer: string, message: Parameters<HyperVHost['io']['send']>[2], fallback?: string, clusterDriven = true): void {
  const network = migrationNetworks(h, host, peer, clusterDriven)[0] ?? fallback;
  if (network !== undefined) host.io.send(peer, network, message);
}

const moving = (m: OutgoingMigration) => m.phase === 'Copying' || m.phase === 'Blackout';

export function linkShare(h: HyperVState, host: HyperVHost, migration: OutgoingMigration): LinkShare | undefined {
  const networks = migrationNetworks(h, host, migration.destination, !hostDriven(migration));
  const first = networks[0];
  if (first === undefined) return undefined;
  const concurrent = Math.max(1, h.outgoing.filter((o) => o === migration || moving(o)).length);
  const ranked = rankedNetworks(h, host);
  const gbpsOf = (name: string) => ranked.find((n) => n.name === name)?.bandwidthGbps ?? 1;
  const smb = h.host.VirtualMachineMigrationPerformanceOption === 'SMB';
  const usable = networks.map((name) => ranked.find((n) => n.name === name)!);
  // SMB Direct over RDMA NICs, capped on a cluster node (migration-networks-smb.ts).
  const totalGbps = smb ? smbLiveMigrationGbps(usable, { clusterNode: h.clusterMaximumParallelMigrations !== undefined }) : gbpsOf(first);
  migration.network = first;
  return {
    bandwidthBitsPerSec: (totalGbps * 1e9) / concurrent,
    // Shared in time, not whole cores: five migrations on eight free processors get 1.6 each.
    compressionCores: h.logicalProcessors / 2 / concurrent,
  };
}
