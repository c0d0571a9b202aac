// A cluster network's role set by an administrator (facts §12): `(Get-ClusterNetwork "Cluster
// Network 3").Role = 0` (or 1, 3, or the names None, Cluster, ClusterAndClient). The role is the
// cluster's, so it goes into the database (Networks/<network>/Role) and every node applies it from
// its copy: heartbeats and cluster traffic only on roles 1 and 3, client access points only on 3,
// live migration only where cluster traffic may go. The lab's network name is accepted as well as
// "Cluster Network N", as the renamed networks of seed 003 are known by theirs.
import type { CmdletError } from '@wsfc-lab/protocol';
import type { ClusterNetworkRole } from '../config.js';
import { clusterNetworkName, clusterNetworkRoles } from '../membership/networks.js';
import type { CmdletCall } from '../subsystem.js';
import { readClusterForChange } from './cmdlet-support.js';
import { proposeAndWait } from './propose-and-wait.js';
import type { ClusterHost, ClusterState } from './types.js';

export const networkRolePath = (labNetwork: string): string => `Networks/${labNetwork}/Role`;

const commitWaitMs = 60_000;
const roles = Object.entries(clusterNetworkRoles) as [ClusterNetworkRole, (typeof clusterNetworkRoles)[ClusterNetworkRole]][];
const roleOfValue = (value: number): ClusterNetworkRole | undefined => roles.find(([, r]) => r.value === value)?.[0];

/** 0, 1, 3, or the enum's names (None, Cluster, ClusterAndClient; the lab file's ClusterOnly too). */
function parseRole(value: unknown): ClusterNetworkRole | undefined {
  if (typeof value === 'number') return roleOfValue(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (/^\d+$/.test(text)) return roleOfValue(Number(text));
  return roles.find(([role, r]) => r.name.toLowerCase() === text || role.toLowerCase() === text)?.[0];
}

const refuse = (host: ClusterHost, requestId: string, error: CmdletError): void => host.io.reply(requestId, { ok: false, error });

/** `(Get-ClusterNetwork X).Role = v`, reached as Get-ClusterNetwork with `$assignment`. */
export function setClusterNetworkRole(state: ClusterState, call: CmdletCall, host: ClusterHost): void {
  const { property, value } = (call.parameters.$assignment ?? {}) as { property?: unknown; value?: unknown };
  const networkName = String(call.parameters.Name ?? (call.parameters.$positional as unknown[] | undefined)?.[0] ?? '');
  const networks = state.config.networks;
  const index = networks.findIndex((n, i) => clusterNetworkName(i).toLowerCase() === networkName.toLowerCase() || n.name.toLowerCase() === networkName.toLowerCase());
  if (networkName === '' || index < 0) {
    return refuse(host, call.requestId, { category: 'ObjectNotFound', errorId: 'ClusterNetworkNotFound', message: `The cluster network '${networkName}' was not found.` });
  }
  if (String(property).toLowerCase() !== 'role') {
    return refuse(host, call.requestId, { category: 'NotImplemented', errorId: 'PropertySetNotImplemented', message: `Setting ${String(property)} on the objects of Get-ClusterNetwork is not implemented by the wsfc-lab node agent yet (Role is); the value is unchanged.` });
  }
  const role = parseRole(value);
  if (role === undefined) {
    return refuse(host, call.requestId, {
      category: 'InvalidArgument',
      errorId: 'InvalidClusterNetworkRole',
      message: `Exception setting "Role": Cannot convert value "${String(value)}" to type "Microsoft.FailoverClusters.PowerShell.ClusterNetworkRole". Specify one of the following enumerator names and try again: None, Cluster, ClusterAndClient (0, 1, 3).`,
    });
  }
  if (!readClusterForChange(state, call, host)) return;
  const network = networks[index]!;
  proposeAndWait(state, host, call.requestId, [{ op: 'SetValue', path: networkRolePath(network.name), value: clusterNetworkRoles[role].value }], { kind: 'Committed', object: clusterNetworkName(index), output: null }, commitWaitMs);
}

/**
 * Applies the roles in this node's copy of the database to its networks (the lab file's role is
 * kept as `labRole`: where none is set, it stands). Returns whether any role changed.
 */
export function applyNetworkRoles(state: ClusterState): boolean {
  let changed = false;
  for (const network of state.config.networks) {
    const stored = state.gum.copy.entries[networkRolePath(network.name)];
    network.labRole ??= network.role;
    const wanted = (typeof stored === 'number' ? roleOfValue(stored) : undefined) ?? network.labRole;
    if (wanted === network.role) continue;
    network.role = wanted;
    changed = true;
  }
  return changed;
}
