// The checker of "a partition without quorum brings nothing online" (DESIGN "What the lab checks",
// facts §2.3): a node that is not in an installed view has no quorum behind it, so it must not take
// a clustered disk, start a VM or reserve a disk at the target. A node is without a view:
// - after it logged quorum loss (1177 ClusterQuorumLost) or its service halted (1006
//   ClusterMembershipHalted), until it installs a view that includes itself (it rejoined);
// - from its worker's start (ActorStarted) until its first such view (it formed or joined).
// While without a view it may still arbitrate the disk witness (that is how a partition gains the
// witness's vote, facts §3.2): PR commands on a disk it arbitrates as the witness do not count, nor
// those of a Test-Cluster run (ValidationStarted to ValidationCompleted or ValidationAborted), whose
// storage tests register, reserve and release with a key of their own before any cluster exists
// (facts §3.3).
//
// What counts as bringing something online, as the history shows it: the node's DiskArbitrationEnded
// Won for a Physical Disk resource (purpose Resource); a VM of the node going from Off or Saved to an
// active State (VmStateChanged); the target's PersistentReserveOut RESERVE or PREEMPT completed for
// the node. [lab gap] Groups and resources coming Online are not events in the history yet (they
// are read from Get-ClusterGroup), so a role's Network Name or IP Address coming online is not seen.
import type { HistoryEntry, VmState } from '@wsfc-lab/protocol';
import type { Violation } from '../scenario/report.js';
import { entriesOf, nameKey, wholeMs, type EntryOf } from './_history.js';

export const noOnlineWithoutQuorumRule = 'nothing-online-without-quorum';

interface Span {
  node: string;
  sinceMs: number;
  /** Why the node has no view, in words. */
  why: string;
  /** Disks it arbitrates as the witness in this span. */
  witnessDisks: Set<string>;
  /** One violation per thing brought online in this span. */
  reported: Set<string>;
}

const offStates: ReadonlySet<VmState> = new Set<VmState>(['Off', 'Saved']);
const startedStates: ReadonlySet<VmState> = new Set<VmState>(['Starting', 'Running', 'Resuming']);

const relevant = ['ValidationStarted', 'ValidationCompleted', 'ValidationAborted', 'ActorStarted', 'ActorKilled', 'ActorCrashed', 'ClusterQuorumLost', 'ClusterMembershipHalted', 'RegroupViewInstalled', 'DiskArbitrationStarted', 'DiskArbitrationEnded', 'VmStateChanged', 'PersistentReserveOut'] as const;
type Relevant = EntryOf<(typeof relevant)[number]>;

/** What the entry brought online for a node: [node, subject, words], or undefined. */
function broughtOnline(entry: Relevant, spans: ReadonlyMap<string, Span>, validating: ReadonlyMap<string, number>): [string, string, string] | undefined {
  const { event } = entry;
  switch (event.type) {
    case 'DiskArbitrationEnded':
      return event.purpose === 'Resource' && event.outcome === 'Won' ? [event.node, `disk:${nameKey(event.disk)}`, `won the arbitration for "${event.disk}" (to bring it online)`] : undefined;
    case 'VmStateChanged':
      return offStates.has(event.previous) && startedStates.has(event.State) ? [event.node, `vm:${nameKey(event.vm)}`, `started VM '${event.vm}' (${event.previous} -> ${event.State}, ${event.cause})`] : undefined;
    case 'PersistentReserveOut': {
      const takes = event.serviceAction === 'Reserve' || event.serviceAction === 'Preempt' || event.serviceAction === 'PreemptAndAbort';
      if (!takes || event.status !== 'Good' || (validating.get(nameKey(event.node)) ?? 0) > 0) return undefined;
      if (spans.get(nameKey(event.node))?.witnessDisks.has(nameKey(event.disk))) return undefined;
      return [event.node, `disk:${nameKey(event.disk)}`, `had its ${event.serviceAction} on "${event.disk}" completed by the target (reservation ${event.reservationType ?? 'none'})`];
    }
    default:
      return undefined;
  }
}

/** Opens, closes or notes what a membership or arbitration entry changes for its node. */
function track(entry: Relevant, spans: Map<string, Span>): void {
  const { event, source } = entry;
  const open = (node: string, why: string) => spans.set(nameKey(node), { node, sinceMs: entry.atMs, why, witnessDisks: new Set(), reported: new Set() });
  switch (event.type) {
    case 'ActorStarted':
      if (event.kind === 'node') open(source, `since its worker started at ${wholeMs(entry.atMs)} ms, before it formed or joined a view`);
      return;
    case 'ActorKilled':
    case 'ActorCrashed':
      spans.delete(nameKey(event.actor));
      return;
    case 'ClusterQuorumLost':
      open(event.node, `after it lost quorum at ${wholeMs(entry.atMs)} ms (1177: ${event.detail}), before it rejoined`);
      return;
    case 'ClusterMembershipHalted':
      open(event.node, `after its cluster service halted at ${wholeMs(entry.atMs)} ms (1006: view ${event.viewNumber} from ${event.excludedBy} left it out), before it rejoined`);
      return;
    case 'RegroupViewInstalled':
      if (event.members.some((m) => nameKey(m) === nameKey(source))) spans.delete(nameKey(source));
      return;
    case 'DiskArbitrationStarted':
      if (event.purpose === 'Witness') spans.get(nameKey(event.node))?.witnessDisks.add(nameKey(event.disk));
      return;
    default:
      return;
  }
}

/** Nodes in a Test-Cluster run: node → runs under way. */
function trackValidation(entry: Relevant, validating: Map<string, number>): void {
  const { event } = entry;
  if (event.type !== 'ValidationStarted' && event.type !== 'ValidationCompleted' && event.type !== 'ValidationAborted') return;
  const step = event.type === 'ValidationStarted' ? 1 : -1;
  for (const node of new Set([event.node, ...event.nodes].map(nameKey))) validating.set(node, Math.max(0, (validating.get(node) ?? 0) + step));
}

/** Every disk taken, VM started or reservation made by a node while it was in no installed view. */
export function checkNoOnlineWithoutQuorum(history: readonly HistoryEntry[]): Violation[] {
  const spans = new Map<string, Span>();
  const validating = new Map<string, number>();
  const violations: Violation[] = [];
  for (const entry of entriesOf(history, relevant)) {
    track(entry, spans);
    trackValidation(entry, validating);
    const online = broughtOnline(entry, spans, validating);
    const span = online ? spans.get(nameKey(online[0])) : undefined;
    if (!online || !span || span.reported.has(online[1])) continue;
    span.reported.add(online[1]);
    violations.push({
      rule: noOnlineWithoutQuorumRule,
      detail: `${span.node} ${online[2]} at ${wholeMs(entry.atMs)} ms ${span.why}`,
      atMs: wholeMs(entry.atMs),
      evidence: { node: span.node, what: online[1], eventType: entry.event.type, sinceMs: wholeMs(span.sinceMs), why: span.why },
    });
  }
  return violations;
}
