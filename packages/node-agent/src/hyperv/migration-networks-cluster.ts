// The cluster's live-migration network setting as the cluster keeps it: the "Virtual Machine"
// resource type's private properties MigrationNetworkOrder and MigrationExcludeNetworks, in the
// cluster database under ResourceTypes\Virtual Machine\Parameters (the real hive's key, as
// `Set-ItemProperty HKLM:\Cluster\ResourceTypes\Virtual Machine\Parameters` shows), so every node
// has the same value through the GUM (facts §6.2 [L3] [L7]). The cmdlets an administrator uses:
//
//   Get-ClusterResourceType "Virtual Machine" | Get-ClusterParameter MigrationExcludeNetworks,MigrationNetworkOrder
//   Get-ClusterResourceType "Virtual Machine" | Set-ClusterParameter -Name MigrationExcludeNetworks -Value "<id>;<id>"
//
// Each value is a string of network IDs separated by semicolons, empty for the system default
// [L3]; like the real property it is not checked when set (an entry naming no network is ignored
// when a migration picks its network, migration-networks.ts). Setting "" removes the value.
import type { CmdletError } from '@wsfc-lab/protocol';
import type { DbChange } from '../gum/mod.js';
import { commitChanges } from '../cluster/cmdlets-properties.js';
import { readCluster, readClusterForChange, type ClusterCmdlet } from '../cluster/cmdlet-support.js';
import type { ClusterMigrationSetting } from './migration-networks.js';

export const virtualMachineResourceType = 'Virtual Machine';
export const migrationNetworkParameters = ['MigrationExcludeNetworks', 'MigrationNetworkOrder'] as const;
type MigrationNetworkParameter = (typeof migrationNetworkParameters)[number];

/** The resource types the lab's cluster has, with the DLL each comes from. */
const resourceTypes: Readonly<Record<string, string>> = {
  'Physical Disk': 'clusres.dll',
  'IP Address': 'clusres.dll',
  'Network Name': 'clusres.dll',
  'File Server': 'clusres2.dll',
  'Generic Service': 'clusres.dll',
  [virtualMachineResourceType]: 'vmclusres.dll',
  'Virtual Machine Configuration': 'vmclusres.dll',
};

export const parameterPath = (name: MigrationNetworkParameter) => `ResourceTypes/${virtualMachineResourceType}/Parameters/${name}`;

/** A semicolon-separated list, trimmed, without empty entries. */
export function splitNetworkList(value: unknown): string[] {
  return typeof value === 'string' ? value.split(';').map((e) => e.trim()).filter((e) => e !== '') : [];
}

/** The setting as this node's copy of the cluster database holds it. */
export function readClusterMigrationSetting(entries: Readonly<Record<string, unknown>>): ClusterMigrationSetting {
  return {
    MigrationNetworkOrder: splitNetworkList(entries[parameterPath('MigrationNetworkOrder')]),
    MigrationExcludeNetworks: splitNetworkList(entries[parameterPath('MigrationExcludeNetworks')]),
  };
}

const notFound = (name: string): CmdletError => ({
  category: 'ObjectNotFound',
  errorId: 'ClusterResourceTypeNotFound,Microsoft.FailoverClusters.PowerShell.GetClusterResourceTypeCommand',
  message: `Get-ClusterResourceType : The cluster resource type '${name}' could not be found.`,
});

const typeNameOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined);

export const getClusterResourceType: ClusterCmdlet = (state, call, host) => {
  const read = readCluster(state, call, host);
  if (!read) return;
  const wanted = typeNameOf(call.parameters.Name ?? (call.parameters.$positional as unknown[] | undefined)?.[0]);
  const names = Object.keys(resourceTypes).filter((n) => wanted === undefined || n.toLowerCase() === wanted.toLowerCase());
  if (wanted !== undefined && names.length === 0) return host.io.reply(call.requestId, { ok: false, error: notFound(wanted) });
  host.io.reply(call.requestId, { ok: true, output: names.map((name) => ({ Name: name, DisplayName: name, DllName: resourceTypes[name], Cluster: read.identity.name })) });
};

/** The object a parameter cmdlet acts on: -InputObject (the pipeline's resource type), which must be Virtual Machine. */
function vmTypeOf(cmdlet: string, value: unknown): { ok: true } | { ok: false; error: CmdletError } {
  const name = typeNameOf(value);
  if (name?.toLowerCase() === virtualMachineResourceType.toLowerCase()) return { ok: true };
  return {
    ok: false,
    error: { category: 'InvalidArgument', errorId: 'InputObjectNotInLab', message: `${cmdlet} : the lab keeps private properties of resource type "${virtualMachineResourceType}" only; pipe Get-ClusterResourceType "${virtualMachineResourceType}" into it (got ${JSON.stringify(value)}).` },
  };
}

export const getClusterParameter: ClusterCmdlet = (state, call, host) => {
  const read = readCluster(state, call, host);
  if (!read) return;
  const target = vmTypeOf('Get-ClusterParameter', call.parameters.InputObject);
  if (!target.ok) return host.io.reply(call.requestId, { ok: false, error: target.error });
  const raw = call.parameters.Name ?? (call.parameters.$positional as unknown[] | undefined)?.[0];
  const wanted = raw === undefined ? undefined : (Array.isArray(raw) ? raw : [raw]).map((n) => String(n).toLowerCase());
  const rows = migrationNetworkParameters
    .filter((name) => wanted === undefined || wanted.includes(name.toLowerCase()))
    .map((name) => ({ Object: virtualMachineResourceType, Name: name, Value: String(state.gum.copy.entries[parameterPath(name)] ?? ''), Type: 'String' }));
  host.io.reply(call.requestId, { ok: true, output: rows });
};

export const setClusterParameter: ClusterCmdlet = (state, call, host) => {
  const read = readClusterForChange(state, call, host);
  if (!read) return;
  const target = vmTypeOf('Set-ClusterParameter', call.parameters.InputObject);
  if (!target.ok) return host.io.reply(call.requestId, { ok: false, error: target.error });
  const given = String(call.parameters.Name ?? '');
  const name = migrationNetworkParameters.find((p) => p.toLowerCase() === given.toLowerCase());
  if (name === undefined) {
    return host.io.reply(call.requestId, {
      ok: false,
      error: { category: 'InvalidArgument', errorId: 'ParameterNotInLab', message: `Set-ClusterParameter : the lab keeps ${migrationNetworkParameters.join(' and ')} of resource type "${virtualMachineResourceType}", not "${given}".` },
    });
  }
  const raw = call.parameters.Value;
  const value = (Array.isArray(raw) ? raw.map(String) : [String(raw ?? '')]).join(';');
  const change: DbChange = splitNetworkList(value).length === 0 ? { op: 'DeleteValue', path: parameterPath(name) } : { op: 'SetValue', path: parameterPath(name), value };
  const current = state.gum.copy.entries[parameterPath(name)];
  const changes = change.op === 'DeleteValue' && current === undefined ? [] : [change];
  commitChanges(state, host, call, { changes, object: virtualMachineResourceType, output: null });
};

/** To register beside the cluster's cmdlets (cluster/cmdlets.ts). */
export const migrationNetworkClusterCmdlets: Readonly<Record<string, ClusterCmdlet>> = {
  'Get-ClusterResourceType': getClusterResourceType,
  'Get-ClusterParameter': getClusterParameter,
  'Set-ClusterParameter': setClusterParameter,
};
