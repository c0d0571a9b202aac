import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDurationMs } from '@wsfc-lab/protocol';
import test from 'ava';
import { labJsonSchema, scenarioJsonSchema } from './json-schema.js';
import { durationSchema } from './scenario-schema.js';

const committed = (name: string): unknown => JSON.parse(readFileSync(fileURLToPath(new URL(`../../../../schemas/${name}`, import.meta.url)), 'utf8'));

test('the committed schemas/*.json are what the zod schemas export (run export-schemas after a change)', (t) => {
  t.deepEqual(committed('lab.schema.json'), labJsonSchema());
  t.deepEqual(committed('scenario.schema.json'), scenarioJsonSchema());
});

test('the lab schema requires the contract keys and rejects unknown ones', (t) => {
  const schema = labJsonSchema() as { required: string[]; additionalProperties: boolean; properties: Record<string, { default?: unknown }> };
  t.deepEqual(schema.required.sort(), ['directory', 'networks', 'nodes', 'storageTarget']);
  t.false(schema.additionalProperties);
  t.is(schema.properties.domain?.default, 'wsfc.local');
  t.deepEqual(Object.keys(schema.properties).sort(), ['cluster', 'description', 'directory', 'domain', 'networks', 'nodes', 'roles', 'startTime', 'storageTarget', 'vms']);
});

test('the scenario schema has the four step kinds and the ten fault kinds', (t) => {
  const schema = scenarioJsonSchema() as {
    required: string[];
    properties: { steps: { items: { anyOf: { required: string[]; properties: { fault?: { anyOf: { required: string[] }[] } } }[] } }; runtime: { default: unknown } };
  };
  t.deepEqual(schema.required.sort(), ['name', 'steps']);
  t.is(schema.properties.runtime.default, 'threads');
  const steps = schema.properties.steps.items.anyOf;
  t.deepEqual(steps.map((s) => s.required[0]), ['run', 'fault', 'wait', 'expect']);
  const faults = steps[1]?.properties.fault?.anyOf ?? [];
  t.deepEqual(faults.map((f) => f.required[0]), ['kill', 'restart', 'pause', 'partition', 'heal', 'nicDown', 'nicUp', 'storagePathDown', 'storagePathUp', 'loss']);
});

test('the duration pattern accepts exactly what parseDurationMs accepts', (t) => {
  for (const text of ['500ms', '15s', '2m', '1h', '1.5s', '0ms', '30', '10 s', 's', '1d', '-1s', '1.s']) {
    t.is(durationSchema.safeParse(text).success, parseDurationMs(text) !== undefined, text);
  }
});
