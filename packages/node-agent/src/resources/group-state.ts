// A group's state follows from its resources' states (CLUSTER_GROUP_STATE, facts §4.2 [R10]):
// Failed if any resource failed; else Pending if any is pending; Online if all are online;
// Offline if all are offline (or there are none); otherwise PartialOnline.
import { isPendingResourceState, type GroupState, type ResourceState } from './states.js';

export function groupStateOf(resourceStates: readonly ResourceState[]): GroupState {
  if (resourceStates.some((s) => s === 'Failed')) return 'Failed';
  if (resourceStates.some(isPendingResourceState)) return 'Pending';
  if (resourceStates.every((s) => s === 'Offline')) return 'Offline';
  if (resourceStates.every((s) => s === 'Online')) return 'Online';
  if (resourceStates.some((s) => s === 'Online')) return 'PartialOnline';
  return 'Unknown';
}
