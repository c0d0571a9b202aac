// Writes schemas/lab.schema.json and schemas/scenario.schema.json at the repository root (or in
// the directory given as the first argument). Run after a build:
//   node packages/coordinator/dist/config/export-schemas.js [out-dir]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labJsonSchema, scenarioJsonSchema } from './json-schema.js';

/** The repository's schemas/ (this module lives in packages/coordinator/dist/config/). */
const defaultOutDir = fileURLToPath(new URL('../../../../schemas/', import.meta.url));

export function writeSchemas(outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const files = [
    { name: 'lab.schema.json', schema: labJsonSchema() },
    { name: 'scenario.schema.json', schema: scenarioJsonSchema() },
  ];
  return files.map(({ name, schema }) => {
    const path = join(outDir, name);
    writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
    return path;
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const path of writeSchemas(resolve(process.argv[2] ?? defaultOutDir))) console.log(`wrote ${path}`);
}
