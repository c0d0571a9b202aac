// The values a lab file may leave out, each with where it comes from. Product defaults come from
// the fact sheet (shared/wsfc-facts.md); the few lab parameters that have no product value
// (how fast a guest dirties memory) say so.
import type { GroupPriority, OsVersion, ProcessorCompatibility } from './lab-types.js';

export const labDefaults = {
  domain: 'wsfc.local',
  /** The lab's clock at simulated 0 (a Monday at midnight, UTC): failback windows and logs read it. */
  startTime: '2026-01-05T00:00:00Z',
  network: {
    /** A plain 1 GbE network. */
    bandwidthGbps: 1,
    /** One-way latency of a switched LAN, in simulated ms. */
    latencyMs: 0.2,
  },
  node: {
    memoryGiB: 64,
    logicalProcessors: 16,
    cpu: { vendor: 'Intel' as const, features: 3 },
    osVersion: 2022 as OsVersion,
  },
  vm: {
    /** New-VM's startup memory when -MemoryStartupBytes is not given [UNCONFIRMED: 1 GB on 2016+]. */
    memoryGiB: 1,
    /** Lab parameter (no product value): a lightly loaded server guest. */
    dirtyRateMBps: 16,
    /** Group Priority 2000, Medium (facts §4.4). */
    priority: 'Medium' as GroupPriority,
    /** Compatibility for migration is off unless enabled (facts §9). */
    processorCompatibility: 'None' as ProcessorCompatibility,
    /** Protected network is on for every virtual NIC (facts §7). */
    clusterMonitored: true,
  },
  role: {
    type: 'FileServer' as const,
    priority: 'Medium' as GroupPriority,
  },
} as const;

/** VM configuration versions each host OS supports, lowest and highest (facts §10.2). */
export const configVersionRange: Record<OsVersion, { lowest: string; highest: string }> = {
  2012: { lowest: '5.0', highest: '5.0' },
  2016: { lowest: '5.0', highest: '8.0' },
  2019: { lowest: '5.0', highest: '9.0' },
  2022: { lowest: '8.0', highest: '10.0' },
  2025: { lowest: '8.0', highest: '12.0' },
};

/** Compares `major.minor` versions: negative, zero or positive. */
export function compareConfigVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor !== bMajor ? aMajor - bMajor : aMinor - bMinor;
}
