// JSON Schemas of the lab and scenario files, from the same zod schemas that validate them, for
// editors (yaml-language-server: `# yaml-language-server: $schema=…/schemas/scenario.schema.json`)
// and other tools. They describe the input: keys with defaults are optional there.
import { z } from 'zod';
import { labSchema } from './lab-schema.js';
import { scenarioSchema } from './scenario-schema.js';

function exportSchema(schema: z.ZodType, title: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $schema: json.$schema, title, ...json };
}

export function labJsonSchema(): Record<string, unknown> {
  return exportSchema(labSchema, 'wsfc-lab lab file');
}

export function scenarioJsonSchema(): Record<string, unknown> {
  return exportSchema(scenarioSchema, 'wsfc-lab scenario file');
}
