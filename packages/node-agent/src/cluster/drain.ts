// Pausing and draining a node (facts §5.2, seed 004's maintenance): Suspend-ClusterNode marks the
// node Paused in the cluster database (a paused node hosts no new roles but stays a full member);
// with -Drain the node itself hands every role it owns to the best other node, highest priority
// first, and records DrainStatus InProgress → Completed (or Failed when a role had nowhere to go).
// Resume-ClusterNode makes it Up again and, with -Failback Immediate, takes back the roles it
// drained; Policy leaves that to each role's AutoFailbackType and window; NoFailback (the default)
// leaves them where they are.
import { gumLimits, perVersion, type DbChange } from '../gum/mod.js';
import type { ClusterObjects } from '../resources/mod.js';
import { namesOf, pick, readClusterForChange, resourceErrors, type ClusterCmdlet } from './cmdlet-support.js';
import { planMove } from './planned-moves.js';
import { handOverOwned } from './stop-node.js';
import { proposeAndWait } from './propose-and-wait.js';
import { objectChanges } from './schema.js';
import type { ClusterHost, ClusterState } from './types.js';

export type DrainStatus = 'NotInitiated' | 'InProgress' | 'Completed' | 'Failed';

const pausedPath = (node: string) => `Nodes/${node}/Paused`;
const drainPath = (node: string) => `Nodes/${node}/DrainStatus`;
const drainedPath = (node: string) => `Nodes/${node}/DrainedGroups`;
/** A database value holds at most gumLimits.arrayItemsMax items: the drained roles are kept in chunks of that many. */
const drainedChunk = gumLimits.arrayItemsMax;

/** The roles a drain moved off `node`, as Suspend-ClusterNode recorded them. */
function drainedGroups(state: ClusterState, node: string): string[] {
  const prefix = `${drainedPath(node)}/`;
  const entries = state.gum.copy.entries;
  const groups = perVersion(entries, `drained:${node}`, () =>
    Object.entries(entries)
      .filter(([path, value]) => path.startsWith(prefix) && Array.isArray(value))
      .sort(([a], [b]) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
      .flatMap(([, value]) => (value as unknown[]).map(String)),
  );
  return [...groups];
}

function recordDrained(node: string, groups: readonly string[]): DbChange[] {
  const changes: DbChange[] = [{ op: 'DeleteKey', path: drainedPath(node) }];
  for (let i = 0; i * drainedChunk < groups.length; i++) changes.push({ op: 'SetValue', path: `${drainedPath(node)}/${i}`, value: groups.slice(i * drainedChunk, (i + 1) * drainedChunk) });
  return changes;
}
/** Suspend- and Resume-ClusterNode wait this long for the drain or the failback (PendingTimeout's default). */
const drainWaitMs = 30 * 60_000;

export function isPaused(state: ClusterState, node: string): boolean {
  return state.gum.copy.entries[pausedPath(node)] === true;
}

export function drainStatusOf(state: ClusterState, node: string): DrainStatus {
  const value = state.gum.copy.entries[drainPath(node)];
  return value === 'InProgress' || value === 'Completed' || value === 'Failed' ? value : 'NotInitiated';
}

/**
 * The draining node's part of a reconcile: hand what it owns to other nodes (a role nothing else
 * can host stays, and the drain fails); once nothing is left here, the drain is complete.
 */
export function drainOwned(state: ClusterState, host: ClusterHost, objects: ClusterObjects): DbChange[] {
  const self = state.config.name;
  if (!isPaused(state, self) || drainStatusOf(state, self) !== 'InProgress') {
    // A failed live migration counts against the drain it belonged to, not the next one.
    if (state.stopping === undefined) state.rcm.failedMoves = [];
    return [];
  }
  if (!handOverOwned(state, host, objects)) {
    host.io.emit({ type: 'NodeDrainFailed', node: self });
    return [{ op: 'SetValue', path: drainPath(self), value: 'Failed' }];
  }
  // Complete once nothing is left here and every drained role is where it should be on its new node.
  const names = drainedGroups(state, self);
  const settled = objects.groups.filter((g) => names.includes(g.name)).every((g) => g.ownerNode !== self && (g.resources.length === 0 || (g.properties.PersistentState === 0 ? g.state === 'Offline' : g.state === 'Online')));
  // A live migration still finishing (its destination's Done not yet here) keeps the drain in progress.
  const nothingLeft = Object.keys(state.rcm.hosted).length === 0 && !objects.groups.some((g) => g.ownerNode === self) && host.hyperv.state.outgoing.length === 0;
  return nothingLeft && settled ? [{ op: 'SetValue', path: drainPath(self), value: 'Completed' }] : [];
}

function nodeOutput(state: ClusterState, node: { name: string; id: number }, State: string) {
  return { Name: node.name, ID: node.id, State, DrainStatus: drainStatusOf(state, node.name) };
}

export const suspendClusterNode: ClusterCmdlet = (state, call, host) => {
  const read = readClusterForChange(state, call, host);
  const node = read && pick(read.identity.nodes, namesOf(call) ?? [state.config.name], resourceErrors.nodeNotFound, call, host)?.[0];
  if (!read || !node) return;
  if (!state.view?.members.some((m) => m.name === node.name)) {
    return host.io.reply(call.requestId, { ok: false, error: { category: 'InvalidOperation', errorId: 'ClusterNodeDown', message: `Suspend-ClusterNode : The cluster node '${node.name}' is down: it cannot be paused.` } });
  }
  const drain = call.parameters.Drain === true;
  const changes: DbChange[] = [{ op: 'SetValue', path: pausedPath(node.name), value: true }];
  if (drain) {
    changes.push({ op: 'SetValue', path: drainPath(node.name), value: 'InProgress' });
    changes.push(...recordDrained(node.name, read.objects.groups.filter((g) => g.ownerNode === node.name).map((g) => g.name)));
  }
  const output = { ...nodeOutput(state, node, 'Paused'), ...(drain ? { DrainStatus: 'Completed' } : {}) };
  proposeAndWait(state, host, call.requestId, changes, { kind: drain ? 'Drained' : 'Committed', object: node.name, output }, drainWaitMs);
};

export const resumeClusterNode: ClusterCmdlet = (state, call, host) => {
  const read = readClusterForChange(state, call, host);
  const node = read && pick(read.identity.nodes, namesOf(call) ?? [state.config.name], resourceErrors.nodeNotFound, call, host)?.[0];
  if (!read || !node) return;
  const failback = String(call.parameters.Failback ?? 'NoFailback');
  if (!['nofailback', 'immediate', 'policy'].includes(failback.toLowerCase())) {
    return host.io.reply(call.requestId, {
      ok: false,
      error: { category: 'InvalidArgument', errorId: 'ParameterArgumentValidationError', message: `Resume-ClusterNode : Cannot bind parameter 'Failback'. Cannot convert value "${failback}" to type "ResumeClusterNodeFailbackType". Specify one of: NoFailback, Immediate, Policy.` },
    });
  }
  const after = structuredClone(read.objects);
  // Running VMs come back by live migration (their owners carry it out), anything else is handed over.
  const planned: DbChange[] = [];
  if (failback.toLowerCase() === 'immediate') {
    for (const name of drainedGroups(state, node.name)) {
      const group = after.groups.find((g) => g.name === name);
      if (group && group.ownerNode !== node.name) planMove(after, name, node.name, planned);
    }
  }
  const changes: DbChange[] = [{ op: 'SetValue', path: pausedPath(node.name), value: false }, ...objectChanges(state.gum.copy.entries, after), ...planned];
  proposeAndWait(state, host, call.requestId, changes, { kind: 'Committed', object: node.name, output: nodeOutput(state, node, 'Up') }, drainWaitMs);
};
