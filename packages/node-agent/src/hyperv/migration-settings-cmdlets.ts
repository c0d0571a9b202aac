// The Hyper-V host's live-migration settings an administrator sets [L4]: Enable-VMMigration and
// Disable-VMMigration (VirtualMachineMigrationEnabled), Set-VMHost's authentication type and
// UseAnyNetworkForMigration, and the host's migration networks (Add-, Get-, Set- and
// Remove-VMMigrationNetwork), which a VM that is not clustered moves over when
// UseAnyNetworkForMigration is off (migration-networks.ts). Subnets compare in CIDR form, so
// `10.0.1.0/24` and ` 10.0.1.0/24 ` are one entry.
import type { CmdletError } from '@wsfc-lab/protocol';
import type { CmdletCall } from '../subsystem.js';
import type { HyperVHost } from './migration-link.js';
import { normaliseSubnet, type VmMigrationNetwork } from './migration-networks.js';
import type { HyperVState, VmHostSettings } from './types.js';

type Cmdlet = (h: HyperVState, call: CmdletCall, host: HyperVHost) => void;

/** Migration networks one host keeps; a bound (STYLE 7). */
export const migrationNetworksPerHostMax = 64;

const authenticationTypes: readonly VmHostSettings['VirtualMachineMigrationAuthenticationType'][] = ['CredSSP', 'Kerberos'];

const invalid = (message: string, errorId: string): CmdletError => ({ category: 'InvalidArgument', errorId, message });

/** Get-VMHost's object (without the migration networks, which Get-VMMigrationNetwork lists). */
export function vmHostView(h: HyperVState): Record<string, unknown> {
  const { migrationNetworks: _networks, ...settings } = h.host;
  return { ComputerName: h.node, LogicalProcessorCount: h.logicalProcessors, MemoryCapacity: h.memoryCapacityBytes, ...settings };
}

function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  return text === 'true' || text === '$true' || text === '1' ? true : text === 'false' || text === '$false' || text === '0' ? false : undefined;
}

/**
 * Set-VMHost's migration parameters beyond the limits and the performance option: validated into
 * `next`, or the error for the first bad one (PowerShell's binding texts).
 */
export function applyMigrationHostSettings(p: Record<string, unknown>, next: VmHostSettings): CmdletError | undefined {
  const auth = p.VirtualMachineMigrationAuthenticationType;
  if (auth !== undefined) {
    const found = authenticationTypes.find((t) => t.toLowerCase() === String(auth).toLowerCase());
    if (found === undefined) {
      return invalid(
        `Cannot bind parameter 'VirtualMachineMigrationAuthenticationType'. Cannot convert value "${String(auth)}" to type "Microsoft.HyperV.PowerShell.MigrationAuthenticationType". The possible enumeration values are "${authenticationTypes.join(', ')}".`,
        'CannotConvertArgumentNoMessage',
      );
    }
    next.VirtualMachineMigrationAuthenticationType = found;
  }
  const any = p.UseAnyNetworkForMigration;
  if (any !== undefined) {
    const value = bool(any);
    if (value === undefined) return invalid(`Cannot process argument transformation on parameter 'UseAnyNetworkForMigration'. Cannot convert value "${String(any)}" to type "System.Boolean".`, 'ParameterArgumentTransformationError');
    next.UseAnyNetworkForMigration = value;
  }
  return undefined;
}

function setEnabled(enabled: boolean): Cmdlet {
  return (h, call, host) => {
    h.host = { ...h.host, VirtualMachineMigrationEnabled: enabled };
    host.io.reply(call.requestId, { ok: true, output: call.parameters.Passthru === true ? vmHostView(h) : null });
  };
}

const first = (call: CmdletCall, name: string, position: number): unknown => call.parameters[name] ?? (call.parameters.$positional as unknown[] | undefined)?.[position];

function networkRow(h: HyperVState, n: VmMigrationNetwork) {
  return { Subnet: n.Subnet, Priority: n.Priority, ComputerName: h.node };
}

function badSubnet(value: unknown): CmdletError {
  return invalid(`Cannot validate argument on parameter 'Subnet'. "${String(value)}" is not an IPv4 subnet such as 10.0.1.0/24.`, 'ParameterArgumentValidationError');
}

function notFound(h: HyperVState, subnet: string): CmdletError {
  return { category: 'ObjectNotFound', errorId: 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.GetVMMigrationNetwork', message: `Hyper-V was unable to find a migration network with subnet '${subnet}' on ${h.node}.` };
}

/** The entries a -Subnet names: all for none or `*`, else the one with that subnet. */
function named(h: HyperVState, raw: unknown): { ok: true; entries: VmMigrationNetwork[] } | { ok: false; error: CmdletError } {
  if (raw === undefined || raw === null || String(raw) === '*') return { ok: true, entries: [...h.host.migrationNetworks] };
  const subnet = normaliseSubnet(String(raw));
  if (subnet === undefined) return { ok: false, error: badSubnet(raw) };
  const entries = h.host.migrationNetworks.filter((n) => n.Subnet === subnet);
  return entries.length > 0 ? { ok: true, entries } : { ok: false, error: notFound(h, subnet) };
}

const getVmMigrationNetwork: Cmdlet = (h, call, host) => {
  const picked = named(h, first(call, 'Subnet', 0));
  if (!picked.ok) return host.io.reply(call.requestId, { ok: false, error: picked.error });
  const priority = call.parameters.Priority;
  const rows = picked.entries.filter((n) => priority === undefined || n.Priority === Number(priority)).map((n) => networkRow(h, n));
  host.io.reply(call.requestId, { ok: true, output: rows });
};

function priorityOf(value: unknown, h: HyperVState): number | CmdletError {
  // Absent: after the last one, so a new subnet is tried last [lab's rule; the default is not documented].
  if (value === undefined) return h.host.migrationNetworks.reduce((max, n) => Math.max(max, n.Priority + 1), 0);
  const priority = Number(value);
  if (Number.isInteger(priority) && priority >= 0) return priority;
  return invalid(`Cannot validate argument on parameter 'Priority'. The ${String(value)} argument is not a non-negative integer.`, 'ParameterArgumentValidationError');
}

const addVmMigrationNetwork: Cmdlet = (h, call, host) => {
  const raw = first(call, 'Subnet', 0);
  const subnet = raw === undefined ? undefined : normaliseSubnet(String(raw));
  if (subnet === undefined) return host.io.reply(call.requestId, { ok: false, error: badSubnet(raw) });
  const priority = priorityOf(call.parameters.Priority ?? (call.parameters.$positional as unknown[] | undefined)?.[1], h);
  if (typeof priority !== 'number') return host.io.reply(call.requestId, { ok: false, error: priority });
  if (h.host.migrationNetworks.some((n) => n.Subnet === subnet)) {
    return host.io.reply(call.requestId, { ok: false, error: { category: 'ResourceExists', errorId: 'ObjectAlreadyExists', message: `The migration network ${subnet} already exists on ${h.node}.` } });
  }
  if (h.host.migrationNetworks.length >= migrationNetworksPerHostMax) {
    return host.io.reply(call.requestId, { ok: false, error: invalid(`${h.node} already has ${migrationNetworksPerHostMax} migration networks (migrationNetworksPerHostMax).`, 'LimitReached') });
  }
  const entry = { Subnet: subnet, Priority: priority };
  h.host = { ...h.host, migrationNetworks: [...h.host.migrationNetworks, entry] };
  host.io.reply(call.requestId, { ok: true, output: call.parameters.Passthru === true ? networkRow(h, entry) : null });
};

const removeVmMigrationNetwork: Cmdlet = (h, call, host) => {
  const picked = named(h, first(call, 'Subnet', 0));
  if (!picked.ok) return host.io.reply(call.requestId, { ok: false, error: picked.error });
  h.host = { ...h.host, migrationNetworks: h.host.migrationNetworks.filter((n) => !picked.entries.includes(n)) };
  host.io.reply(call.requestId, { ok: true, output: call.parameters.Passthru === true ? picked.entries.map((n) => networkRow(h, n)) : null });
};

const setVmMigrationNetwork: Cmdlet = (h, call, host) => {
  const picked = named(h, first(call, 'Subnet', 0));
  if (!picked.ok) return host.io.reply(call.requestId, { ok: false, error: picked.error });
  const rawNew = call.parameters.NewSubnet ?? (call.parameters.$positional as unknown[] | undefined)?.[1];
  const newSubnet = rawNew === undefined ? undefined : normaliseSubnet(String(rawNew));
  if (rawNew !== undefined && newSubnet === undefined) return host.io.reply(call.requestId, { ok: false, error: badSubnet(rawNew) });
  const priority = call.parameters.NewPriority === undefined ? undefined : priorityOf(call.parameters.NewPriority, h);
  if (priority !== undefined && typeof priority !== 'number') return host.io.reply(call.requestId, { ok: false, error: priority });
  const changed = h.host.migrationNetworks.map((n) => (picked.entries.includes(n) ? { Subnet: newSubnet ?? n.Subnet, Priority: priority ?? n.Priority } : n));
  h.host = { ...h.host, migrationNetworks: changed };
  host.io.reply(call.requestId, { ok: true, output: call.parameters.Passthru === true ? changed.map((n) => networkRow(h, n)) : null });
};

export const migrationSettingsCmdlets: Readonly<Record<string, Cmdlet>> = {
  'Enable-VMMigration': setEnabled(true),
  'Disable-VMMigration': setEnabled(false),
  'Get-VMMigrationNetwork': getVmMigrationNetwork,
  'Add-VMMigrationNetwork': addVmMigrationNetwork,
  'Remove-VMMigrationNetwork': removeVmMigrationNetwork,
  'Set-VMMigrationNetwork': setVmMigrationNetwork,
};
