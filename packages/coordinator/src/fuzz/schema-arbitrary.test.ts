// The fuzzer's valid examples come from the message schemas: every message type of every actor
// kind must yield examples its schema accepts, or the wrong-field frames would test nothing.
import test from 'ava';
import fc from 'fast-check';
import { acceptsByKind, type ActorKind } from '@wsfc-lab/protocol';
import { z } from 'zod';
import { arbitraryFor, validMessageArbitrary, variantsByType } from './schema-arbitrary.js';
import { applyMutation, pathsOf } from './wrong-values.js';

for (const kind of ['node', 'storage', 'directory'] as const satisfies readonly ActorKind[]) {
  test(`every message a ${kind} actor accepts has valid examples drawn from its schema`, (t) => {
    const variants = variantsByType(acceptsByKind[kind]);
    t.true(variants.size > 3, `${kind} accepts ${variants.size} message types`);
    for (const [type, variant] of variants) {
      const examples = fc.sample(validMessageArbitrary(variant), { seed: 5, numRuns: 20 });
      t.true(examples.every((e) => e.type === type && acceptsByKind[kind].safeParse(e).success), `${type} examples are accepted`);
    }
  });
}

test('bounds and patterns in a schema are kept by its arbitrary', (t) => {
  const schema = z.object({ lun: z.number().int().min(0).max(255), key: z.string().regex(/^0x[0-9a-f]{16}$/), names: z.array(z.string().min(1).max(4)).min(1).max(2), note: z.string().optional() });
  for (const value of fc.sample(arbitraryFor(schema), { seed: 2, numRuns: 200 })) t.true(schema.safeParse(value).success, JSON.stringify(value));
});

test('a mutation changes one place and leaves the example as it was', (t) => {
  const example = { type: 'ScsiRead', requestId: 'r1', sessionId: 3, lun: 0 };
  t.deepEqual(pathsOf(example), [['requestId'], ['sessionId'], ['lun']], 'the type is never mutated');
  t.deepEqual(applyMutation(example, { op: 'replace', path: ['lun'], value: 'zero' }), { ...example, lun: 'zero' });
  t.deepEqual(applyMutation(example, { op: 'delete', path: ['sessionId'] }), { type: 'ScsiRead', requestId: 'r1', lun: 0 });
  const withProto = applyMutation(example, { op: 'addKey', path: [], key: '__proto__', value: 1 });
  t.true(Object.hasOwn(withProto, '__proto__'), '"__proto__" is an own key, as it arrives on the wire');
  t.is(example.lun, 0);
});
