// What every cluster cmdlet needs: the cluster as this node's copy of the database has it, the
// names it was given, and the real errors for a node outside a cluster or an unknown object.
import type { CmdletError } from '@wsfc-lab/protocol';
import { resourceErrors, type ClusterObjects } from '../resources/mod.js';
import type { CmdletCall } from '../subsystem.js';
import type { ClusterIdentity } from './identity.js';
import { decodeObjects } from './schema.js';
import type { ClusterHost, ClusterState } from './types.js';

export type ClusterCmdlet = (state: ClusterState, call: CmdletCall, host: ClusterHost) => void;

export function notInCluster(node: string): CmdletError {
  return { category: 'ObjectNotFound', errorId: 'ClusterNotFound', message: `The cluster service is not running on '${node}': it is not a member of a cluster.` };
}

export function serviceNotRunning(node: string): CmdletError {
  return {
    category: 'ConnectionError',
    errorId: 'ClusterServiceNotRunning',
    message: `The cluster service on '${node}' is not running in the cluster's membership (it is joining, or stopped for lack of quorum): the cluster cannot be reached through it.`,
  };
}

export interface ClusterRead {
  identity: ClusterIdentity;
  objects: ClusterObjects;
}

/** The cluster as this node knows it, or replies with the error and returns undefined. */
export function readCluster(state: ClusterState, call: CmdletCall, host: ClusterHost): ClusterRead | undefined {
  if (!state.identity) {
    host.io.reply(call.requestId, { ok: false, error: notInCluster(state.config.name) });
    return undefined;
  }
  return { identity: state.identity, objects: decodeObjects(state.gum.copy.entries) };
}

/** Like readCluster, but a change also needs this node to be in the membership. */
export function readClusterForChange(state: ClusterState, call: CmdletCall, host: ClusterHost): ClusterRead | undefined {
  const read = readCluster(state, call, host);
  if (read && state.view === null) {
    host.io.reply(call.requestId, { ok: false, error: serviceNotRunning(state.config.name) });
    return undefined;
  }
  return read;
}

/** The -Name argument (or the first positional one) as a list; undefined when none was given. */
export function namesOf(call: CmdletCall, parameter = 'Name'): string[] | undefined {
  const value = call.parameters[parameter] ?? (call.parameters.$positional as unknown[] | undefined)?.[0];
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** Picks the named objects out of `all`, case-insensitively; replies with the not-found error for the first missing. */
export function pick<T extends { name: string }>(all: readonly T[], names: string[] | undefined, notFound: (name: string) => CmdletError, call: CmdletCall, host: ClusterHost): T[] | undefined {
  if (names === undefined) return [...all];
  const out: T[] = [];
  for (const name of names) {
    const found = all.find((o) => o.name.toLowerCase() === name.toLowerCase());
    if (!found) {
      host.io.reply(call.requestId, { ok: false, error: notFound(name) });
      return undefined;
    }
    out.push(found);
  }
  return out;
}

export { resourceErrors };
