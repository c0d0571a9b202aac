// The embedded default lab (spec "`lab: default`"): the seed 000 two-node cluster. It is read
// from the package's own labs/default.yaml, the same file users can copy, so the embedded lab
// and the shipped file can never disagree.
import { fileURLToPath } from 'node:url';
import { AssertionError } from '@wsfc-lab/protocol';
import { formatIssue } from './issues.js';
import { loadLabFile } from './lab.js';
import type { LabSpec } from './lab-types.js';

/** The package's labs/ directory (this module lives in dist/config/ or src/config/). */
export const labsDirectory = fileURLToPath(new URL('../../labs/', import.meta.url));

export const defaultLabPath = fileURLToPath(new URL('../../labs/default.yaml', import.meta.url));

let cached: LabSpec | undefined;

/** A fresh copy of the default lab; a broken labs/default.yaml is a programmer error. */
export function defaultLab(): LabSpec {
  if (cached === undefined) {
    const result = loadLabFile(defaultLabPath);
    if (!result.ok) throw new AssertionError(`the embedded default lab is invalid:\n${result.errors.map(formatIssue).join('\n')}`);
    cached = result.value;
  }
  return structuredClone(cached);
}
