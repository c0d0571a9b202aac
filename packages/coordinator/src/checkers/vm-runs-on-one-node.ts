// The checker of "a VM runs on at most one node at a time" (DESIGN "What the lab checks"), over
// the history's VmStateChanged events. A VM is active on a node while its State there is one of
// Starting, Running, Resuming, Pausing, Stopping or Saving: its memory is live and it may write to
// its disks. Paused, Saved and Off are not active: a live migration's source is Paused (Blackout)
// before the destination runs (MigratedIn), and Off (MigratedOut) after. A node's death (killed,
// crashed, or a new incarnation started) ends every VM being active there.
//
// Entries are read in simulated-time order (seq breaks ties): in threads, each worker stamps its
// own events, and they can reach the history in another order than they happened.
import type { HistoryEntry, VmState } from '@wsfc-lab/protocol';
import type { Violation } from '../scenario/report.js';

export const vmSingleHostRule = 'vm-runs-on-one-node';

const activeStates: ReadonlySet<VmState> = new Set<VmState>(['Starting', 'Running', 'Resuming', 'Pausing', 'Stopping', 'Saving']);

export const isActiveVmState = (state: VmState): boolean => activeStates.has(state);

const relevantTypes: ReadonlySet<string> = new Set(['VmStateChanged', 'ActorKilled', 'ActorCrashed', 'ActorStarted']);

interface VmActivity {
  /** The VM's name as first seen. */
  vm: string;
  /** Nodes it is active on, with the State there. */
  activeOn: Map<string, VmState>;
  /** Two or more nodes at once since the last violation: a new one is reported only after it ends. */
  overlapping: boolean;
}

function overlapViolation(activity: VmActivity, atMs: number): Violation {
  const nodes = [...activity.activeOn.keys()];
  const states = [...activity.activeOn].map(([node, state]) => `${state} on ${node}`).join(', ');
  return {
    rule: vmSingleHostRule,
    detail: `VM '${activity.vm}' ran on ${nodes.length} nodes at once at ${Math.round(atMs)} ms: ${states}`,
    atMs: Math.round(atMs),
    evidence: { vm: activity.vm, nodes, atMs: Math.round(atMs) },
  };
}

/** Every moment a VM became active on a second node while active on another. */
export function checkVmRunsOnOneNode(history: readonly HistoryEntry[]): Violation[] {
  const vms = new Map<string, VmActivity>();
  const violations: Violation[] = [];
  const ordered = history.filter((e) => relevantTypes.has(e.event.type)).sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
  const nodeGone = (node: string) => {
    for (const activity of vms.values()) {
      activity.activeOn.delete(node);
      if (activity.activeOn.size < 2) activity.overlapping = false;
    }
  };
  for (const entry of ordered) {
    const { event } = entry;
    if (event.type === 'ActorKilled' || event.type === 'ActorCrashed') nodeGone(event.actor);
    else if (event.type === 'ActorStarted') nodeGone(entry.source);
    if (event.type !== 'VmStateChanged') continue;
    const key = event.vm.toLowerCase();
    const activity = vms.get(key) ?? { vm: event.vm, activeOn: new Map<string, VmState>(), overlapping: false };
    vms.set(key, activity);
    if (isActiveVmState(event.State)) activity.activeOn.set(event.node, event.State);
    else activity.activeOn.delete(event.node);
    if (activity.activeOn.size < 2) activity.overlapping = false;
    else if (!activity.overlapping) {
      activity.overlapping = true;
      violations.push(overlapViolation(activity, entry.atMs));
    }
  }
  return violations;
}
