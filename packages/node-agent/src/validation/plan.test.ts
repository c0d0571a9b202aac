import test from 'ava';
import { testNames, validationTests } from './catalog.js';
import { planValidation } from './plan.js';
import { seed000Request } from './_fixtures.js';

test('seed 000: every modelled test runs, and the facts are each node, each node\'s disks, and each ordered pair on the network', (t) => {
  const planned = planValidation(seed000Request());
  if (!planned.ok) return t.fail(planned.error.message);
  const plan = planned.value;
  t.deepEqual(plan.selected.map((s) => s.name).sort(), Object.values(testNames).sort());
  t.deepEqual(plan.facts, [
    { type: 'NodeInventory', node: 'node01' },
    { type: 'NodeInventory', node: 'node02' },
    { type: 'DiskInventory', node: 'node01' },
    { type: 'DiskInventory', node: 'node02' },
    { type: 'Reachability', network: 'Management', from: 'node01', to: 'node02' },
    { type: 'Reachability', network: 'Management', from: 'node02', to: 'node01' },
  ]);
  t.true(plan.notRun.some((n) => n.spec.name === 'Validate All Drivers Signed' && n.reason === 'NotModelled'));
});

test('every modelled test in the catalog has a judge name, and every judge name is a modelled test', (t) => {
  const modelled = validationTests.filter((s) => s.modelled).map((s) => s.name);
  t.deepEqual([...modelled].sort(), Object.values(testNames).sort());
});

test('-Include Storage selects the storage tests only: no pings are planned, the other tests are unselected', (t) => {
  const planned = planValidation(seed000Request({ include: ['storage'] }));
  if (!planned.ok) return t.fail(planned.error.message);
  t.true(planned.value.selected.every((s) => s.category === 'Storage'));
  t.false(planned.value.facts.some((f) => f.type === 'Reachability'));
  t.true(planned.value.notRun.some((n) => n.spec.name === 'Validate IP Configuration' && n.reason === 'NotSelected'));
});

test('-Ignore removes a test or a whole category', (t) => {
  const planned = planValidation(seed000Request({ ignore: ['Inventory', 'Validate Disk Failover'] }));
  if (!planned.ok) return t.fail(planned.error.message);
  t.false(planned.value.selected.some((s) => s.category === 'Inventory' || s.name === 'Validate Disk Failover'));
  t.true(planned.value.selected.some((s) => s.name === 'Validate Disk Arbitration'));
});

test('a name that is neither a test nor a category is refused, naming it; so is a run without servers', (t) => {
  const unknown = planValidation(seed000Request({ include: ['Validate Everything'] }));
  t.false(unknown.ok);
  if (!unknown.ok) t.regex(unknown.error.message, /'Validate Everything' given to -Include is not the name of a validation test or category/);
  const empty = planValidation(seed000Request({ nodes: [' '] }));
  t.false(empty.ok);
  if (!empty.ok) t.regex(empty.error.message, /No servers were given/);
});

test('-Include naming the Hyper-V category asks for the Hyper-V tests explicitly', (t) => {
  const planned = planValidation(seed000Request({ include: ['Hyper-V Configuration'] }));
  t.true(planned.ok && planned.value.hyperVRequested);
  const plain = planValidation(seed000Request());
  t.true(plain.ok && !plain.value.hyperVRequested);
});
