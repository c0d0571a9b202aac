// The properties an administrator sets by assignment on a cmdlet's output object, as PowerShell
// lets them: `(Get-Cluster).SameSubnetThreshold = 20`, `(Get-ClusterGroup "File Server").
// AutoFailbackType = 1`, `(Get-ClusterResource X).RestartThreshold = 1`, `(Get-ClusterNode node02).
// NodeWeight = 0`. Each property has the .NET type of the real object (UInt32, Int32, Boolean,
// String, StringCollection) and the range the cluster accepts: heartbeat settings from settings.ts
// (facts §1.1), regroup settings from regroup/settings.ts (facts §1.5), group and resource
// properties from facts §4.3–§4.4; the quorum properties (NodeWeight, DynamicQuorum,
// LowerQuorumPriorityNodeID) are judged by quorum/set-quorum.ts. PowerShell first converts the
// value to the property's type (its own "Cannot convert value" text), then the cluster refuses
// what is out of range ("Unable to save property changes for ..."). Names match without regard
// to case, as PowerShell's do. Pure: nothing here touches the cluster.
import type { CmdletError } from '@wsfc-lab/protocol';
import { clusterErrorText } from '../quorum/mod.js';
import { regroupRanges, type RegroupSettings } from '../regroup/mod.js';
import { heartbeatRanges } from '../settings.js';

export type ValueType =
  /** An integer; `allowed` lists the only values the cluster takes (Priority). */
  | { kind: 'UInt32'; range?: readonly [number, number]; allowed?: readonly number[] }
  | { kind: 'Int32'; range: readonly [number, number] }
  | { kind: 'Boolean' }
  | { kind: 'String' }
  | { kind: 'StringCollection' };

export type PropertyRule =
  | { access: 'ReadWrite'; name: string; valueType: ValueType; /** NodeWeight, DynamicQuorum, LowerQuorumPriorityNodeID */ quorum?: true }
  | { access: 'ReadOnly'; name: string }
  /** A property the real object lets you set but the lab does not model the effect of. */
  | { access: 'NotInLab'; name: string; why: string };

export type AssignableObject = 'Cluster' | 'ClusterNode' | 'ClusterGroup' | 'ClusterResource';

export type PropertyValue = number | boolean | string | string[];

const uint32Max = 0xffffffff;
const int32 = { min: -0x80000000, max: 0x7fffffff };
const uint = (range?: readonly [number, number]): ValueType => (range === undefined ? { kind: 'UInt32' } : { kind: 'UInt32', range });
const rw = (name: string, valueType: ValueType): PropertyRule => ({ access: 'ReadWrite', name, valueType });
const ro = (...names: string[]): PropertyRule[] => names.map((name) => ({ access: 'ReadOnly', name }));
const persistentStateWhy = 'the lab keeps PersistentState as the record of Start-/Stop-ClusterGroup and Start-/Stop-ClusterResource; use those cmdlets';
const renameWhy = 'renaming an object (and its Network Name or computer object) is not modelled';

const clusterRules: PropertyRule[] = [
  ...Object.entries(heartbeatRanges).map(([name, range]) => rw(name, uint(range))),
  ...Object.entries(regroupRanges).map(([name, range]) => rw(name, uint(range))),
  { access: 'ReadWrite', name: 'DynamicQuorum', valueType: uint(), quorum: true },
  { access: 'ReadWrite', name: 'LowerQuorumPriorityNodeID', valueType: uint(), quorum: true },
  rw('MaximumParallelMigrations', uint([1, 64])),
  // 1 IsolateOnSpecialHeartbeat, 2 AlwaysIsolate (facts §5.4).
  rw('ResiliencyLevel', uint([1, 2])),
  rw('ResiliencyDefaultPeriod', uint()),
  ...ro('Domain', 'Id', 'WitnessDynamicWeight', 'QuorumType'),
  { access: 'NotInLab', name: 'Name', why: renameWhy },
];

const nodeRules: PropertyRule[] = [{ access: 'ReadWrite', name: 'NodeWeight', valueType: uint(), quorum: true }, ...ro('Name', 'Id', 'State', 'DynamicWeight', 'Cluster')];

/** Group common properties (facts §4.4; resources/group-properties.ts). */
const groupRules: PropertyRule[] = [
  rw('FailoverThreshold', uint()),
  rw('FailoverPeriod', uint([1, 1193])),
  rw('AutoFailbackType', uint([0, 1])),
  rw('FailbackWindowStart', { kind: 'Int32', range: [-1, 23] }),
  rw('FailbackWindowEnd', { kind: 'Int32', range: [-1, 23] }),
  // 3000 High, 2000 Medium, 1000 Low, 0 No Auto Start; other values refused [inferred].
  rw('Priority', { kind: 'UInt32', allowed: [0, 1000, 2000, 3000] }),
  rw('Description', { kind: 'String' }),
  rw('ResiliencyPeriod', { kind: 'Int32', range: [-1, int32.max] }),
  rw('AntiAffinityClassNames', { kind: 'StringCollection' }),
  { access: 'NotInLab', name: 'PersistentState', why: persistentStateWhy },
  { access: 'NotInLab', name: 'DefaultOwner', why: 'DefaultOwner is not used by the lab' },
  { access: 'NotInLab', name: 'Name', why: renameWhy },
  ...ro('OwnerNode', 'State', 'GroupType', 'IsCoreGroup', 'Cluster', 'Id', 'StatusInformation'),
];

/** Resource common properties (facts §4.3; resources/resource-properties.ts). */
const resourceRules: PropertyRule[] = [
  rw('RestartAction', uint([0, 2])),
  ...['RestartThreshold', 'RestartPeriod', 'RestartDelay', 'RetryPeriodOnFailure', 'PendingTimeout', 'DeadlockTimeout', 'LooksAlivePollInterval', 'IsAlivePollInterval'].map((name) => rw(name, uint())),
  rw('SeparateMonitor', { kind: 'Boolean' }),
  rw('Description', { kind: 'String' }),
  { access: 'NotInLab', name: 'PersistentState', why: persistentStateWhy },
  { access: 'NotInLab', name: 'Name', why: renameWhy },
  ...ro('State', 'OwnerGroup', 'OwnerNode', 'ResourceType', 'IsCoreResource', 'IsNetworkClassResource', 'IsStorageClassResource', 'Cluster', 'Id', 'MaintenanceMode'),
];

export const propertyRules: Readonly<Record<AssignableObject, readonly PropertyRule[]>> = {
  Cluster: clusterRules,
  ClusterNode: nodeRules,
  ClusterGroup: groupRules,
  ClusterResource: resourceRules,
};

/** The rule for a property name as typed (any case); undefined when the object has no such property. */
export function ruleFor(object: AssignableObject, typed: string): PropertyRule | undefined {
  return propertyRules[object].find((rule) => rule.name.toLowerCase() === typed.toLowerCase());
}

/** PowerShell's texts for a failed property assignment (its SetValueInvocationException and kin). */
export const propertyErrors = {
  notFound: (property: string): CmdletError => ({
    category: 'InvalidOperation',
    errorId: 'PropertyNotFound',
    message: `The property '${property}' cannot be found on this object. Verify that the property exists and can be set.`,
  }),
  readOnly: (property: string): CmdletError => ({ category: 'InvalidOperation', errorId: 'PropertyAssignmentException', message: `'${property}' is a ReadOnly property.` }),
  notInLab: (property: string, object: string, why: string): CmdletError => ({
    category: 'NotImplemented',
    errorId: 'PropertyNotModelled',
    message: `Exception setting "${property}" on '${object}': wsfc-lab does not model this change: ${why}.`,
  }),
  cannotConvert: (property: string, shown: string, typeName: string, reason: string): CmdletError => ({
    category: 'NotSpecified',
    errorId: 'ExceptionWhenSetting',
    message: `Exception setting "${property}": "Cannot convert value "${shown}" to type "System.${typeName}". Error: "${reason}""`,
  }),
  cannotConvertObject: (property: string, typeName: string): CmdletError => ({
    category: 'NotSpecified',
    errorId: 'ExceptionWhenSetting',
    message: `Exception setting "${property}": "Cannot convert the "System.Object[]" value of type "System.Object[]" to type "System.${typeName}"."`,
  }),
  outOfRange: (o: { property: string; object: string; lab: string }): CmdletError => ({
    category: 'NotSpecified',
    errorId: 'ExceptionWhenSetting',
    message: `Exception setting "${o.property}": "Unable to save property changes for '${o.object}'. ${clusterErrorText.parameterOutOfBounds}" (wsfc-lab: ${o.lab})`,
  }),
} as const;

export type Converted = { ok: true; value: PropertyValue } | { ok: false; error: CmdletError };

/** .NET's Convert rounds to the nearest integer, halves to even ([uint32]2.5 is 2). */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

function toInteger(property: string, value: unknown, typeName: 'UInt32' | 'Int32'): { ok: true; value: number } | { ok: false; error: CmdletError } {
  if (Array.isArray(value) || (typeof value === 'object' && value !== null)) return { ok: false, error: propertyErrors.cannotConvertObject(property, typeName) };
  const shown = String(value ?? '');
  const number = value === null || value === undefined ? 0 : typeof value === 'boolean' ? Number(value) : typeof value === 'number' ? value : shown.trim() === '' ? Number.NaN : Number(shown);
  if (!Number.isFinite(number)) return { ok: false, error: propertyErrors.cannotConvert(property, shown, typeName, 'Input string was not in a correct format.') };
  const rounded = roundHalfEven(number);
  const [min, max] = typeName === 'UInt32' ? [0, uint32Max] : [int32.min, int32.max];
  if (rounded < min || rounded > max) return { ok: false, error: propertyErrors.cannotConvert(property, shown, typeName, `Value was either too large or too small for a ${typeName}.`) };
  return { ok: true, value: rounded };
}

function inRange(valueType: ValueType, value: number): string | undefined {
  if (valueType.kind !== 'UInt32' && valueType.kind !== 'Int32') return undefined;
  if (valueType.kind === 'UInt32' && valueType.allowed && !valueType.allowed.includes(value)) return `must be one of ${valueType.allowed.join(', ')}, got ${value}`;
  if (valueType.range === undefined) return undefined;
  const [min, max] = valueType.range;
  return value < min || value > max ? `must be an integer from ${min} to ${max}, got ${value}` : undefined;
}

/**
 * The value converted to the property's type and checked against its range, as PowerShell and
 * then the cluster would; the refusal names the property, the object and the value.
 */
export function convertValue(o: { property: string; object: string; valueType: ValueType; value: unknown }): Converted {
  const { property, valueType, value } = o;
  switch (valueType.kind) {
    case 'UInt32':
    case 'Int32': {
      const integer = toInteger(property, value, valueType.kind);
      if (!integer.ok) return integer;
      const problem = inRange(valueType, integer.value);
      return problem === undefined ? integer : { ok: false, error: propertyErrors.outOfRange({ property, object: o.object, lab: `${property} ${problem}` }) };
    }
    case 'Boolean':
      // PowerShell's truthiness: 0, '', $null and an empty array are $false.
      return { ok: true, value: Array.isArray(value) ? value.length > 0 : Boolean(value) };
    case 'String':
      return { ok: true, value: value === null || value === undefined ? '' : Array.isArray(value) ? value.map(String).join(' ') : String(value) };
    case 'StringCollection':
      return { ok: true, value: value === null || value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)] };
  }
}

/**
 * Relations between the regroup settings that the regroup asserts (regroup/settings.ts
 * regroupTimingOf): each stage lasts at least two ticks. A lab note when broken, else undefined.
 */
export function checkRegroupRelations(settings: RegroupSettings): string | undefined {
  const tickMs = settings.ClusSvcRegroupTickInMilliseconds;
  for (const name of ['ClusSvcRegroupOpeningTimeout', 'ClusSvcRegroupStageTimeout'] as const) {
    if (settings[name] * 1000 < 2 * tickMs) return `${name} of ${settings[name]} s must last at least two regroup ticks (ClusSvcRegroupTickInMilliseconds ${tickMs})`;
  }
  return undefined;
}
