// Starts a lab on a runtime: builds the actors and fabric from the lab spec, creates the runtime
// and the event-fed cluster view. Used by `lab run`, the interactive lab, chaos and benchmarks.
import { join } from 'node:path';
import type { LabSpec, RuntimeKind } from '../config/mod.js';
import { ClusterView } from '../observe/cluster-view.js';
import type { Runtime } from '../runtime/runtime.js';
import { SimRuntime } from '../runtime/sim/sim-runtime.js';
import { ThreadsRuntime } from '../runtime/threads/threads-runtime.js';
import { buildLab, type BuiltLab } from './build-lab.js';
import type { CompressionFigures } from '@wsfc-lab/node-agent';

export interface LabInstance {
  spec: LabSpec;
  built: BuiltLab;
  runtime: Runtime;
  view: ClusterView;
}

export interface StartLabOptions {
  runtime: RuntimeKind;
  seed: number;
  /** threads: wall ms per simulated ms. */
  timeScale: number;
  /** threads: where machines keep their files; removed at stop unless `keepData`. */
  dataDirectory?: string;
  keepData?: boolean;
  /** Live-migration compression as measured (lab/compression.ts); absent: the nodes' defaults. */
  compression?: CompressionFigures;
  /** sim: activate the actors' fault sites (`io.buggify`) from the seed (runtime/sim/buggify.ts). */
  buggify?: boolean;
}

export function createLab(spec: LabSpec, options: StartLabOptions): LabInstance {
  const built = buildLab(spec, options.compression);
  const common = { actors: built.actors, fabric: built.fabric, seed: options.seed };
  const runtime: Runtime =
    options.runtime === 'sim'
      ? new SimRuntime({ ...common, ...(options.buggify ? { buggify: true } : {}) })
      : new ThreadsRuntime({
          ...common,
          timeScale: options.timeScale,
          dataDirectory: options.dataDirectory ?? join(process.cwd(), '.lab-data', `run-${process.pid}-${Date.now()}`),
          keepData: options.keepData ?? false,
        });
  const view = new ClusterView(built.nodes);
  runtime.onEntry((entry) => view.apply(entry));
  return { spec, built, runtime, view };
}
