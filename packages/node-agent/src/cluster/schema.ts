// How the cluster's groups and resources live in the cluster database: one key per object, one
// value per property, as the ClusDB hive keeps them (`Groups/<name>/OwnerNode`,
// `Resources/<name>/State`). A common property is stored only when it differs from its default,
// as the registry keeps only values that were set; reading falls back to the default. The
// resource manager and the cmdlets work on ClusterObjects and propose the difference.
import type { DbChange, DbValue } from '../gum/mod.js';
import {
  groupDefaults,
  resourceDefaults,
  type ClusterGroup,
  type ClusterResource,
  type DependencyExpression,
  type GroupCommonProperties,
  type GroupState,
  type GroupType,
  type ResourceCommonProperties,
  type ResourceState,
  type ResourceType,
} from '../resources/mod.js';
import type { ClusterObjects } from '../resources/mod.js';

type Entries = Readonly<Record<string, DbValue>>;

const orSeparator = ' or ';

function encodeDependencies(expression: DependencyExpression): string[] {
  return expression.map((term) => term.join(orSeparator));
}

function decodeDependencies(value: DbValue | undefined): string[][] {
  return Array.isArray(value) ? value.map((term) => String(term).split(orSeparator)) : [];
}

function putProperties(out: Record<string, DbValue>, prefix: string, values: object, defaults: object): void {
  for (const [key, value] of Object.entries(values)) {
    const fallback = (defaults as Record<string, unknown>)[key];
    if (JSON.stringify(value) !== JSON.stringify(fallback)) out[`${prefix}/${key}`] = value as DbValue;
  }
}

function readProperties<T extends object>(entries: Entries, prefix: string, defaults: T): T {
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const key of Object.keys(defaults)) {
    const value = entries[`${prefix}/${key}`];
    if (value !== undefined) out[key] = Array.isArray(value) ? [...value] : value;
  }
  return out as T;
}

/** The database entries of every group and resource (no other roots). */
export function encodeObjects(objects: ClusterObjects): Record<string, DbValue> {
  const out: Record<string, DbValue> = {};
  for (const g of objects.groups) {
    const p = `Groups/${g.name}`;
    out[`${p}/GroupType`] = g.groupType;
    out[`${p}/IsCoreGroup`] = g.isCoreGroup;
    out[`${p}/OwnerNode`] = g.ownerNode ?? null;
    out[`${p}/State`] = g.state;
    out[`${p}/PreferredOwners`] = [...g.preferredOwners];
    out[`${p}/Resources`] = [...g.resources];
    putProperties(out, p, g.properties, groupDefaults);
  }
  for (const r of objects.resources) {
    const p = `Resources/${r.name}`;
    out[`${p}/ResourceType`] = r.resourceType;
    out[`${p}/OwnerGroup`] = r.ownerGroup;
    out[`${p}/State`] = r.state;
    out[`${p}/Dependencies`] = encodeDependencies(r.dependencies);
    out[`${p}/IsCoreResource`] = r.isCoreResource;
    if (r.possibleOwners !== undefined) out[`${p}/PossibleOwners`] = [...r.possibleOwners];
    for (const [key, value] of Object.entries(r.parameters)) out[`${p}/Parameters/${key}`] = value;
    putProperties(out, p, r.properties, resourceDefaults);
  }
  return out;
}

const namesUnder = (entries: Entries, root: string, field: string): string[] =>
  Object.keys(entries)
    .filter((path) => path.startsWith(`${root}/`) && path.endsWith(`/${field}`) && path.split('/').length === 3)
    .map((path) => path.split('/')[1] as string)
    .sort();

function readGroup(entries: Entries, name: string): ClusterGroup {
  const p = `Groups/${name}`;
  const owner = entries[`${p}/OwnerNode`];
  return {
    name,
    groupType: String(entries[`${p}/GroupType`]) as GroupType,
    isCoreGroup: entries[`${p}/IsCoreGroup`] === true,
    ownerNode: typeof owner === 'string' ? owner : undefined,
    state: String(entries[`${p}/State`] ?? 'Offline') as GroupState,
    preferredOwners: (entries[`${p}/PreferredOwners`] as string[] | undefined) ?? [],
    resources: (entries[`${p}/Resources`] as string[] | undefined) ?? [],
    properties: readProperties<GroupCommonProperties>(entries, p, groupDefaults),
  };
}

function readResource(entries: Entries, name: string): ClusterResource {
  const p = `Resources/${name}`;
  const possible = entries[`${p}/PossibleOwners`];
  const parameterPrefix = `${p}/Parameters/`;
  const parameters = Object.fromEntries(
    Object.entries(entries)
      .filter(([path]) => path.startsWith(parameterPrefix))
      .map(([path, value]) => [path.slice(parameterPrefix.length), value as string | number | boolean]),
  );
  return {
    name,
    resourceType: String(entries[`${p}/ResourceType`]) as ResourceType,
    ownerGroup: String(entries[`${p}/OwnerGroup`]),
    state: String(entries[`${p}/State`] ?? 'Offline') as ResourceState,
    dependencies: decodeDependencies(entries[`${p}/Dependencies`]),
    ...(Array.isArray(possible) ? { possibleOwners: possible.map(String) } : {}),
    properties: readProperties<ResourceCommonProperties>(entries, p, resourceDefaults),
    parameters,
    isCoreResource: entries[`${p}/IsCoreResource`] === true,
  };
}

/** Every group and resource in a copy of the database. */
export function decodeObjects(entries: Entries): ClusterObjects {
  return {
    groups: namesUnder(entries, 'Groups', 'GroupType').map((name) => readGroup(entries, name)),
    resources: namesUnder(entries, 'Resources', 'ResourceType').map((name) => readResource(entries, name)),
  };
}

/** The changes that turn `before` into `after` (both full encodings of the same roots). */
export function diffEntries(before: Entries, after: Entries): DbChange[] {
  const changes: DbChange[] = [];
  for (const [path, value] of Object.entries(after)) {
    if (JSON.stringify(before[path]) !== JSON.stringify(value)) changes.push({ op: 'SetValue', path, value });
  }
  for (const path of Object.keys(before)) if (!Object.hasOwn(after, path)) changes.push({ op: 'DeleteValue', path });
  return changes;
}

/** The changes that turn the database's objects into `after`. */
export function objectChanges(entries: Entries, after: ClusterObjects): DbChange[] {
  const before = Object.fromEntries(Object.entries(entries).filter(([path]) => path.startsWith('Groups/') || path.startsWith('Resources/')));
  return diffEntries(before, encodeObjects(after));
}
