// File fuzzing (issue 7 item 4): broken copies of every valid lab and scenario file in the repo
// go through loadLabFile and loadScenarioFile. Property: the loader never throws; it either
// accepts the file or reports issues that each name the file, a line of it and a key; and when a
// key path was given a wrong value, some issue names that path (or its parent or a child).
import test from 'ava';
import fc from 'fast-check';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssue, loadLabFile, loadScenarioFile, type ConfigIssue, type ConfigResult } from '../config/mod.js';
import { issueProblems, keyRelatesTo, textDamageArbitrary, wrongValueDamageArbitrary, type BrokenFile } from './file-mutations.js';

const seed = Number(process.env.FUZZ_SEED ?? 20261123);
const runsPerProperty = 400;
const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const scenarioDirectory = join(repo, 'test', 'scenarios');
const yamlIn = (directory: string) => readdirSync(directory).filter((f) => f.endsWith('.yaml')).map((f) => ({ name: f, text: readFileSync(join(directory, f), 'utf8') }));
const labs = [...yamlIn(join(scenarioDirectory, 'labs')), ...yamlIn(join(repo, 'packages', 'coordinator', 'labs'))];
const scenarios = yamlIn(scenarioDirectory);

// The broken files are written beside a copy of labs/, so `lab: labs/x.yaml` still resolves.
const work = mkdtempSync(join(tmpdir(), 'wsfc-lab-file-fuzz-'));
cpSync(join(scenarioDirectory, 'labs'), join(work, 'labs'), { recursive: true });

const lineCounts = new Map<string, number>();
function lineCountOf(file: string): number {
  if (!lineCounts.has(file)) lineCounts.set(file, readFileSync(file, 'utf8').split('\n').length);
  return lineCounts.get(file) ?? 0;
}

interface Tally {
  files: number;
  rejected: number;
  issues: number;
}

/** Loads one broken file and says what is wrong with the answer (nothing, when all is well). */
function check(load: (path: string) => ConfigResult<unknown>, broken: BrokenFile, tally: Tally): string | undefined {
  const path = join(work, `broken-${tally.files++}.yaml`);
  writeFileSync(path, broken.text);
  lineCounts.delete(path);
  const result = load(path); // a throw fails the property, with the damage in its counterexample
  if (result.ok) return undefined;
  tally.rejected++;
  tally.issues += result.errors.length;
  const bad = result.errors.map((issue: ConfigIssue) => ({ issue, problems: issueProblems(issue, lineCountOf) })).filter((e) => e.problems.length > 0);
  if (bad.length > 0) return `${broken.damage}: ${formatIssue(bad[0]!.issue)} ${bad[0]!.problems.join(', ')}`;
  const path_ = broken.path;
  if (path_ !== undefined && !result.errors.some((issue) => issue.key !== '' && keyRelatesTo(issue.key, path_))) {
    return `${broken.damage}: no issue names that key; got ${result.errors.map(formatIssue).join(' | ')}`;
  }
  return undefined;
}

const cases = [
  { what: 'lab', files: labs, load: (path: string) => loadLabFile(path) },
  { what: 'scenario', files: scenarios, load: (path: string) => loadScenarioFile(path) },
];

for (const { what, files, load } of cases) {
  for (const [damageName, damage] of [
    ['text damage', textDamageArbitrary],
    ['a wrong value at any key path', wrongValueDamageArbitrary],
  ] as const) {
    test(`${what} files with ${damageName}: the loader never throws, and every issue names file, line and key`, (t) => {
      const tally: Tally = { files: 0, rejected: 0, issues: 0 };
      const broken = fc.constantFrom(...files).chain((file) => damage(file.text).map((b) => ({ ...b, damage: `${file.name}: ${b.damage}` })));
      const details = fc.check(
        fc.property(broken, (b) => {
          const problem = check(load, b, tally);
          if (problem !== undefined) throw new Error(problem);
        }),
        { seed, numRuns: runsPerProperty },
      );
      if (details.failed) {
        return t.fail(`${String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance)} (seed=${seed}; FUZZ_SEED=${seed} npx ava ${fileURLToPath(import.meta.url)})`);
      }
      t.log(`${tally.files} broken ${what} files from ${files.length} valid ones: ${tally.rejected} rejected with ${tally.issues} issues, ${tally.files - tally.rejected} still valid`);
      t.true(tally.rejected > tally.files / 4, 'most damage is caught');
    });
  }
}
