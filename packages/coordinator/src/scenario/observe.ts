// Reads what an `expect:` selector names, as the cluster (or the storage target, or the event
// log) would report it, and checks the step's properties against it.
//
// Two kinds of read. `observeNow` answers at once from what the lab already folded from the
// event stream: a node's State (ClusterView), the event log and the migration counts. It is a plain predicate, so
// `runUntil` can test it after every event, and `within:`/`during:` are exact. `observe` answers
// everything, the others by asking: a `Get-Cluster*` cmdlet to the node that answers for the
// cluster (cluster-reads.ts), Inspect to the storage target (disk-reads.ts) or Get-VM to every
// running node (vm-reads.ts); expect.ts polls it.
import { renderEvent, type HistoryEntry } from '@wsfc-lab/protocol';
import type { Matcher, Selector } from '../config/mod.js';
import type { OutputObject } from '../cmdlets/properties.js';
import { readCluster, readClusterObject, type Read, type ReadContext } from './cluster-reads.js';
import { readDisk } from './disk-reads.js';
import { describeMatcher, matches } from './matcher.js';
import { migrationCounts } from './migration-counts.js';
import { readVm } from './vm-reads.js';

export type ObserveContext = ReadContext;

export interface Observation {
  ok: boolean;
  /** What was seen, e.g. `node01 State = "Down"`, or why nothing could be read. */
  detail: string;
}

type Properties = Record<string, Matcher>;

/** Checks `properties` on an object; property names match without regard to case. */
export function checkObject(label: string, object: Record<string, unknown> | undefined, properties: Properties, unavailable: string): Observation {
  if (!object) return { ok: false, detail: unavailable };
  const seen: string[] = [];
  for (const [key, matcher] of Object.entries(properties)) {
    const actualKey = Object.keys(object).find((k) => k.toLowerCase() === key.toLowerCase());
    const actual = actualKey === undefined ? undefined : object[actualKey];
    seen.push(`${key} = ${JSON.stringify(actual)}`);
    if (!matches(matcher, actual)) {
      return { ok: false, detail: `${label} ${key} is ${JSON.stringify(actual)}, expected ${describeMatcher(matcher)}` };
    }
  }
  return { ok: true, detail: `${label} ${seen.join(', ')}` };
}

function nodeObject(name: string, ctx: ObserveContext): Record<string, unknown> | undefined {
  const State = ctx.view.nodeState(name, ctx.runtime);
  return State === undefined ? undefined : { Name: name, State };
}

/** `event: { Id: 1135, Node: node01 }` holds once such an event was logged. */
function findEvent(properties: Properties, history: readonly HistoryEntry[]): Observation {
  for (const entry of history) {
    const rendered = renderEvent(entry.event);
    const fields: Record<string, unknown> = {
      ...entry.event,
      Type: entry.event.type,
      Id: rendered.Id,
      Level: rendered.Level,
      Message: rendered.Message,
      Component: rendered.Component,
      Provider: rendered.Provider,
      Source: entry.source,
      Computer: entry.source,
      Node: 'node' in entry.event ? entry.event.node : entry.source,
    };
    if (checkObject('event', fields, properties, '').ok) {
      return { ok: true, detail: `event ${rendered.Id ?? entry.event.type} from ${entry.source} at ${Math.round(entry.atMs)} ms: ${rendered.Message}` };
    }
  }
  const wanted = Object.entries(properties).map(([k, m]) => `${k} ${describeMatcher(m)}`).join(', ');
  return { ok: false, detail: `no event with ${wanted} was logged` };
}

/** `migrations: {}` / `migrations: { node: X }`: counts from the history's Migration* events. */
function migrationsObservation(node: string | undefined, properties: Properties, ctx: ObserveContext): Observation {
  const counts = migrationCounts(ctx.runtime.history(), node);
  return checkObject(node === undefined ? 'migrations' : `migrations from ${node}`, { ...counts }, properties, '');
}

/** Node properties the event-fed ClusterView knows; asking for any other reads Get-ClusterNode. */
const viewNodeProperties = new Set(['name', 'state']);

/**
 * The observation when it can be made without asking any machine (a node's Name and State, the
 * event log), else undefined: then only `observe` can answer.
 */
export function observeNow(selector: Selector, properties: Properties, ctx: ObserveContext): Observation | undefined {
  switch (selector.kind) {
    case 'node':
      if (!Object.keys(properties).every((key) => viewNodeProperties.has(key.toLowerCase()))) return undefined;
      return checkObject(selector.name, nodeObject(selector.name, ctx), properties, `no node is up to answer Get-ClusterNode ${selector.name}`);
    case 'event':
      return findEvent({ ...selector.match, ...properties }, ctx.runtime.history());
    case 'migrations':
      return migrationsObservation(selector.node, properties, ctx);
    default:
      return undefined;
  }
}

const quorumProperties = new Set(['quorumresource', 'quorumtype']);

const checkRead = (label: string, read: Read<OutputObject>, properties: Properties): Observation =>
  read.ok ? checkObject(label, read.value, properties, '') : { ok: false, detail: read.detail };

/** Reads the selected object (asking the cluster or the storage target when needed) and checks it. */
export async function observe(selector: Selector, properties: Properties, ctx: ObserveContext): Promise<Observation> {
  const now = observeNow(selector, properties, ctx);
  if (now !== undefined) return now;
  switch (selector.kind) {
    case 'node':
    case 'group':
    case 'resource':
    case 'network':
      return checkRead(`${selector.kind} "${selector.name}"`, await readClusterObject(ctx, selector.kind, selector.name), properties);
    case 'cluster': {
      const withQuorum = Object.keys(properties).some((key) => quorumProperties.has(key.toLowerCase()));
      return checkRead('cluster', await readCluster(ctx, withQuorum), properties);
    }
    case 'disk':
      return checkRead(`disk "${selector.name}"`, await readDisk(ctx, selector.name), properties);
    case 'event':
      return findEvent({ ...selector.match, ...properties }, ctx.runtime.history());
    case 'vm': {
      const read = await readVm(ctx, selector.name);
      return read.ok ? checkObject(read.label ?? `vm "${selector.name}"`, read.value, properties, '') : { ok: false, detail: read.detail };
    }
    case 'migrations':
      return migrationsObservation(selector.node, properties, ctx);
  }
}
