// The scenario file format (spec "A scenario") as zod schemas. A step is a map with one kind key
// (run, fault, wait, expect), and a fault a map with one fault key; each variant is a strict
// schema of its own, so the validator can pick the variant by its key and report that variant's
// own problems instead of a union's "matches nothing". The unions are built from the same pieces
// for the JSON Schema.
import { z } from 'zod';
import { describeValue } from './issues.js';
import { labSchema } from './lab-schema.js';

const durationPattern = /^\d+(?:\.\d+)?(?:ms|s|m|h)$/;
const durationError = (issue: { input?: unknown }): string => `is not a duration (e.g. 500ms, 15s, 2m, 1h), got ${describeValue(issue.input)}`;

/** Simulated time: `500ms`, `15s`, `2m`, `1h` (parsed with parseDurationMs). */
export const durationSchema = z.string({ error: durationError }).regex(durationPattern, { error: durationError }).describe('simulated time: 500ms, 15s, 2m, 1h');

const machine = z.string().min(1).describe('a machine of the lab: a node, the storage target, the directory, or storage / directory');
const networkName = z.string().min(1).describe('a network of the lab');

// --- faults -----------------------------------------------------------------------------------

const nicSchema = z.strictObject({ node: machine, network: networkName });

export const faultVariants = {
  kill: z.strictObject({ kill: machine }).describe("terminates the machine's worker, as pulling the power"),
  restart: z.strictObject({ restart: machine }).describe('starts a killed machine again'),
  pause: z.strictObject({ pause: machine, for: durationSchema }).describe('freezes the machine for a while'),
  partition: z
    .strictObject({
      partition: z.array(z.array(z.string().min(1)).min(1)).min(2).describe('groups of machines that can only reach their own group'),
      network: networkName.optional().describe('only this network; default every network'),
    })
    .describe('splits the network into groups'),
  heal: z.strictObject({ heal: z.literal('all') }).describe('ends every partition, NIC fault, path fault and loss'),
  nicDown: z.strictObject({ nicDown: nicSchema }),
  nicUp: z.strictObject({ nicUp: nicSchema }),
  storagePathDown: z.strictObject({ storagePathDown: z.string().min(1).describe('a node') }).describe("cuts the node's path to the storage target"),
  storagePathUp: z.strictObject({ storagePathUp: z.string().min(1).describe('a node') }),
  loss: z.strictObject({ loss: z.strictObject({ network: networkName, percent: z.number().min(0).max(100) }) }).describe('drops this share of frames'),
} as const;

export type FaultKey = keyof typeof faultVariants;
export const faultKeys = Object.keys(faultVariants) as FaultKey[];

export const faultSchema = z.union([
  faultVariants.kill,
  faultVariants.restart,
  faultVariants.pause,
  faultVariants.partition,
  faultVariants.heal,
  faultVariants.nicDown,
  faultVariants.nicUp,
  faultVariants.storagePathDown,
  faultVariants.storagePathUp,
  faultVariants.loss,
]);

// --- expect -----------------------------------------------------------------------------------

const scalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const matcherError = (issue: { input?: unknown }): string =>
  `expected a value, or { in: [..] }, { not: x }, { atLeast: n } or { atMost: n }, got ${describeValue(issue.input)}`;

/** A scalar (equality) or one of the comparison maps. */
export const matcherSchema = z.union(
  [
    scalarSchema,
    z.strictObject({ in: z.array(scalarSchema).min(1) }),
    z.strictObject({ not: scalarSchema }),
    z.strictObject({ atLeast: z.number() }),
    z.strictObject({ atMost: z.number() }),
  ],
  { error: matcherError },
);

export const selectorKeys = ['node', 'group', 'resource', 'network', 'vm', 'disk', 'cluster', 'event', 'migrations'] as const;
export const expectOptionKeys = ['within', 'during'] as const;

const objectName = z.string().min(1);

export const expectSchema = z
  .object({
    node: objectName.optional(),
    group: objectName.optional(),
    resource: objectName.optional(),
    network: objectName.optional().describe('a cluster network (Get-ClusterNetwork): "Cluster Network 1" or the lab\'s network name'),
    vm: objectName.optional(),
    disk: objectName.optional().describe("the storage target's view of a LUN"),
    cluster: z.union([z.strictObject({}), z.null()]).optional().describe('{}'),
    event: z.record(z.string(), matcherSchema).optional().describe('holds once such an event was logged, e.g. { Id: 1135, Node: node01 }'),
    migrations: z
      .union([z.strictObject({ node: objectName.optional().describe('only migrations with this source') }), z.null()])
      .optional(),
    within: durationSchema.optional().describe('wait up to this long for the properties to hold'),
    during: durationSchema.optional().describe('the properties must hold at every moment of this stretch'),
  })
  .catchall(matcherSchema)
  .describe('one selector and the properties (real cmdlet output names) that must hold');

// --- steps ------------------------------------------------------------------------------------

export const stepVariants = {
  run: z
    .strictObject({
      run: z.string().min(1).describe('a cmdlet line as an administrator types it'),
      expectError: z.string().min(1).optional().describe('pass only if it fails with a message containing this'),
      background: z.boolean().default(false).describe('start it and go on, as -AsJob'),
    })
    .describe('runs a cmdlet'),
  fault: z.strictObject({ fault: faultSchema }).describe('injects a fault'),
  wait: z.strictObject({ wait: durationSchema }).describe('lets simulated time pass'),
  expect: z.strictObject({ expect: expectSchema }).describe('checks properties, now, within a time or during a time'),
} as const;

export type StepKey = keyof typeof stepVariants;
export const stepKeys = Object.keys(stepVariants) as StepKey[];

export const stepSchema = z.union([stepVariants.run, stepVariants.fault, stepVariants.wait, stepVariants.expect]);

// --- the scenario -----------------------------------------------------------------------------

/** The scenario's top level; `lab` and `steps` are given so the validator can check them apart. */
export function scenarioShape<L extends z.ZodType, S extends z.ZodType>(lab: L, step: S) {
  return z
    .strictObject({
      name: z.string().min(1),
      description: z.string().optional(),
      lab: lab,
      runtime: z.enum(['threads', 'sim']).default('threads'),
      seed: z.int().min(0).max(2 ** 32 - 1).default(1),
      timeScale: z.number().positive().default(0.01).describe('threads: wall ms per simulated ms'),
      steps: z.array(step),
    })
    .describe('A wsfc-lab scenario: a lab and the steps that happen to it');
}

/** The lab of a scenario: `default`, a path relative to the scenario file, or an inline lab. */
export const labReferenceSchema = z
  .union([z.string().min(1).describe('default, or a lab file path relative to this file'), labSchema])
  .default('default');

/** The full scenario schema, as the JSON Schema shows it. */
export const scenarioSchema = scenarioShape(labReferenceSchema, stepSchema);

/** What the validator checks first: everything but the lab and the steps. */
export const scenarioTopSchema = scenarioShape(z.unknown().default('default'), z.unknown());
