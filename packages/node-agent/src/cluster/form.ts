// Forming a cluster on this node from its description (New-Cluster's, or another node's request):
// the first cluster database is built from the description, written to this node's store, and the
// cluster service starts. A node already in a cluster refuses another.
import type { CmdletError } from '@wsfc-lab/protocol';
import { GumNode, gumDefaults } from '../gum/mod.js';
import { bootstrapEntries, genesisCopy, type ClusterBootstrap } from './bootstrap.js';
import { pump } from './drive.js';
import { gumStoreKey, refreshIdentity } from './service.js';
import type { ClusterHost, ClusterState, ClusterWork } from './types.js';

export function formCluster(state: ClusterState, host: ClusterHost, bootstrap: ClusterBootstrap): CmdletError | undefined {
  if (state.identity) {
    if (state.identity.name.toLowerCase() === bootstrap.name.toLowerCase()) return undefined;
    return { category: 'InvalidOperation', errorId: 'NodeAlreadyInCluster', message: `The node '${state.config.name}' is already a member of the cluster '${state.identity.name}'.` };
  }
  const entries = bootstrapEntries(bootstrap);
  if (!entries.ok) return entries.error;
  const persisted = { copy: genesisCopy(bootstrap.formedBy, entries.value), syncedEpoch: 0 };
  host.io.store.put(gumStoreKey, persisted);
  state.gum = GumNode.init({ self: state.config.name, incarnation: host.io.incarnation + 1, ...gumDefaults }, persisted);
  const work: ClusterWork[] = [];
  refreshIdentity(state, host, work);
  pump(state, host, work);
  return undefined;
}
