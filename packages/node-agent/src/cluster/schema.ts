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

type ParameterValues = Record<string, string | number | boolean>;

function readResource(entries: Entries, name: string, parameters: ParameterValues): ClusterResource {
  const p = `Resources/${name}`;
  const possible = entries[`${p}/PossibleOwners`];
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

/** `Resources/<name>/Parameters/<key>` values by resource, in one pass over the entries. */
function parametersByResource(entries: Entries): Map<string, ParameterValues> {
  const out = new Map<string, ParameterValues>();
  const root = 'Resources/';
  for (const [path, value] of Object.entries(entries)) {
    if (!path.startsWith(root)) continue;
    const nameEnd = path.indexOf('/', root.length);
    if (nameEnd < 0 || !path.startsWith('/Parameters/', nameEnd)) continue;
    const name = path.slice(root.length, nameEnd);
    let parameters = out.get(name);
    if (!parameters) out.set(name, (parameters = {}));
    parameters[path.slice(nameEnd + '/Parameters/'.length)] = value as string | number | boolean;
  }
  return out;
}

interface Decoded {
  objects: ClusterObjects;
  /** Each object's JSON as decoded, by `g:<group>` / `r:<resource>`: what a change is judged against. */
  prints: Map<string, string>;
}

/**
 * Decoded copies by database version: a copy's entries are never changed in place (every update
 * makes new ones), so one decoding serves every reader of that version (each gets its own clone),
 * and the next diff against it looks only at the objects that changed.
 */
const decoded = new WeakMap<Entries, Decoded>();

function decodedOf(entries: Entries): Decoded {
  let found = decoded.get(entries);
  if (!found) {
    const parameters = parametersByResource(entries);
    const objects = {
      groups: namesUnder(entries, 'Groups', 'GroupType').map((name) => readGroup(entries, name)),
      resources: namesUnder(entries, 'Resources', 'ResourceType').map((name) => readResource(entries, name, parameters.get(name) ?? {})),
    };
    const prints = new Map<string, string>([...objects.groups.map((g): [string, string] => [`g:${g.name}`, JSON.stringify(g)]), ...objects.resources.map((r): [string, string] => [`r:${r.name}`, JSON.stringify(r)])]);
    found = { objects, prints };
    decoded.set(entries, found);
  }
  return found;
}

function copyValues<T extends object>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) out[key] = Array.isArray(value) ? [...(value as unknown[])] : value;
  return out as T;
}

/** A deep copy of plain decoded objects (structuredClone costs several times more on the reconcile's hot path). */
function copyObjects(objects: ClusterObjects): ClusterObjects {
  return {
    groups: objects.groups.map((g) => ({ ...g, preferredOwners: [...g.preferredOwners], resources: [...g.resources], properties: copyValues(g.properties) })),
    resources: objects.resources.map((r) => ({
      ...r,
      dependencies: r.dependencies.map((term) => [...term]),
      ...(r.possibleOwners === undefined ? {} : { possibleOwners: [...r.possibleOwners] }),
      properties: copyValues(r.properties),
      parameters: { ...r.parameters },
    })),
  };
}

/** Every group and resource in a copy of the database. */
export function decodeObjects(entries: Entries): ClusterObjects {
  return copyObjects(decodedOf(entries).objects);
}

/** The changes that turn `before` into `after` (both full encodings of the same roots). */
export function diffEntries(before: Entries, after: Entries): DbChange[] {
  const changes: DbChange[] = [];
  for (const [path, value] of Object.entries(after)) {
    const old = before[path];
    const same = typeof value !== 'object' || value === null ? old === value : JSON.stringify(old) === JSON.stringify(value);
    if (!same) changes.push({ op: 'SetValue', path, value });
  }
  for (const path of Object.keys(before)) if (!Object.hasOwn(after, path)) changes.push({ op: 'DeleteValue', path });
  return changes;
}

/** The changes that turn the database's objects into `after`: only the objects that changed are encoded and compared. */
export function objectChanges(entries: Entries, after: ClusterObjects): DbChange[] {
  const { prints } = decodedOf(entries);
  const changed: ClusterObjects = {
    groups: after.groups.filter((g) => prints.get(`g:${g.name}`) !== JSON.stringify(g)),
    resources: after.resources.filter((r) => prints.get(`r:${r.name}`) !== JSON.stringify(r)),
  };
  const kept = new Set([...after.groups.map((g) => `g:${g.name}`), ...after.resources.map((r) => `r:${r.name}`)]);
  const touched = new Set([...changed.groups.map((g) => `g:${g.name}`), ...changed.resources.map((r) => `r:${r.name}`), ...[...prints.keys()].filter((key) => !kept.has(key))]);
  if (touched.size === 0) return [];
  const before: Record<string, DbValue> = {};
  for (const path in entries) {
    const kind = path.startsWith('Groups/') ? 'g' : path.startsWith('Resources/') ? 'r' : undefined;
    if (kind === undefined) continue;
    const start = kind === 'g' ? 'Groups/'.length : 'Resources/'.length;
    const end = path.indexOf('/', start);
    if (touched.has(`${kind}:${path.slice(start, end < 0 ? undefined : end)}`)) before[path] = entries[path]!;
  }
  return diffEntries(before, encodeObjects(changed));
}
