// Set-ClusterOwnerNode: a group's preferred owners (-Group X -Owners a,b, in order) or a
// resource's possible owners (-Resource X -Owners a,b) (facts §4.5). Every owner must be a node of
// the cluster; a refusal names it and changes nothing. Answers once the change is committed.
import { proposeAndWait } from './propose-and-wait.js';
import type { CmdletCall } from '../subsystem.js';
import { namesOf, pick, readClusterForChange, resourceErrors, type ClusterCmdlet } from './cmdlet-support.js';
import { objectChanges } from './schema.js';
import type { ClusterHost, ClusterState } from './types.js';

/** How long Set-ClusterOwnerNode waits for its update to be committed everywhere. */
const commitWaitMs = 60_000;

function refuse(host: ClusterHost, call: CmdletCall, message: string): void {
  host.io.reply(call.requestId, { ok: false, error: { category: 'InvalidArgument', errorId: 'InvalidParameter', message: `Set-ClusterOwnerNode : ${message}` } });
}

function commit(state: ClusterState, host: ClusterHost, call: CmdletCall, changes: ReturnType<typeof objectChanges>, object: string): void {
  proposeAndWait(state, host, call.requestId, changes, { kind: 'Committed', object, output: null }, commitWaitMs);
}

export const setClusterOwnerNode: ClusterCmdlet = (state, call, host) => {
  const read = readClusterForChange(state, call, host);
  if (!read) return;
  const owners = namesOf(call, 'Owners');
  if (owners === undefined) return refuse(host, call, 'specify the owners with -Owners.');
  const nodes = read.identity.nodes.map((n) => n.name);
  const canonical: string[] = [];
  for (const owner of owners) {
    const node = nodes.find((n) => n.toLowerCase() === owner.split('.')[0]!.toLowerCase());
    if (node === undefined) return host.io.reply(call.requestId, { ok: false, error: resourceErrors.nodeNotFound(owner) });
    if (!canonical.includes(node)) canonical.push(node);
  }
  const groupName = namesOf(call, 'Group');
  const resourceName = namesOf(call, 'Resource');
  if ((groupName === undefined) === (resourceName === undefined)) return refuse(host, call, 'specify either -Group or -Resource.');
  if (groupName !== undefined) {
    const group = pick(read.objects.groups, groupName, resourceErrors.groupNotFound, call, host)?.[0];
    if (!group) return;
    const after = { ...read.objects, groups: read.objects.groups.map((g) => (g.name === group.name ? { ...g, preferredOwners: canonical } : g)) };
    return commit(state, host, call, objectChanges(state.gum.copy.entries, after), group.name);
  }
  const resource = pick(read.objects.resources, resourceName, resourceErrors.resourceNotFound, call, host)?.[0];
  if (!resource) return;
  if (canonical.length === 0) return refuse(host, call, `resource '${resource.name}' needs at least one possible owner.`);
  const after = { ...read.objects, resources: read.objects.resources.map((r) => (r.name === resource.name ? { ...r, possibleOwners: canonical } : r)) };
  commit(state, host, call, objectChanges(state.gum.copy.entries, after), resource.name);
};
