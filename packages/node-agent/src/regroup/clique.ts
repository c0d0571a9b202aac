// Pruning: which nodes stay in the view. The coordinator keeps the best fully connected set of
// nodes that contains itself: every pair in it hears each other (each reported the other as
// mutually connected). "Best" is the most votes in the view it follows (so pruning never trades a
// voter for a joining node with no vote yet), then the most nodes, then the lowest node IDs. The
// search enumerates the maximal cliques around the coordinator (Bron–Kerbosch with a pivot); with
// at most 64 nodes and the near-complete graphs clusters have, that is a handful of cliques.
import { assert } from '@wsfc-lab/protocol';

export interface CliqueQuery {
  self: string;
  /** The nodes that may be kept (the round's promisers, with `self`). */
  nodes: readonly string[];
  nodeId: (name: string) => number;
  /** Both nodes report each other as connected. */
  mutual: (a: string, b: string) => boolean;
  /** Votes present in a set; must not shrink when a node is added. */
  score: (members: readonly string[]) => number;
}

function better(a: readonly string[], b: readonly string[], query: CliqueQuery): boolean {
  const scoreA = query.score(a);
  const scoreB = query.score(b);
  if (scoreA !== scoreB) return scoreA > scoreB;
  if (a.length !== b.length) return a.length > b.length;
  for (let i = 0; i < a.length; i++) {
    const idA = query.nodeId(a[i] as string);
    const idB = query.nodeId(b[i] as string);
    if (idA !== idB) return idA < idB;
  }
  return false;
}

function maximalCliques(query: CliqueQuery, found: (clique: string[]) => void): void {
  const neighbours = (v: string, within: readonly string[]) => within.filter((w) => w !== v && query.mutual(v, w));
  const visit = (r: string[], p: string[], x: string[]): void => {
    if (p.length === 0 && x.length === 0) return found(r);
    const pivot = [...p, ...x].reduce((best, v) => (neighbours(v, p).length > neighbours(best, p).length ? v : best));
    for (const v of p.filter((w) => w === pivot || !query.mutual(pivot, w))) {
      visit([...r, v], neighbours(v, p), neighbours(v, x));
      p = p.filter((w) => w !== v);
      x = [...x, v];
    }
  };
  const others = query.nodes.filter((n) => n !== query.self);
  visit([query.self], neighbours(query.self, others), []);
}

/** The kept set, sorted by node ID. */
export function bestClique(query: CliqueQuery): string[] {
  assert(query.nodes.includes(query.self), `the coordinator "${query.self}" must be among the nodes to prune`);
  let best: string[] | undefined;
  maximalCliques(query, (clique) => {
    const sorted = [...clique].sort((a, b) => query.nodeId(a) - query.nodeId(b));
    if (best === undefined || better(sorted, best, query)) best = sorted;
  });
  assert(best !== undefined, 'the clique search always finds the coordinator alone at least');
  return best;
}
