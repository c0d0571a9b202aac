// The checker of "all members that agree on a view number agree on its membership" (issue 7): a
// regroup round installs one view, numbered, with one member list (node-agent regroup). Every node
// that logs RegroupViewInstalled for view N must log the same members; two member lists for one N
// mean two rounds each believed they installed N (a split brain in the membership itself).
//
// It reads RegroupViewInstalled, logged by each node that installs the view (the entry's source).
// Members compare as sets of names without case.
import type { HistoryEntry } from '@wsfc-lab/protocol';
import type { Violation } from '../scenario/report.js';
import { entriesOf, nameKey, wholeMs } from './_history.js';

export const viewAgreementRule = 'view-membership-agreement';

interface Install {
  node: string;
  members: string[];
  coordinator: string;
  atMs: number;
}

const membershipKey = (members: readonly string[]): string => [...new Set(members.map(nameKey))].sort().join(',');

const describe = (i: Install): string => `${i.node} installed {${i.members.join(', ')}} from ${i.coordinator} at ${wholeMs(i.atMs)} ms`;

/** Every view number whose installs disagree on the members, reported once, at the first disagreeing install. */
export function checkViewAgreement(history: readonly HistoryEntry[]): Violation[] {
  const views = new Map<number, { installs: Install[]; reported: boolean }>();
  const violations: Violation[] = [];
  for (const entry of entriesOf(history, ['RegroupViewInstalled'])) {
    const { event } = entry;
    const view = views.get(event.viewNumber) ?? { installs: [], reported: false };
    views.set(event.viewNumber, view);
    const install: Install = { node: entry.source, members: event.members, coordinator: event.coordinator, atMs: entry.atMs };
    const first = view.installs[0];
    view.installs.push(install);
    if (first === undefined || view.reported || membershipKey(first.members) === membershipKey(install.members)) continue;
    view.reported = true;
    violations.push({
      rule: viewAgreementRule,
      detail: `view ${event.viewNumber} was installed with two memberships: ${describe(first)}; ${describe(install)}`,
      atMs: wholeMs(entry.atMs),
      evidence: { viewNumber: event.viewNumber, installs: [first, install].map((i) => ({ ...i, atMs: wholeMs(i.atMs) })) },
    });
  }
  return violations;
}
