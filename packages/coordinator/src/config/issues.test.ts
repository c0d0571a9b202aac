import test from 'ava';
import { closestName, describeValue, formatIssue, sortIssues, unknownNameHint } from './issues.js';

test('formatIssue gives file:line: key: message on one line', (t) => {
  const issue = { file: 'scenario.yaml', line: 7, key: 'steps[2].fault.kill', value: 'node09', message: 'unknown machine "node09" (the lab has node01, node02, host, dc01)' };
  t.is(formatIssue(issue), 'scenario.yaml:7: steps[2].fault.kill: unknown machine "node09" (the lab has node01, node02, host, dc01)');
  t.is(formatIssue({ ...issue, key: '' }), 'scenario.yaml:7: unknown machine "node09" (the lab has node01, node02, host, dc01)');
  t.is(formatIssue({ ...issue, line: 0, key: '', message: 'cannot read the file' }), 'scenario.yaml: cannot read the file');
});

test('suggestions catch typos, swaps and case, and nothing far off', (t) => {
  t.is(closestName('witihn', ['within', 'during']), 'within');
  t.is(closestName('OwnerNdoe', ['OwnerNode', 'OwnerGroup']), 'OwnerNode');
  t.is(closestName('STATE', ['State']), 'State');
  t.is(closestName('banana', ['within', 'during']), undefined);
  t.is(unknownNameHint('banana', ['within', 'during']), ' (known: within, during)');
});

test('values are quoted so a message names them', (t) => {
  t.is(describeValue('node09'), '"node09"');
  t.is(describeValue(30), '30');
  t.is(describeValue(undefined), 'nothing');
  t.is(describeValue({ atleast: 3 }), 'a map {"atleast":3}');
  t.regex(describeValue({ long: 'x'.repeat(100) }), /^a map \{"long":"x+…$/);
});

test('issues sort by line within a file, files in the order first seen', (t) => {
  const at = (file: string, line: number) => ({ file, line, key: '', value: undefined, message: '' });
  t.deepEqual(sortIssues([at('b', 3), at('a', 9), at('b', 1), at('a', 2)]).map((i) => `${i.file}${i.line}`), ['b1', 'b3', 'a2', 'a9']);
});
