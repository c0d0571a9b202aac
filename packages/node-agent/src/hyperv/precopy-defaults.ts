// The compression figures a node uses when the lab did not measure them (the lab builder measures
// them on a piscina pool at start, coordinator/src/migration/compression-sample.ts): the ratio and
// one core's speed measured on the project's 2-core reference machine (README, "Figures").
import type { CompressionFigures } from './precopy.js';

export const defaultCompression: CompressionFigures = { ratio: 0.441, compressBytesPerSecPerCore: 90 * 1e6 };
