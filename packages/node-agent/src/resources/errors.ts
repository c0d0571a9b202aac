// The resource manager's operating errors, one constructor each (STYLE 13). Each message names
// the object and the value, and where the real product has a Win32 error text it is quoted
// after our explanation, so an administrator recognises it.
import type { CmdletError } from '@wsfc-lab/protocol';

const notGroupOwnerText =
  'The operation failed because either the specified cluster node is not the owner of the group, or the node is not a possible owner of the group.';

export const resourceErrors = {
  nodeNotFound: (node: string): CmdletError => ({
    category: 'ObjectNotFound',
    errorId: 'ClusterNodeNotFound',
    message: `The cluster node '${node}' was not found.`,
  }),

  groupNotFound: (group: string): CmdletError => ({
    category: 'ObjectNotFound',
    errorId: 'ClusterGroupNotFound',
    message: `The cluster group '${group}' was not found.`,
  }),

  resourceNotFound: (resource: string): CmdletError => ({
    category: 'ObjectNotFound',
    errorId: 'ClusterResourceNotFound',
    message: `The cluster resource '${resource}' was not found.`,
  }),

  /** ERROR_HOST_NODE_NOT_GROUP_OWNER (5016). */
  notPossibleOwner: (o: { group: string; node: string; resource: string }): CmdletError => ({
    category: 'InvalidOperation',
    errorId: 'HostNodeNotGroupOwner',
    message: `An error occurred while moving the clustered role '${o.group}' to node '${o.node}': node '${o.node}' is not a possible owner of resource '${o.resource}'. ${notGroupOwnerText}`,
  }),

  /** ERROR_CLUSTER_NODE_DOWN (5050) / ERROR_CLUSTER_NODE_PAUSED (5070) / not ready. */
  nodeCannotHost: (o: { group: string; node: string; why: string }): CmdletError => ({
    category: 'InvalidOperation',
    errorId: 'ClusterNodeNotAvailable',
    message: `An error occurred while moving the clustered role '${o.group}' to node '${o.node}': node '${o.node}' ${o.why}.`,
  }),

  noNodeCanHost: (o: { group: string; reasons: readonly string[] }): CmdletError => ({
    category: 'ResourceUnavailable',
    errorId: 'NoPossibleOwnerAvailable',
    message: `No node can host the clustered role '${o.group}': ${o.reasons.length === 0 ? 'the cluster has no nodes' : o.reasons.join('; ')}.`,
  }),

  dependencyCycle: (o: { group: string; cycle: readonly string[] }): CmdletError => ({
    category: 'InvalidOperation',
    errorId: 'CircularDependency',
    message: `The dependencies of the resources in clustered role '${o.group}' form a cycle: ${o.cycle.map((n) => `'${n}'`).join(' -> ')}. A resource cannot depend on itself, directly or through other resources.`,
  }),

  dependencyNotFound: (o: { group: string; resource: string; provider: string }): CmdletError => ({
    category: 'ObjectNotFound',
    errorId: 'DependencyNotFound',
    message: `Resource '${o.resource}' in clustered role '${o.group}' depends on '${o.provider}', which is not a cluster resource.`,
  }),

  dependencyInOtherGroup: (o: { group: string; resource: string; provider: string; providerGroup: string }): CmdletError => ({
    category: 'InvalidOperation',
    errorId: 'DependencyNotAllowed',
    message: `Resource '${o.resource}' in clustered role '${o.group}' cannot depend on '${o.provider}': it is in clustered role '${o.providerGroup}', and a resource can only depend on resources in its own role.`,
  }),

  tooManyResources: (o: { group: string; count: number; max: number }): CmdletError => ({
    category: 'LimitsExceeded',
    errorId: 'TooManyResources',
    message: `Clustered role '${o.group}' has ${o.count} resources; the lab allows at most ${o.max} per role.`,
  }),

  diskNotAvailable: (o: { disk: string; group: string | undefined }): CmdletError => ({
    category: 'InvalidOperation',
    errorId: 'DiskNotAvailableStorage',
    message:
      o.group === undefined
        ? `The cluster disk '${o.disk}' was not found.`
        : `The cluster disk '${o.disk}' is in clustered role '${o.group}', not in 'Available Storage', so a new role cannot use it.`,
  }),

  objectExists: (o: { kind: 'group' | 'resource'; name: string }): CmdletError => ({
    category: 'ResourceExists',
    errorId: 'ObjectAlreadyExists',
    message: `A cluster ${o.kind} named '${o.name}' already exists.`,
  }),
};
