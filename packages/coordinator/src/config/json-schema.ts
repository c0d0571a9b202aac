// JSON Schemas of the lab and scenario files, from the same zod schemas that validate them, for
// editors (yaml-language-server: `# yaml-language-server: $schema=…/schemas/scenario.schema.json`)
// and other tools. They describe the input: keys with defaults are optional there.
import { z } from 'zod';
import { labSchema } from './lab-schema.js';
import { scenarioSchema } from './scenario-schema.js';

const schemaBaseUrl = 'https://wsfc-lab.invalid/schemas/';

function exportSchema(schema: z.ZodType, name: string, title: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $schema: json.$schema, $id: `${schemaBaseUrl}${name}`, title, ...json };
}

export function labJsonSchema(): Record<string, unknown> {
  return exportSchema(labSchema, 'lab.schema.json', 'wsfc-lab lab file');
}

export function scenarioJsonSchema(): Record<string, unknown> {
  return exportSchema(scenarioSchema, 'scenario.schema.json', 'wsfc-lab scenario file');
}
