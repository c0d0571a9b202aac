// Reads what an `expect:` selector names, as the cluster (or the storage target, or the event
// log) would report it, and checks the step's properties against it.
import { renderEvent, type HistoryEntry } from '@wsfc-lab/protocol';
import type { Matcher, Selector } from '../config/mod.js';
import type { ClusterView } from '../observe/cluster-view.js';
import type { Runtime } from '../runtime/runtime.js';
import { describeMatcher, matches } from './matcher.js';

export interface ObserveContext {
  runtime: Runtime;
  view: ClusterView;
}

export interface Observation {
  ok: boolean;
  /** What was seen, e.g. `node01 State = "Down"`, or why nothing could be read. */
  detail: string;
}

type Properties = Record<string, Matcher>;

function checkObject(label: string, object: Record<string, unknown> | undefined, properties: Properties, unavailable: string): Observation {
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

export function observe(selector: Selector, properties: Properties, ctx: ObserveContext): Observation {
  switch (selector.kind) {
    case 'node':
      return checkObject(selector.name, nodeObject(selector.name, ctx), properties, `no node is up to answer Get-ClusterNode ${selector.name}`);
    case 'event':
      return findEvent({ ...selector.match, ...properties }, ctx.runtime.history());
    default:
      return { ok: false, detail: `the ${selector.kind} selector is not available in this version of the lab yet` };
  }
}
