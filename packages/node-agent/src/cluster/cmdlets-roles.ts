// Add-ClusterFileServerRole and Add-ClusterGenericServiceRole: a role with a client access point
// (a Network Name on -StaticAddress), a disk from Available Storage (-Storage) and its service.
// The cluster name object first creates the role's virtual computer object in AD (facts §14); the
// role is then written to the cluster database and comes online on the node that owns the disk's
// group, which answers once it is online.
import { proposeAndWait } from './propose-and-wait.js';
import type { CmdletError } from '@wsfc-lab/protocol';
import { addFileServerRole, addGenericServiceRole, clusterGroupView, resourceDefaults, type ClusterObjects, type Result } from '../resources/mod.js';
import type { CmdletCall } from '../subsystem.js';
import { namesOf, readClusterForChange, type ClusterCmdlet } from './cmdlet-support.js';
import { onDirectoryCompletion } from './directory-answers.js';
import { createVirtualComputerObject } from './names.js';
import { staticAddresses } from './new-cluster.js';
import { objectChanges } from './schema.js';
import type { ClusterHost, ClusterState } from './types.js';

function refusal(cmdlet: string, message: string): CmdletError {
  return { category: 'InvalidArgument', errorId: 'ClusterRoleCreationFailed', message: `${cmdlet} : ${message}` };
}

/** Writes the new role and waits for it to be online. */
export function commitRole(state: ClusterState, host: ClusterHost, cmdletRequestId: string): void {
  const pending = state.pendingRoles[cmdletRequestId];
  if (!pending) return;
  delete state.pendingRoles[cmdletRequestId];
  proposeAndWait(state, host, cmdletRequestId, objectChanges(state.gum.copy.entries, pending.objects), { kind: 'GroupOnline', object: pending.name, output: pending.output }, resourceDefaults.PendingTimeout);
}

function addRole(cmdlet: string, build: (objects: ClusterObjects, call: CmdletCall, input: { name: string; disk: string; address: { Address: string; SubnetMask: string; Network: string } }) => Result<ClusterObjects> | string): ClusterCmdlet {
  return (state, call, host) => {
    const read = readClusterForChange(state, call, host);
    if (!read) return;
    const name = namesOf(call)?.[0];
    const disk = namesOf(call, 'Storage')?.[0];
    const addresses = staticAddresses(state, call);
    if (name === undefined || disk === undefined) return host.io.reply(call.requestId, { ok: false, error: refusal(cmdlet, 'specify the role with -Name and its disk with -Storage.') });
    if (typeof addresses === 'string' || addresses.length !== 1) return host.io.reply(call.requestId, { ok: false, error: refusal(cmdlet, typeof addresses === 'string' ? addresses : 'specify one -StaticAddress.') });
    const built = build(read.objects, call, { name, disk, address: addresses[0]! });
    if (typeof built === 'string') return host.io.reply(call.requestId, { ok: false, error: refusal(cmdlet, built) });
    if (!built.ok) return host.io.reply(call.requestId, { ok: false, error: built.error });
    const group = built.value.groups.find((g) => g.name === name)!;
    state.pendingRoles[call.requestId] = { name, objects: built.value, output: clusterGroupView({ ...group, state: 'Online' }, { clusterName: read.identity.name }) };
    if (createVirtualComputerObject(state, host, name, call.requestId, (completion) => onDirectoryCompletion(state, host, completion))) return;
    commitRole(state, host, call.requestId);
  };
}

export const addClusterFileServerRole = addRole('Add-ClusterFileServerRole', (objects, _call, input) => addFileServerRole(objects, input));

export const addClusterGenericServiceRole = addRole('Add-ClusterGenericServiceRole', (objects, call, input) => {
  const serviceName = namesOf(call, 'ServiceName')?.[0];
  if (serviceName === undefined) return 'specify the service with -ServiceName.';
  return addGenericServiceRole(objects, { ...input, serviceName });
});
