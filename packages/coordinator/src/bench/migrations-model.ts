// The pure-model estimate a drain is compared with: the node's own pre-copy model
// (node-agent hyperv/precopy.ts, simulatePrecopy) for one VM at the share it gets with `limit`
// migrations running at once (the path's bandwidth ÷ limit, and half the host's logical processors
// ÷ limit for compression, as hyperv/migration-link.ts shares them), times the number of waves,
// ceil(N ÷ limit). What it leaves out is what the lab adds: the offer and the cluster's hand-over
// of each role between one migration and the next, and shares that change as a wave drains.
import { simulatePrecopy, type CompressionFigures, type MigrationPerformanceOption, type PrecopyRun } from '@wsfc-lab/node-agent';
import { migrationPathGbps, migrationsHost, migrationsVm } from './migrations-lab.js';

const gibBytes = 1024 ** 3;
const mbBytes = 1e6;

export interface ModelEstimate {
  /** One migration alone at the share of `limit` concurrent ones. */
  perMigration: PrecopyRun;
  waves: number;
  drainMs: number;
  blackoutMs: number;
  bytesSent: number;
  wireBytes: number;
}

export function modelEstimate(o: { vmCount: number; limit: number; option: MigrationPerformanceOption; compression: CompressionFigures }): ModelEstimate {
  const concurrent = Math.min(o.limit, o.vmCount);
  const vm = { memoryBytes: migrationsVm.memoryGiB * gibBytes, workingSetBytes: migrationsVm.workingSetGiB * gibBytes, dirtyRateBytesPerSec: migrationsVm.dirtyRateMBps * mbBytes };
  const share = {
    bandwidthBitsPerSec: (migrationPathGbps(o.option) * 1e9) / concurrent,
    compressionCores: migrationsHost.logicalProcessors / 2 / concurrent,
  };
  const perMigration = simulatePrecopy(vm, o.option, share, o.compression);
  const waves = Math.ceil(o.vmCount / concurrent);
  return {
    perMigration,
    waves,
    drainMs: waves * perMigration.totalMs,
    blackoutMs: perMigration.blackout.durationMs,
    bytesSent: o.vmCount * perMigration.bytesSent,
    wireBytes: o.vmCount * perMigration.wireBytes,
  };
}
