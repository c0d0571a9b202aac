// Shows cmdlet output as PowerShell does by default: a table of the cmdlet's default columns
// (facts §16.3), or every property with `| Format-List *`.

const defaultColumns: Record<string, string[]> = {
  'Get-Cluster': ['Name'],
  'Get-ClusterNode': ['Name', 'ID', 'State'],
  'Get-ClusterGroup': ['Name', 'OwnerNode', 'State'],
  'Get-ClusterResource': ['Name', 'State', 'OwnerGroup', 'ResourceType'],
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

export function formatTable(rows: Record<string, unknown>[], columns?: string[]): string {
  if (rows.length === 0) return '';
  const keys = columns ?? Object.keys(rows[0] ?? {});
  const show = (row: Record<string, unknown>, key: string) => {
    const value = row[key];
    return sizeColumns.has(key) && typeof value === 'number' ? formatBytes(value) : cell(value);
  };
  const widths = keys.map((key) => Math.max(key.length, ...rows.map((row) => show(row, key).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' ').trimEnd();
  return [line(keys), line(widths.map((w) => '-'.repeat(w))), ...rows.map((row) => line(keys.map((k) => show(row, k))))].join('\n');
}

export function formatList(rows: Record<string, unknown>[]): string {
  return rows
    .map((row) => {
      const width = Math.max(...Object.keys(row).map((k) => k.length));
      return Object.entries(row).map(([k, v]) => `${k.padEnd(width)} : ${cell(v)}`).join('\n');
    })
    .join('\n\n');
}

export function formatOutput(cmdlet: string, output: unknown, asList = false): string {
  if (output === undefined || output === null) return '';
  const rows = (Array.isArray(output) ? output : [output]).filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null);
  if (rows.length === 0) return Array.isArray(output) ? '' : cell(output);
  return asList ? formatList(rows) : formatTable(rows, defaultColumns[cmdlet]);
}
