// Set-ClusterQuorum (facts §2.1; PS-FC:set-clusterquorum): -NoWitness (-NodeMajority), -DiskWitness
// (-NodeAndDiskMajority) <disk>, -FileShareWitness (-NodeAndFileShareMajority) <\\server\share>,
// -CloudWitness -AccountName -AccessKey|-SASToken [-Endpoint], -DiskOnly <disk>. The change is judged
// by quorum/set-quorum.ts on this node's copy and its current membership (a disk that is not in
// Available Storage, a change that would leave the members without quorum: refused with the real
// text, nothing proposed). An accepted change is one GUM update: the witness entries of the cluster
// (identity.ts) and the objects that move with it. A disk witness is a core resource of the
// Cluster Group (resources/default-groups.ts), so the new disk moves there from Available Storage
// and the old witness disk moves back; a file share or cloud witness is a core resource of its
// own, created or deleted. The cmdlet answers once the update is committed, with the new
// Get-ClusterQuorum row, as the real cmdlet prints its ClusterQuorumSettings.
import { blockSizeBytes, type CmdletError } from '@wsfc-lab/protocol';
import { diskWitnessSizeBytesMin, getClusterQuorumRow, validateQuorumChange, type ClusterDisk, type QuorumChange, type Witness } from '../quorum/mod.js';
import { availableStorageName, clusterGroupName, resourceDefaults, type ClusterObjects, type ClusterResource } from '../resources/mod.js';
import { readClusterForChange, type ClusterCmdlet } from './cmdlet-support.js';
import { commitChanges } from './cmdlets-properties.js';
import { encodeIdentity, quorumConfigOf } from './identity.js';
import { diffEntries, objectChanges } from './schema.js';
import { volumeNumberParameter } from '../csv/volumes.js';
import type { ClusterHost, ClusterState } from './types.js';

const commandId = 'Microsoft.FailoverClusters.PowerShell.SetClusterQuorumCommand';

export const setClusterQuorumErrors = {
  ambiguous: (given: readonly string[]): CmdletError => ({
    category: 'InvalidArgument',
    errorId: `AmbiguousParameterSet,${commandId}`,
    message: `Set-ClusterQuorum : Parameter set cannot be resolved using the specified named parameters. (wsfc-lab: give exactly one of -NoWitness, -DiskWitness, -FileShareWitness, -CloudWitness, -DiskOnly; got ${given.length === 0 ? 'none' : given.map((p) => `-${p}`).join(', ')})`,
  }),
  missingMandatory: (names: readonly string[]): CmdletError => ({
    category: 'InvalidArgument',
    errorId: `MissingMandatoryParameter,${commandId}`,
    message: `Set-ClusterQuorum : Cannot process command because of one or more missing mandatory parameters: ${names.join(' ')}.`,
  }),
} as const;

/** A parameter's value as a name: a string, or the Name of an object piped or passed in. */
function nameOf(value: unknown): string {
  if (typeof value === 'object' && value !== null && typeof (value as { Name?: unknown }).Name === 'string') return (value as { Name: string }).Name;
  return String(value);
}

const given = (value: unknown): boolean => value !== undefined && value !== null && value !== false;

/** The quorum change the parameters ask for, or the parameter-binding refusal. */
export function quorumChangeOf(parameters: Readonly<Record<string, unknown>>): { ok: true; change: QuorumChange } | { ok: false; error: CmdletError } {
  const modes = ['NoWitness', 'DiskWitness', 'FileShareWitness', 'CloudWitness', 'DiskOnly'].filter((name) => given(parameters[name]));
  if (modes.length !== 1) return { ok: false, error: setClusterQuorumErrors.ambiguous(modes) };
  switch (modes[0]) {
    case 'NoWitness':
      return { ok: true, change: { type: 'NoWitness' } };
    case 'DiskWitness':
      return { ok: true, change: { type: 'DiskWitness', disk: nameOf(parameters.DiskWitness) } };
    case 'DiskOnly':
      return { ok: true, change: { type: 'DiskOnly', disk: nameOf(parameters.DiskOnly) } };
    case 'FileShareWitness':
      return { ok: true, change: { type: 'FileShareWitness', sharePath: String(parameters.FileShareWitness) } };
    default: {
      const missing = [...(given(parameters.AccountName) ? [] : ['AccountName']), ...(given(parameters.AccessKey) || given(parameters.SASToken) ? [] : ['AccessKey'])];
      if (missing.length > 0) return { ok: false, error: setClusterQuorumErrors.missingMandatory(missing) };
      const endpoint = given(parameters.Endpoint) ? { endpoint: String(parameters.Endpoint) } : {};
      return { ok: true, change: { type: 'CloudWitness', accountName: String(parameters.AccountName), ...endpoint } };
    }
  }
}

const witnessName = (w: Witness): string | undefined => (w.type === 'None' ? undefined : w.resource);

function moveResource(objects: ClusterObjects, name: string, o: { toGroup: string; isCoreResource: boolean }): ClusterObjects {
  const resource = objects.resources.find((r) => r.name === name);
  if (!resource) return objects;
  return {
    groups: objects.groups.map((g) => {
      const kept = g.resources.filter((r) => r !== name);
      return { ...g, resources: g.name === o.toGroup ? [...kept, name] : kept };
    }),
    resources: objects.resources.map((r) => (r.name === name ? { ...r, ownerGroup: o.toGroup, isCoreResource: o.isCoreResource } : r)),
  };
}

function withoutResource(objects: ClusterObjects, name: string): ClusterObjects {
  return { groups: objects.groups.map((g) => ({ ...g, resources: g.resources.filter((r) => r !== name) })), resources: objects.resources.filter((r) => r.name !== name) };
}

/** The File Share Witness or Cloud Witness resource, as the cluster creates it: a core resource of the Cluster Group. */
export function witnessResource(w: Extract<Witness, { type: 'FileShare' | 'Cloud' }>): ClusterResource {
  return {
    name: w.resource,
    resourceType: w.type === 'FileShare' ? 'File Share Witness' : 'Cloud Witness',
    ownerGroup: clusterGroupName,
    state: 'Offline',
    dependencies: [],
    properties: { ...resourceDefaults, PersistentState: 1 },
    parameters: w.type === 'FileShare' ? { SharePath: w.sharePath } : { AccountName: w.accountName, EndpointInfo: w.endpoint },
    isCoreResource: true,
  };
}

/** The cluster's objects once the witness is `to` instead of `from`: what moves into and out of the Cluster Group. */
export function moveWitness(objects: ClusterObjects, o: { from: Witness; to: Witness }): ClusterObjects {
  let out = objects;
  const from = witnessName(o.from);
  const to = witnessName(o.to);
  if (from !== undefined && from !== to) {
    out = o.from.type === 'Disk' ? moveResource(out, from, { toGroup: availableStorageName, isCoreResource: false }) : withoutResource(out, from);
  }
  if (o.to.type === 'Disk') return from === to ? out : moveResource(out, o.to.resource, { toGroup: clusterGroupName, isCoreResource: true });
  if (o.to.type === 'None') return out;
  const created = witnessResource(o.to);
  if (from === to) return { ...out, resources: out.resources.map((r) => (r.name === created.name ? { ...r, parameters: created.parameters } : r)) };
  return { groups: out.groups.map((g) => (g.name === clusterGroupName ? { ...g, resources: [...g.resources, created.name] } : g)), resources: [...out.resources, created] };
}

/** The resources offered as witness disks: their size as this node's disk stack sees them. */
function clusterDisks(objects: ClusterObjects, host: ClusterHost): ClusterDisk[] {
  return objects.resources.map((r) => {
    const disk = host.storage.disks.find((d) => d.present && d.name === r.name);
    // A disk this node cannot see is not judged on its size here (its owner's view is not at hand).
    const sizeBytes = disk ? disk.sizeBlocks * blockSizeBytes : diskWitnessSizeBytesMin;
    return { name: r.name, resourceType: r.resourceType, sizeBytes, isClusterSharedVolume: typeof r.parameters[volumeNumberParameter] === 'number', ownerGroup: r.ownerGroup };
  });
}

export const setClusterQuorum: ClusterCmdlet = (state: ClusterState, call, host) => {
  const asked = quorumChangeOf(call.parameters);
  if (!asked.ok) return host.io.reply(call.requestId, { ok: false, error: asked.error });
  const read = readClusterForChange(state, call, host);
  if (!read) return;
  const { identity, objects } = read;
  const config = quorumConfigOf(identity);
  const members = new Set(state.view?.members.map((m) => m.name) ?? []);
  const judged = validateQuorumChange({ clusterName: identity.name, config, members, witnessHeld: state.view?.witnessHeld ?? false, disks: clusterDisks(objects, host), change: asked.change });
  if (!judged.ok) return host.io.reply(call.requestId, { ok: false, error: judged.error });
  const witness = judged.config.witness;
  const identityChanges = diffEntries(encodeIdentity(identity), encodeIdentity({ ...identity, witness }));
  const moved = moveWitness(objects, { from: identity.witness, to: witness });
  const output = getClusterQuorumRow({ clusterName: identity.name, config: judged.config });
  commitChanges(state, host, call, { changes: [...identityChanges, ...objectChanges(state.gum.copy.entries, moved)], object: identity.name, output });
};
