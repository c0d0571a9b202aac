// Shows cmdlet output as PowerShell does by default: a table of the cmdlet's default columns
// (facts §16.3); objects without a default view as a table when they have at most four
// properties and as a list otherwise (PowerShell's rule for types without a format view); or as
// a pipeline's `| Format-List` / `| Format-Table` asks. Formatting is for display only: what a
// scenario reads stays the objects.
import { isOutputObject, selectKeys, type OutputObject } from './properties.js';

/** How a pipeline asked for its output to be shown (`| Format-List`, `| Format-Table`). */
export type Display = { kind: 'list' | 'table'; /** Names or wildcards; absent: every property (list), the default columns (table). */ properties?: string[] };

/** PowerShell shows an object without a format view as a list from this many properties on. */
const listFromPropertiesMin = 5;

const nodeColumns = ['Name', 'ID', 'State'];
const groupColumns = ['Name', 'OwnerNode', 'State'];
const resourceColumns = ['Name', 'State', 'OwnerGroup', 'ResourceType'];

/** Columns by the cmdlet that gave the objects; cmdlets that act on an object give it back, in its view. */
const defaultColumns: Record<string, string[]> = {
  'Get-Cluster': ['Name'],
  'Get-ClusterNode': nodeColumns,
  'Suspend-ClusterNode': nodeColumns,
  'Resume-ClusterNode': nodeColumns,
  'Start-ClusterNode': nodeColumns,
  'Stop-ClusterNode': nodeColumns,
  'Get-ClusterGroup': groupColumns,
  'Move-ClusterGroup': groupColumns,
  'Start-ClusterGroup': groupColumns,
  'Stop-ClusterGroup': groupColumns,
  'Move-ClusterVirtualMachineRole': groupColumns,
  'Get-ClusterResource': resourceColumns,
  'Start-ClusterResource': resourceColumns,
  'Stop-ClusterResource': resourceColumns,
  'Get-ClusterNetwork': ['Name', 'State'],
  'Get-ClusterNetworkInterface': ['Name', 'Node', 'Network', 'State'],
  'Get-ClusterSharedVolume': ['Name', 'State', 'Node'],
  'Get-ClusterQuorum': ['Cluster', 'QuorumResource', 'QuorumType'],
  'Get-ClusterOwnerNode': ['ClusterObject', 'OwnerNodes'],
  'Get-VM': ['Name', 'State', 'CPUUsage', 'MemoryAssigned', 'Uptime', 'Status', 'Version'],
  'Get-Disk': ['Number', 'FriendlyName', 'SerialNumber', 'HealthStatus', 'OperationalStatus', 'Size', 'PartitionStyle'],
  'Get-Volume': ['DriveLetter', 'FriendlyName', 'FileSystemType', 'DriveType', 'HealthStatus', 'OperationalStatus', 'SizeRemaining', 'Size'],
  'Get-Partition': ['PartitionNumber', 'DriveLetter', 'Offset', 'Size', 'Type'],
  'Get-IscsiSession': ['SessionIdentifier', 'TargetNodeAddress', 'IsConnected', 'IsPersistent'],
  'Get-IscsiTarget': ['NodeAddress', 'IsConnected'],
  'Get-IscsiServerTarget': ['TargetName', 'Status', 'InitiatorIds'],
  'Resolve-DnsName': ['Name', 'Type', 'TTL', 'Section', 'IPAddress'],
};

/** Byte counts as PowerShell's storage formats show them: `20 GB`, `19.98 GB`. */
const sizeColumns = new Set(['Size', 'SizeRemaining', 'AllocatedSize']);
function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(2)} ${units[unit]}`;
}

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return `{${value.map(cell).join(', ')}}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

export function formatTable(rows: OutputObject[], columns?: string[]): string {
  if (rows.length === 0) return '';
  const keys = columns ?? Object.keys(rows[0] ?? {});
  const show = (row: OutputObject, key: string) => {
    const value = row[key];
    return sizeColumns.has(key) && typeof value === 'number' ? formatBytes(value) : cell(value);
  };
  const widths = keys.map((key) => Math.max(key.length, ...rows.map((row) => show(row, key).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' ').trimEnd();
  return [line(keys), line(keys.map((key) => '-'.repeat(key.length))), ...rows.map((row) => line(keys.map((k) => show(row, k))))].join('\n');
}

/** `Name : value` lines, the colons aligned on the longest name, a blank line between objects. */
export function formatList(rows: OutputObject[], properties?: string[]): string {
  return rows
    .map((row) => {
      const keys = properties === undefined ? Object.keys(row) : selectKeys(row, properties, 'drop');
      const width = Math.max(0, ...keys.map((k) => k.length));
      return keys.map((k) => `${k.padEnd(width)} : ${cell(row[k])}`.trimEnd()).join('\n');
    })
    .join('\n\n');
}

/** The columns of a table: those asked for (wildcards against the first object), else the cmdlet's. */
function tableColumns(cmdlet: string, rows: OutputObject[], properties: string[] | undefined): string[] | undefined {
  if (properties !== undefined) return selectKeys(rows[0] ?? {}, properties, 'keep');
  return defaultColumns[cmdlet];
}

/** The display a cmdlet's output gets when nothing asks for one. */
function defaultDisplay(cmdlet: string, rows: OutputObject[]): Display {
  if (defaultColumns[cmdlet] !== undefined) return { kind: 'table' };
  return Object.keys(rows[0] ?? {}).length >= listFromPropertiesMin ? { kind: 'list' } : { kind: 'table' };
}

/**
 * `cmdlet`'s output as text. `display` is how the pipeline asked for it; `true` is the old
 * spelling of `{ kind: 'list' }` (every property).
 */
export function formatOutput(cmdlet: string, output: unknown, display: Display | boolean = false): string {
  if (output === undefined || output === null) return '';
  const items = Array.isArray(output) ? output : [output];
  const rows = items.filter(isOutputObject);
  if (rows.length === 0) return items.map(cell).join('\n');
  const chosen: Display = display === true ? { kind: 'list' } : display === false ? defaultDisplay(cmdlet, rows) : display;
  const properties = chosen.properties?.length === 1 && chosen.properties[0] === '*' && chosen.kind === 'list' ? undefined : chosen.properties;
  return chosen.kind === 'list' ? formatList(rows, properties) : formatTable(rows, tableColumns(cmdlet, rows, properties));
}
