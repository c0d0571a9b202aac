// What a migration may use of the network: which network carries it, and its share of the
// bandwidth. By default every network that allows cluster traffic may carry live migration, with
// the lowest-metric one (the cluster-only network) last (facts §6.2). Concurrent migrations from
// one host share its NIC evenly (the lab's rule); SMB spreads over every such network at once
// (SMB Multichannel, facts §6.3). Compression uses half the host's logical processors (the other
// half stays with the running VMs), shared by its concurrent compressed migrations.
import type { ActorIo } from '@wsfc-lab/protocol';
import type { LinkShare } from './precopy.js';
import type { HyperVState, HyperVTimer, OutgoingMigration } from './types.js';

export interface HyperVHost {
  io: ActorIo<HyperVTimer>;
  /** Networks with a working route to `peer`, in the node's cluster preference (cluster-only first). */
  networksTo(peer: string): string[];
}

const roleOrder: Record<string, number> = { ClusterAndClient: 0, ClusterOnly: 1 };

/** The networks live migration may use to `peer`, best first; never a network without cluster traffic. */
export function migrationNetworks(h: HyperVState, host: HyperVHost, peer: string): string[] {
  const up = new Set(host.networksTo(peer));
  return h.networks
    .filter((n) => up.has(n.name) && n.role !== 'None')
    .sort((a, b) => (roleOrder[a.role] ?? 2) - (roleOrder[b.role] ?? 2))
    .map((n) => n.name);
}

/** Sends to `peer` on the best live-migration network up to it, else on `fallback` (the one the migration used). */
export function sendToPeer(h: HyperVState, host: HyperVHost, peer: string, message: Parameters<HyperVHost['io']['send']>[2], fallback?: string): void {
  const network = migrationNetworks(h, host, peer)[0] ?? fallback;
  if (network !== undefined) host.io.send(peer, network, message);
}

const moving = (m: OutgoingMigration) => m.phase === 'Copying' || m.phase === 'Blackout';

export function linkShare(h: HyperVState, host: HyperVHost, migration: OutgoingMigration): LinkShare | undefined {
  const networks = migrationNetworks(h, host, migration.destination);
  const first = networks[0];
  if (first === undefined) return undefined;
  const concurrent = Math.max(1, h.outgoing.filter((o) => o === migration || moving(o)).length);
  const gbpsOf = (name: string) => h.networks.find((n) => n.name === name)?.bandwidthGbps ?? 1;
  const smb = h.host.VirtualMachineMigrationPerformanceOption === 'SMB';
  const totalGbps = smb ? networks.reduce((sum, n) => sum + gbpsOf(n), 0) : gbpsOf(first);
  migration.network = first;
  return {
    bandwidthBitsPerSec: (totalGbps * 1e9) / concurrent,
    // Shared in time, not whole cores: five migrations on eight free processors get 1.6 each.
    compressionCores: h.logicalProcessors / 2 / concurrent,
  };
}
