// Property assignment on the cluster's objects: `(Get-Cluster).SameSubnetThreshold = 20` reaches
// the node as Get-Cluster with `$assignment: { property, value }` (coordinator run-cmdlet.ts).
// The assignment is judged on this node's copy (property-rules.ts: known, writable, type, range;
// the quorum properties by quorum/set-quorum.ts) and, when accepted, proposed through the GUM as
// the database changes that make it; the cmdlet answers once the update is committed on every
// node, with no output, as an assignment statement has none. A refusal proposes nothing, so the
// cluster is left as it was. Cluster common properties are stored only when they differ from
// their defaults (identity.ts), group and resource properties likewise (schema.ts).
import { proposeAndWait } from './propose-and-wait.js';
import type { CmdletError } from '@wsfc-lab/protocol';
import type { DbChange } from '../gum/mod.js';
import { validateQuorumChange, type QuorumChange } from '../quorum/mod.js';
import { regroupRanges } from '../regroup/mod.js';
import { resourceDefaults } from '../resources/mod.js';
import type { CmdletCall } from '../subsystem.js';
import { namesOf, pick, readClusterForChange, resourceErrors, type ClusterCmdlet, type ClusterRead } from './cmdlet-support.js';
import { commonPropertyDefaults, quorumConfigOf, regroupSettingsOf, type CommonProperties } from './identity.js';
import { checkRegroupRelations, convertValue, propertyErrors, ruleFor, type AssignableObject, type PropertyValue } from './property-rules.js';
import { objectChanges } from './schema.js';
import type { ClusterHost, ClusterState } from './types.js';

/** How long a change waits to be committed: PendingTimeout's default, 180 s, as the other cmdlets. */
const commitWaitMs = resourceDefaults.PendingTimeout;

/** The read cmdlet, or the assignment handler when the call carries `$assignment`. */
export function withAssignment(read: ClusterCmdlet, assign: ClusterCmdlet): ClusterCmdlet {
  return (state, call, host) => (call.parameters.$assignment === undefined ? read(state, call, host) : assign(state, call, host));
}

/** Proposes `changes` and answers `output` once they are committed everywhere; with nothing to change, at once. */
export function commitChanges(state: ClusterState, host: ClusterHost, call: CmdletCall, o: { changes: DbChange[]; object: string; output: unknown }): void {
  proposeAndWait(state, host, call.requestId, o.changes, { kind: 'Committed', object: o.object, output: o.output }, commitWaitMs);
}

function refuse(call: CmdletCall, host: ClusterHost, error: CmdletError): undefined {
  host.io.reply(call.requestId, { ok: false, error });
  return undefined;
}

interface Assignment {
  property: string;
  value: unknown;
}

/** The assignment and the cluster as this node has it, or undefined once the refusal is sent. */
function begin(state: ClusterState, call: CmdletCall, host: ClusterHost): { assignment: Assignment; read: ClusterRead } | undefined {
  const raw = call.parameters.$assignment as { property?: unknown; value?: unknown } | undefined;
  if (typeof raw?.property !== 'string') {
    return refuse(call, host, { category: 'InvalidArgument', errorId: 'BadAssignment', message: `wsfc-lab: $assignment must be { property, value }, got ${JSON.stringify(raw)}` });
  }
  const read = readClusterForChange(state, call, host);
  return read && { assignment: { property: raw.property, value: raw.value }, read };
}

interface Resolved {
  /** The canonical name. */
  name: string;
  value: PropertyValue;
  quorum: boolean;
}

/** The property's rule and the value converted to its type, or undefined once the refusal is sent. */
function resolve(o: { object: AssignableObject; objectName: string; assignment: Assignment; call: CmdletCall; host: ClusterHost }): Resolved | undefined {
  const { property, value } = o.assignment;
  const rule = ruleFor(o.object, property);
  if (rule === undefined) return refuse(o.call, o.host, propertyErrors.notFound(property));
  if (rule.access === 'ReadOnly') return refuse(o.call, o.host, propertyErrors.readOnly(property));
  if (rule.access === 'NotInLab') return refuse(o.call, o.host, propertyErrors.notInLab(property, o.objectName, rule.why));
  const converted = convertValue({ property, object: o.objectName, valueType: rule.valueType, value });
  if (!converted.ok) return refuse(o.call, o.host, converted.error);
  return { name: rule.name, value: converted.value, quorum: rule.quorum === true };
}

/** The one object named: PowerShell cannot set a property on a collection of them. */
function single<T extends { name: string }>(all: readonly T[], o: { call: CmdletCall; host: ClusterHost; property: string; notFound: (name: string) => CmdletError }): T | undefined {
  const picked = pick(all, namesOf(o.call), o.notFound, o.call, o.host);
  if (picked === undefined) return undefined;
  if (picked.length !== 1) return refuse(o.call, o.host, propertyErrors.notFound(o.property));
  return picked[0];
}

/** The quorum module's refusal of the change for the current members, or undefined when it keeps quorum. */
function judgeQuorum(state: ClusterState, read: ClusterRead, change: QuorumChange): CmdletError | undefined {
  const view = state.view;
  const members = new Set(view?.members.map((m) => m.name) ?? []);
  const result = validateQuorumChange({ clusterName: read.identity.name, config: quorumConfigOf(read.identity), members, witnessHeld: view?.witnessHeld ?? false, disks: [], change });
  return result.ok ? undefined : result.error;
}

/** The change of one cluster common property; a default value is deleted, not stored (identity.ts). */
export function clusterPropertyChanges(current: CommonProperties, name: keyof CommonProperties, value: number): DbChange[] {
  if (current[name] === value) return [];
  const path = `Cluster/${name}`;
  return [value === commonPropertyDefaults[name] ? { op: 'DeleteValue', path } : { op: 'SetValue', path, value }];
}

function clusterRefusal(state: ClusterState, read: ClusterRead, resolved: Resolved, property: string): CmdletError | undefined {
  const value = resolved.value as number;
  if (resolved.name === 'DynamicQuorum') return judgeQuorum(state, read, { type: 'DynamicQuorum', DynamicQuorum: value });
  if (resolved.name === 'LowerQuorumPriorityNodeID') return judgeQuorum(state, read, { type: 'LowerQuorumPriorityNodeID', LowerQuorumPriorityNodeID: value });
  if (!(resolved.name in regroupRanges)) return undefined;
  const relation = checkRegroupRelations(regroupSettingsOf({ ...read.identity, properties: { ...read.identity.properties, [resolved.name]: value } }));
  return relation === undefined ? undefined : propertyErrors.outOfRange({ property, object: read.identity.name, lab: relation });
}

export const assignClusterProperty: ClusterCmdlet = (state, call, host) => {
  const begun = begin(state, call, host);
  if (!begun) return;
  const { assignment, read } = begun;
  const clusterName = read.identity.name;
  const resolved = resolve({ object: 'Cluster', objectName: clusterName, assignment, call, host });
  if (!resolved) return;
  const refusal = clusterRefusal(state, read, resolved, assignment.property);
  if (refusal) return refuse(call, host, refusal);
  const changes = clusterPropertyChanges(read.identity.properties, resolved.name as keyof CommonProperties, resolved.value as number);
  commitChanges(state, host, call, { changes, object: clusterName, output: null });
};

export const assignNodeProperty: ClusterCmdlet = (state, call, host) => {
  const begun = begin(state, call, host);
  if (!begun) return;
  const { assignment, read } = begun;
  const node = single(read.identity.nodes, { call, host, property: assignment.property, notFound: resourceErrors.nodeNotFound });
  const resolved = node && resolve({ object: 'ClusterNode', objectName: node.name, assignment, call, host });
  if (!node || !resolved) return;
  // NodeWeight is the node's only writable property here.
  const value = resolved.value as number;
  const refusal = judgeQuorum(state, read, { type: 'NodeWeight', node: node.name, NodeWeight: value });
  if (refusal) return refuse(call, host, refusal);
  const changes: DbChange[] = node.NodeWeight === value ? [] : [{ op: 'SetValue', path: `Nodes/${node.name}/NodeWeight`, value }];
  commitChanges(state, host, call, { changes, object: node.name, output: null });
};

export const assignGroupProperty: ClusterCmdlet = (state, call, host) => {
  const begun = begin(state, call, host);
  if (!begun) return;
  const { assignment, read } = begun;
  const group = single(read.objects.groups, { call, host, property: assignment.property, notFound: resourceErrors.groupNotFound });
  const resolved = group && resolve({ object: 'ClusterGroup', objectName: group.name, assignment, call, host });
  if (!group || !resolved) return;
  const groups = read.objects.groups.map((g) => (g.name === group.name ? { ...g, properties: { ...g.properties, [resolved.name]: resolved.value } } : g));
  commitChanges(state, host, call, { changes: objectChanges(state.gum.copy.entries, { ...read.objects, groups }), object: group.name, output: null });
};

export const assignResourceProperty: ClusterCmdlet = (state, call, host) => {
  const begun = begin(state, call, host);
  if (!begun) return;
  const { assignment, read } = begun;
  const resource = single(read.objects.resources, { call, host, property: assignment.property, notFound: resourceErrors.resourceNotFound });
  const resolved = resource && resolve({ object: 'ClusterResource', objectName: resource.name, assignment, call, host });
  if (!resource || !resolved) return;
  const resources = read.objects.resources.map((r) => (r.name === resource.name ? { ...r, properties: { ...r.properties, [resolved.name]: resolved.value } } : r));
  commitChanges(state, host, call, { changes: objectChanges(state.gum.copy.entries, { ...read.objects, resources }), object: resource.name, output: null });
};
