// The benchmarks' public surface: the CLI entry and each benchmark as a function.
export { benchMain, benchProgram } from './cli.js';
export { fabricBench, fabricDefaults, type FabricBenchOptions, type FabricBenchResult } from './fabric-bench.js';
export { bootBench, bootDefaults, type BootBenchOptions, type BootBenchResult } from './boot-bench.js';
export { detectBench, detectDefaults, detectMisses, detectGoalRatioMax, type DetectBenchOptions, type DetectBenchResult } from './detect-bench.js';
export { pingerActor, type PingerConfig } from './pinger-actor.js';
