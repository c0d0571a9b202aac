// One node's copy of the cluster database (the ClusDB hive of the real product) and the pure
// functions that change it. The database is a flat, JSON-able map from path to value: the path
// names the cluster object and its property (`Cluster/SameSubnetDelay`, `Nodes/hv01/NodeWeight`,
// `Groups/VM1/OwnerNode`, `Resources/Cluster Disk 1/State`, `Networks/Cluster Network 1/Role`),
// the way the hive keeps one key per object and one value per property. An update is a list of
// changes named after the registry update functions of the real GUM (SetValue, DeleteValue,
// DeleteKey) and is applied atomically. A copy is never mutated: applying returns a new copy, so a
// GUM step can hand the old one back unchanged.
//
// Every copy carries its tag (epoch, sequence) and a digest chain (digest.ts). The sequence counts
// updates, without gaps. The epoch is the GUM epoch in which the locker sequenced the copy's last
// update; it only grows, and it decides between two histories that forked (see gum-node.ts).
import { databaseRoots, pathPattern, type DatabaseRoot } from '@wsfc-lab/protocol';
import { emptyDigest, updateDigest } from './digest.js';
import { gumLimits } from './limits.js';

export type DbValue = string | number | boolean | null | (string | number | boolean)[];

export type DbChange =
  | { op: 'SetValue'; path: string; value: DbValue }
  | { op: 'DeleteValue'; path: string }
  /** Deletes the key: the path's own value and every path under `path/`. */
  | { op: 'DeleteKey'; path: string }
  /** A precondition: the whole update is refused unless `path` holds `value` (a compare-and-set). */
  | { op: 'Expect'; path: string; value: DbValue };

// The database's roots and path pattern are part of the wire format (protocol messages/gum.ts).
export { databaseRoots, pathPattern, type DatabaseRoot };

export interface CopyTag {
  epoch: number;
  sequence: number;
}

/** The last request applied from one origin node: what makes a retried request harmless. */
export interface OriginRecord {
  incarnation: number;
  requestNumber: number;
  sequence: number;
}

/** An update as the locker sequenced it. */
export interface SequencedUpdate {
  epoch: number;
  sequence: number;
  origin: string;
  incarnation: number;
  requestNumber: number;
  changes: DbChange[];
  previousDigest: string;
  digest: string;
}

export interface DatabaseCopy {
  epoch: number;
  sequence: number;
  digest: string;
  entries: Record<string, DbValue>;
  origins: Record<string, OriginRecord>;
  /** The update that made this copy; absent on a fresh copy and after a snapshot install. */
  lastUpdate: SequencedUpdate | undefined;
}

export function emptyCopy(): DatabaseCopy {
  return { epoch: 0, sequence: 0, digest: emptyDigest, entries: {}, origins: {}, lastUpdate: undefined };
}

/** Orders tags: the later epoch first, then the higher sequence. Negative when a < b. */
export function compareTags(a: CopyTag, b: CopyTag): number {
  return a.epoch !== b.epoch ? a.epoch - b.epoch : a.sequence - b.sequence;
}

export function sameCopy(a: CopyTag & { digest: string }, b: CopyTag & { digest: string }): boolean {
  return a.epoch === b.epoch && a.sequence === b.sequence && a.digest === b.digest;
}

/** The error in a path, or undefined when it is valid. */
export function checkPath(path: string): string | undefined {
  if (path.length === 0 || path.length > gumLimits.pathCharsMax) return `path must have 1 to ${gumLimits.pathCharsMax} characters, got ${path.length}`;
  if (!pathPattern.test(path)) return `path "${path}" must start with one of ${databaseRoots.join(', ')} and have no empty segment`;
  if (path.split('/').some((s) => s === '.' || s === '..')) return `path "${path}" must not contain "." or ".." segments`;
  return undefined;
}

/** The entries after `changes`, or the reason they cannot be applied (the copy is unchanged). */
export function applyChanges(entries: Readonly<Record<string, DbValue>>, changes: readonly DbChange[]): { ok: true; entries: Record<string, DbValue> } | { ok: false; reason: string } {
  const next: Record<string, DbValue> = { ...entries };
  for (const change of changes) {
    switch (change.op) {
      case 'SetValue':
        next[change.path] = change.value;
        break;
      case 'DeleteValue':
        delete next[change.path];
        break;
      case 'DeleteKey': {
        const prefix = `${change.path}/`;
        for (const path of Object.keys(next)) if (path === change.path || path.startsWith(prefix)) delete next[path];
        break;
      }
      case 'Expect':
        if (next[change.path] !== change.value) return { ok: false, reason: `${change.path} is ${JSON.stringify(next[change.path] ?? null)}, not ${JSON.stringify(change.value)}` };
        break;
    }
  }
  const count = Object.keys(next).length;
  if (count > gumLimits.databaseEntriesMax) return { ok: false, reason: `the cluster database would hold ${count} entries, more than databaseEntriesMax ${gumLimits.databaseEntriesMax}` };
  return { ok: true, entries: next };
}

/** Remembers the origin's request, forgetting the least recent origin beyond `originsMax`. */
function recordOrigin(origins: Readonly<Record<string, OriginRecord>>, origin: string, record: OriginRecord): Record<string, OriginRecord> {
  const next: Record<string, OriginRecord> = { ...origins, [origin]: record };
  const names = Object.keys(next);
  if (names.length > gumLimits.originsMax) {
    names.sort((a, b) => (next[a]?.sequence ?? 0) - (next[b]?.sequence ?? 0) || (a < b ? -1 : 1));
    delete next[names[0] as string];
  }
  return next;
}

export interface NewUpdate {
  epoch: number;
  origin: string;
  incarnation: number;
  requestNumber: number;
  changes: DbChange[];
}

/** Sequences a request on the locker's copy: the next sequence number, the chained digest. */
export function sequenceUpdate(copy: DatabaseCopy, request: NewUpdate): { ok: true; copy: DatabaseCopy; update: SequencedUpdate } | { ok: false; reason: string } {
  const applied = applyChanges(copy.entries, request.changes);
  if (!applied.ok) return applied;
  const sequence = copy.sequence + 1;
  const digest = updateDigest({ ...request, previousDigest: copy.digest, sequence });
  const update: SequencedUpdate = { ...request, sequence, previousDigest: copy.digest, digest };
  return { ok: true, update, copy: finishCopy(copy, update, applied.entries) };
}

function finishCopy(copy: DatabaseCopy, update: SequencedUpdate, entries: Record<string, DbValue>): DatabaseCopy {
  const origins = recordOrigin(copy.origins, update.origin, { incarnation: update.incarnation, requestNumber: update.requestNumber, sequence: update.sequence });
  return { epoch: update.epoch, sequence: update.sequence, digest: update.digest, entries, origins, lastUpdate: update };
}

/** True when `update` is the next one on this copy's history. */
export function followsFrom(copy: DatabaseCopy, update: SequencedUpdate): boolean {
  return update.sequence === copy.sequence + 1 && update.previousDigest === copy.digest;
}

/**
 * Applies an update sequenced elsewhere. The caller checked `followsFrom`; the digest is checked
 * again here, so a corrupted or forged update is refused rather than applied.
 */
export function applyUpdate(copy: DatabaseCopy, update: SequencedUpdate): { ok: true; copy: DatabaseCopy } | { ok: false; reason: string } {
  if (!followsFrom(copy, update)) return { ok: false, reason: `update ${update.sequence} does not follow copy ${copy.sequence} (${copy.digest})` };
  if (updateDigest(update) !== update.digest) return { ok: false, reason: `update ${update.sequence} has digest ${update.digest}, which does not match its content` };
  const applied = applyChanges(copy.entries, update.changes);
  if (!applied.ok) return applied;
  return { ok: true, copy: finishCopy(copy, update, applied.entries) };
}

/** The value at `path`, or undefined. */
export function getValue(copy: DatabaseCopy, path: string): DbValue | undefined {
  return Object.hasOwn(copy.entries, path) ? copy.entries[path] : undefined;
}

/** The names of the keys directly under `path` (`listKeys(copy, 'Groups')` gives the group names). */
export function listKeys(copy: DatabaseCopy, path: string): string[] {
  const prefix = `${path}/`;
  const names = new Set<string>();
  for (const key of Object.keys(copy.entries)) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash > 0) names.add(rest.slice(0, slash));
  }
  return [...names].sort();
}

/** The properties (leaf values) directly under `path`, e.g. every property of a group. */
export function readObject(copy: DatabaseCopy, path: string): Record<string, DbValue> {
  const prefix = `${path}/`;
  const properties: [string, DbValue][] = [];
  for (const [key, value] of Object.entries(copy.entries)) {
    if (key.startsWith(prefix) && !key.slice(prefix.length).includes('/')) properties.push([key.slice(prefix.length), value]);
  }
  // fromEntries defines own properties, so a property named "__proto__" stays a property.
  return Object.fromEntries(properties);
}
