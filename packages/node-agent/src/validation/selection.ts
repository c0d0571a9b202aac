// -Include and -Ignore: each names tests or whole categories (PS-FC:test-cluster). With no
// -Include every test is selected; -Ignore then removes. A name that is neither a test nor a
// category is refused, naming it.
import type { CmdletError } from '@wsfc-lab/protocol';
import { findCategory, findTest, validationTests, type TestSpec } from './catalog.js';
import { validationErrors } from './errors.js';
import { validationLimits } from './limits.js';

type Selected = { ok: true; tests: Set<TestSpec> } | { ok: false; error: CmdletError };

function testsNamed(parameter: 'Include' | 'Ignore', names: readonly string[]): Selected {
  if (names.length > validationLimits.selectionNamesMax) return { ok: false, error: validationErrors.tooMany({ what: `names in -${parameter}`, count: names.length, max: validationLimits.selectionNamesMax }) };
  const tests = new Set<TestSpec>();
  for (const name of names) {
    const category = findCategory(name.trim());
    const test = findTest(name.trim());
    if (!category && !test) return { ok: false, error: validationErrors.unknownTestOrCategory({ parameter, name }) };
    for (const t of validationTests) if (t === test || t.category === category) tests.add(t);
  }
  return { ok: true, tests };
}

/** The tests -Include and -Ignore select, in catalog order. */
export function selectTests(o: { include?: readonly string[] | undefined; ignore?: readonly string[] | undefined }): { ok: true; tests: TestSpec[] } | { ok: false; error: CmdletError } {
  const included = o.include && o.include.length > 0 ? testsNamed('Include', o.include) : { ok: true as const, tests: new Set(validationTests) };
  if (!included.ok) return included;
  const ignored = testsNamed('Ignore', o.ignore ?? []);
  if (!ignored.ok) return ignored;
  return { ok: true, tests: validationTests.filter((t) => included.tests.has(t) && !ignored.tests.has(t)) };
}
