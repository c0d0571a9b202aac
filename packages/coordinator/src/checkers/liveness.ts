// The checker of "after faults heal, every highly available role that can run is online again within
// its bound" (DESIGN "What the lab checks", STYLE 15). The chaos runner heals everything at
// `healAtMs`, runs the clock to `healAtMs + boundMs`, reads Get-ClusterGroup (and, better,
// Get-ClusterNode and Get-ClusterResource), and gives it here with the history. Every role that
// should be Online and is not is a violation whose detail says why, as far as the history tells:
// "role vm07 Failed on node03: its owner node03 is Down; …", "… \"Cluster Disk 2\" reserved by a dead
// node's key (0x…0001, node01: its worker was killed at 4081 ms …)".
//
// Roles that are not expected online: Available Storage (it holds spare disks, it is not a role), a
// group an administrator took offline (PersistentState 0), a No Auto Start group (Priority 0: the
// cluster does not start it after a failover, facts §4.4), a group left Failed by its own failover
// policy (it logged 1254: past FailoverThreshold, n − 1 failovers in 6 h by default, the cluster does
// not try again before RetryPeriodOnFailure, an hour), and the names the runner exempts.
import type { HistoryEntry } from '@wsfc-lab/protocol';
import type { Violation } from '../scenario/report.js';
import { nameKey, wholeMs } from './_history.js';
import { livenessFacts, type LivenessFacts } from './liveness-facts.js';

export const livenessRule = 'liveness-after-heal';

/** A Get-ClusterGroup object: the fields liveness reads. */
export interface FinalGroup {
  Name: string;
  OwnerNode?: string | null;
  State: string;
  GroupType?: string;
  PersistentState?: number;
  Priority?: number;
  /** Unmonitored: its owner is isolated (compute resiliency), so Online is only what it last said. */
  StatusInformation?: string;
}

/** Online, and not merely the last word of an isolated owner. */
export const isUp = (g: FinalGroup): boolean => g.State === 'Online' && g.StatusInformation !== 'Unmonitored';

/** A Get-ClusterNode object: Name and State (Up, Down, Paused, Joining). */
export interface FinalNode {
  Name: string;
  State: string;
}

/** A Get-ClusterResource object: which group a resource is in, its type and state. */
export interface FinalResource {
  Name: string;
  OwnerGroup: string;
  ResourceType: string;
  State: string;
}

export interface LivenessInput {
  /** When every fault was healed, in simulated ms. */
  healAtMs: number;
  /** How long roles have to come back online after the heal. */
  boundMs: number;
  groups: readonly FinalGroup[];
  nodes?: readonly FinalNode[];
  resources?: readonly FinalResource[];
  /** Roles the run does not expect online (names, without case). */
  exempt?: readonly string[];
}

/** Whether the role should be Online after healing. */
function expectedOnline(group: FinalGroup, exempt: ReadonlySet<string>): boolean {
  return group.GroupType !== 'AvailableStorage' && group.PersistentState !== 0 && group.Priority !== 0 && !exempt.has(nameKey(group.Name));
}

function ownerReasons(owner: string | null | undefined, input: LivenessInput, facts: LivenessFacts): string[] {
  const reasons: string[] = [];
  if (input.nodes && !input.nodes.some((n) => n.State === 'Up')) reasons.push('no node is Up');
  if (!owner) return reasons;
  const state = input.nodes?.find((n) => nameKey(n.Name) === nameKey(owner))?.State;
  if (state !== undefined && state !== 'Up') reasons.push(`its owner node ${owner} is ${state}`);
  const fate = facts.nodeFates.get(nameKey(owner));
  if (fate?.dead) reasons.push(`${owner}: ${fate.words}`);
  const quorum = facts.withoutQuorum.get(nameKey(owner));
  if (quorum) reasons.push(`${owner} ${quorum}`);
  return reasons;
}

/** Why a disk does not come online: who holds it (a dead node's key?), lost arbitrations. */
function diskReasons(disk: string, input: LivenessInput, facts: LivenessFacts): string[] {
  const reasons = [...(facts.diskTroubles.get(nameKey(disk)) ?? [])];
  const held = facts.reservations.get(nameKey(disk));
  if (!held?.node) return reasons;
  const fate = facts.nodeFates.get(nameKey(held.node));
  const state = input.nodes?.find((n) => nameKey(n.Name) === nameKey(held.node ?? ''))?.State;
  if (fate?.dead || (state !== undefined && state !== 'Up')) {
    reasons.push(`"${disk}" reserved by a dead node's key (${held.holderKey ?? 'key unknown'}, ${held.node}: ${fate?.dead ? fate.words : `it is ${state}`})`);
  }
  return reasons;
}

function resourceReasons(group: FinalGroup, input: LivenessInput, facts: LivenessFacts): string[] {
  const inGroup = (input.resources ?? []).filter((r) => nameKey(r.OwnerGroup) === nameKey(group.Name));
  const failed = [...facts.resourceFailures].filter(([, f]) => nameKey(f.group) === nameKey(group.Name));
  const reasons = inGroup.filter((r) => r.State !== 'Online').map((r) => `resource '${r.Name}' (${r.ResourceType}) is ${r.State}`);
  reasons.push(...failed.map(([, f]) => f.words));
  const disks = new Set([...inGroup.filter((r) => r.ResourceType === 'Physical Disk').map((r) => r.Name), ...failed.filter(([, f]) => f.resourceType === 'Physical Disk').map(([name]) => name)]);
  for (const disk of disks) reasons.push(...diskReasons(disk, input, facts));
  return reasons;
}

/** Why the role is not online, in words, as far as the history tells. */
export function whyNotOnline(group: FinalGroup, input: LivenessInput, facts: LivenessFacts): string[] {
  const reasons = [
    ...ownerReasons(group.OwnerNode, input, facts),
    ...(facts.groupFailures.get(nameKey(group.Name)) ?? []),
    ...resourceReasons(group, input, facts),
    ...(facts.vms.get(nameKey(group.Name)) ?? []),
  ];
  return reasons.length > 0 ? [...new Set(reasons)] : ['the history does not say why'];
}

/** Every role that should be Online at `healAtMs + boundMs` and is not, with the reasons. */
export function checkLiveness(history: readonly HistoryEntry[], input: LivenessInput): Violation[] {
  const exempt = new Set((input.exempt ?? []).map(nameKey));
  for (const entry of history) if (entry.event.type === 'GroupTerminalFailure') exempt.add(nameKey(entry.event.group));
  const facts = livenessFacts(history);
  const deadlineMs = wholeMs(input.healAtMs + input.boundMs);
  return input.groups
    .filter((g) => !isUp(g) && expectedOnline(g, exempt))
    .map((group) => {
      const reasons = whyNotOnline(group, input, facts);
      return {
        rule: livenessRule,
        detail: `role ${group.Name} ${group.StatusInformation === 'Unmonitored' ? 'Unmonitored' : group.State} on ${group.OwnerNode ?? 'no node'} ${input.boundMs} ms after the heal at ${wholeMs(input.healAtMs)} ms: ${reasons.join('; ')}`,
        atMs: deadlineMs,
        evidence: { group: group.Name, State: group.State, OwnerNode: group.OwnerNode ?? null, healAtMs: wholeMs(input.healAtMs), boundMs: input.boundMs, reasons },
      };
    });
}
