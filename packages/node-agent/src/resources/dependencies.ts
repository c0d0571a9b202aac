// The dependency graph of one group (facts §4.1, §4.5). A resource comes online only when every
// AND-term of its DependencyExpression has at least one Online provider (an OR-term lets a
// multi-subnet Network Name come online on whichever IP Address is usable). A failover brings
// resources online providers first and takes them offline dependents first. Dependencies never
// cross groups, and a cycle is refused with the cycle spelled out.
import { assert } from '@wsfc-lab/protocol';
import { resourceErrors } from './errors.js';
import { resourceLimits } from './limits.js';
import type { ClusterResource, DependencyExpression } from './model.js';
import { ok, refused, type Result } from './result.js';
import type { ResourceState } from './states.js';

export type DependencyInput = Pick<ClusterResource, 'name' | 'ownerGroup' | 'dependencies'>;

export interface DependencyGraph {
  group: string;
  /** Resource names in the order given (creation order); the tie-break everywhere. */
  names: readonly string[];
  providersOf: ReadonlyMap<string, DependencyExpression>;
  dependentsOf: ReadonlyMap<string, readonly string[]>;
  /** Providers before dependents. */
  onlineOrder: readonly string[];
}

export interface BuildDependencyGraphInput {
  group: string;
  resources: readonly DependencyInput[];
  /** The group of any resource in the cluster, to tell "in another role" from "not found". */
  ownerGroupOf?: (resource: string) => string | undefined;
}

const providersFlat = (expression: DependencyExpression): string[] => [...new Set(expression.flat())];

export function buildDependencyGraph(input: BuildDependencyGraphInput): Result<DependencyGraph> {
  const { group, resources } = input;
  if (resources.length > resourceLimits.resourcesPerGroupMax) {
    return refused(resourceErrors.tooManyResources({ group, count: resources.length, max: resourceLimits.resourcesPerGroupMax }));
  }
  const names = resources.map((r) => r.name);
  const providersOf = new Map(resources.map((r) => [r.name, r.dependencies] as const));
  for (const resource of resources) {
    for (const provider of providersFlat(resource.dependencies)) {
      if (providersOf.has(provider)) continue;
      const providerGroup = input.ownerGroupOf?.(provider);
      return refused(
        providerGroup === undefined
          ? resourceErrors.dependencyNotFound({ group, resource: resource.name, provider })
          : resourceErrors.dependencyInOtherGroup({ group, resource: resource.name, provider, providerGroup }),
      );
    }
  }
  const cycle = findCycle(names, providersOf);
  if (cycle !== undefined) return refused(resourceErrors.dependencyCycle({ group, cycle }));
  const dependentsOf = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const name of names) {
    for (const provider of providersFlat(providersOf.get(name) ?? [])) dependentsOf.get(provider)?.push(name);
  }
  return ok({ group, names, providersOf, dependentsOf, onlineOrder: topologicalOrder(names, providersOf) });
}

/** A cycle as a path that starts and ends with the same name, or undefined (DFS, three colours). */
function findCycle(names: readonly string[], providersOf: ReadonlyMap<string, DependencyExpression>): string[] | undefined {
  const colour = new Map<string, 'grey' | 'black'>();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (colour.get(name) === 'black') return undefined;
    if (colour.get(name) === 'grey') return [...path.slice(path.indexOf(name)), name];
    colour.set(name, 'grey');
    path.push(name);
    for (const provider of providersFlat(providersOf.get(name) ?? [])) {
      const found = visit(provider);
      if (found !== undefined) return found;
    }
    path.pop();
    colour.set(name, 'black');
    return undefined;
  };
  for (const name of names) {
    const found = visit(name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Providers first; among resources that are ready together, the given order (stable, deterministic). */
function topologicalOrder(names: readonly string[], providersOf: ReadonlyMap<string, DependencyExpression>): string[] {
  const placed = new Set<string>();
  const order: string[] = [];
  while (order.length < names.length) {
    const next = names.find((n) => !placed.has(n) && providersFlat(providersOf.get(n) ?? []).every((p) => placed.has(p)));
    assert(next !== undefined, `dependency order: no ready resource among ${names.length - order.length} left (a cycle escaped findCycle)`);
    placed.add(next);
    order.push(next);
  }
  return order;
}

/** Dependents before providers: the order a failover or Stop-ClusterGroup takes resources offline. */
export function offlineOrder(graph: DependencyGraph): string[] {
  return [...graph.onlineOrder].reverse();
}

/** The AND-terms of `resource` that have no Online provider yet; empty when it may come online. */
export function unmetDependencies(graph: DependencyGraph, resource: string, stateOf: (name: string) => ResourceState): string[][] {
  const expression = graph.providersOf.get(resource) ?? [];
  return expression.filter((term) => !term.some((provider) => stateOf(provider) === 'Online')).map((term) => [...term]);
}

/**
 * The resources that must go offline when `lost` fails or goes offline: every dependent left
 * with an AND-term whose providers are all gone, transitively, in offline order (dependents
 * first). `lost` itself is not in the list.
 */
export function dependentsToTakeOffline(graph: DependencyGraph, lost: string, stateOf: (name: string) => ResourceState): string[] {
  const gone = new Set([lost]);
  const isUp = (name: string) => !gone.has(name) && stateOf(name) === 'Online';
  let changed = true;
  while (changed) {
    changed = false;
    for (const name of graph.onlineOrder) {
      if (gone.has(name)) continue;
      const expression = graph.providersOf.get(name) ?? [];
      const touched = providersFlat(expression).some((p) => gone.has(p));
      if (touched && expression.some((term) => !term.some(isUp))) {
        gone.add(name);
        changed = true;
      }
    }
  }
  gone.delete(lost);
  return offlineOrder(graph).filter((name) => gone.has(name));
}

/**
 * Add-ClusterResourceDependency: refused when `provider` already depends on `resource`
 * (directly or through others), since the new edge would close a cycle.
 */
export function checkAddDependency(graph: DependencyGraph, edge: { resource: string; provider: string }): Result<void> {
  const { resource, provider } = edge;
  for (const name of [resource, provider]) {
    if (!graph.providersOf.has(name)) return refused(resourceErrors.dependencyNotFound({ group: graph.group, resource, provider: name }));
  }
  const back = pathThroughProviders(graph, provider, resource);
  if (back !== undefined) return refused(resourceErrors.dependencyCycle({ group: graph.group, cycle: [resource, ...back] }));
  return ok(undefined);
}

/** A path from `from` to `to` following provider edges, or undefined (breadth-first, shortest). */
function pathThroughProviders(graph: DependencyGraph, from: string, to: string): string[] | undefined {
  const cameFrom = new Map<string, string | undefined>([[from, undefined]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const name = queue[head] as string;
    if (name === to) {
      const path: string[] = [];
      for (let at: string | undefined = name; at !== undefined; at = cameFrom.get(at)) path.unshift(at);
      return path;
    }
    for (const provider of providersFlat(graph.providersOf.get(name) ?? [])) {
      if (cameFrom.has(provider)) continue;
      cameFrom.set(provider, name);
      queue.push(provider);
    }
  }
  return undefined;
}

/** The DependencyExpression text Get-ClusterResourceDependency shows: "[A] and ([B] or [C])". */
export function formatDependencyExpression(expression: DependencyExpression): string {
  const terms = expression.filter((term) => term.length > 0);
  const one = (term: readonly string[]) => term.map((p) => `[${p}]`).join(' or ');
  if (terms.length === 1) return one(terms[0] as readonly string[]);
  return terms.map((term) => (term.length === 1 ? one(term) : `(${one(term)})`)).join(' and ');
}
