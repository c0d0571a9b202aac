// Test-Cluster's parameters as the lab's parser binds them (PS-FC:test-cluster): -Node and -Disk,
// -Include and -Ignore take string arrays (a, b or "a,b"), -ReportName and -Cluster a string,
// -List a switch. Any other shape is refused with PowerShell's conversion error, naming the value.
import type { CmdletError } from '@wsfc-lab/protocol';
import { invalidArgumentError } from '../storage/errors.js';
import { bindAll, type Bound } from '../storage/params.js';

const cmdlet = 'Test-Cluster';

export interface TestClusterParameters {
  list: boolean;
  nodes: string[] | undefined;
  cluster: string | undefined;
  disks: string[] | undefined;
  include: string[] | undefined;
  ignore: string[] | undefined;
  pools: string[] | undefined;
  reportName: string | undefined;
}

type Read<T> = Bound<T>;

function rawValue(raw: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(raw).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key !== undefined) return raw[key];
  // -Node is the one positional parameter (position 0).
  const positional = raw.$positional;
  return name === 'Node' && Array.isArray(positional) ? positional[0] : undefined;
}

const refuse = (parameter: string, value: unknown, type: string): { ok: false; error: CmdletError } => ({
  ok: false,
  error: invalidArgumentError({ cmdlet, parameter, value: typeof value === 'string' ? value : JSON.stringify(value), type }),
});

function stringList(raw: Record<string, unknown>, parameter: string): Read<string[] | undefined> {
  const value = rawValue(raw, parameter);
  if (value === undefined) return { ok: true, value: undefined };
  const items = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const item of items) {
    if ((typeof item !== 'string' && typeof item !== 'number') || (typeof item === 'number' && !Number.isFinite(item))) return refuse(parameter, value, 'System.String[]');
    names.push(...String(item).split(',').map((s) => s.trim()).filter((s) => s !== ''));
  }
  return { ok: true, value: names };
}

function oneString(raw: Record<string, unknown>, parameter: string): Read<string | undefined> {
  const value = rawValue(raw, parameter);
  if (value === undefined) return { ok: true, value: undefined };
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return { ok: true, value: String(value) };
  return refuse(parameter, value, 'System.String');
}

export function readTestClusterParameters(raw: Record<string, unknown>): Read<TestClusterParameters> {
  const bound = bindAll({
    nodes: stringList(raw, 'Node'),
    cluster: oneString(raw, 'Cluster'),
    disks: stringList(raw, 'Disk'),
    include: stringList(raw, 'Include'),
    ignore: stringList(raw, 'Ignore'),
    pools: stringList(raw, 'Pool'),
    reportName: oneString(raw, 'ReportName'),
  });
  if (!bound.ok) return bound;
  return { ok: true, value: { list: rawValue(raw, 'List') === true, ...bound.values } };
}
