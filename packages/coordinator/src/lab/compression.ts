// The live-migration compression figures a lab's nodes use (facts §6.3: Compression is the
// default option). They are measured, not assumed: page-like sample data compressed on a piscina
// pool (migration/compression-sample.ts). The ratio depends only on the seeded sample, so `sim`
// takes it as measured; the speed depends on this machine's load, so `sim` keeps the nodes' fixed
// default speed and stays reproducible, while `threads` uses the speed measured now.
import { defaultCompressionFigures, type CompressionFigures } from '@wsfc-lab/node-agent';
import type { LabSpec, RuntimeKind } from '../config/mod.js';
import { measureCompression } from '../migration/compression-sample.js';

/** Undefined for a lab without VMs: nothing to migrate, nothing to measure. */
export async function labCompression(spec: LabSpec, runtime: RuntimeKind): Promise<CompressionFigures | undefined> {
  if (spec.vms.length === 0) return undefined;
  const measured = await measureCompression();
  return runtime === 'sim' ? { ratio: measured.ratio, compressBytesPerSecPerCore: defaultCompressionFigures.compressBytesPerSecPerCore } : { ratio: measured.ratio, compressBytesPerSecPerCore: measured.compressBytesPerSecPerCore };
}
