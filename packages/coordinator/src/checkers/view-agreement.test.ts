// "All members that agree on a view number agree on its membership."
import test from 'ava';
import type { LabEvent } from '@wsfc-lab/protocol';
import { checkViewAgreement, viewAgreementRule } from './view-agreement.js';
import { historyOf } from './_test-history.js';

const installed = (viewNumber: number, members: string[], coordinator = members[0] ?? 'node01'): LabEvent => ({ type: 'RegroupViewInstalled', viewNumber, coordinator, members, added: [], removed: [] });

test('every node installing each view with the same members (in any order and case) is fine', (t) => {
  const history = historyOf([
    [1001, 'node01', installed(1, ['node01', 'node02', 'node03'])],
    [1001, 'node02', installed(1, ['node03', 'NODE02', 'node01'])],
    [1002, 'node03', installed(1, ['node01', 'node02', 'node03'])],
    [13001, 'node02', installed(2, ['node02', 'node03'])],
    [13001, 'node03', installed(2, ['node02', 'node03'])],
  ]);
  t.deepEqual(checkViewAgreement(history), []);
});

test('one view number installed with two memberships is a violation naming both installs', (t) => {
  const history = historyOf([
    [13001, 'node02', installed(2, ['node02', 'node03'])],
    [13001, 'node03', installed(2, ['node02', 'node03'])],
    [13005, 'node01', installed(2, ['node01'])],
    [13006, 'node04', installed(2, ['node01', 'node04'])],
  ]);
  const violations = checkViewAgreement(history);
  t.is(violations.length, 1, 'one violation per view number');
  t.like(violations[0], { rule: viewAgreementRule, atMs: 13005, evidence: { viewNumber: 2, installs: [{ node: 'node02', members: ['node02', 'node03'] }, { node: 'node01', members: ['node01'], atMs: 13005 }] } });
  t.regex(violations[0]?.detail ?? '', /view 2 was installed with two memberships: node02 installed \{node02, node03\} .*; node01 installed \{node01\} from node01 at 13005 ms/);
});
