// The network cmdlets' operating errors, one constructor each (STYLE 13). The not-found texts are
// the Win32 cluster errors' (5045 ERROR_CLUSTER_NETWORK_NOT_FOUND "The cluster network was not
// found.", 5047 ERROR_CLUSTER_NETINTERFACE_NOT_FOUND, 5042 ERROR_CLUSTER_NODE_NOT_FOUND) with the
// name the administrator typed; the not-in-a-cluster text is the cluster cmdlets' own.
import type { CmdletError } from '@wsfc-lab/protocol';

export const networkErrors = {
  notInCluster: (node: string): CmdletError => ({
    category: 'ObjectNotFound',
    errorId: 'ClusterNotFound',
    message: `The cluster service is not running on '${node}': it is not a member of a cluster.`,
  }),

  networkNotFound: (network: string): CmdletError => ({
    category: 'ObjectNotFound',
    errorId: 'ClusterNetworkNotFound',
    message: `The cluster network '${network}' was not found.`,
  }),

  interfaceNotFound: (networkInterface: string): CmdletError => ({
    category: 'ObjectNotFound',
    errorId: 'ClusterNetworkInterfaceNotFound',
    message: `The cluster network interface '${networkInterface}' was not found.`,
  }),

  nodeNotFound: (node: string): CmdletError => ({
    category: 'ObjectNotFound',
    errorId: 'ClusterNodeNotFound',
    message: `The cluster node '${node}' was not found.`,
  }),

  /** `(Get-ClusterNetwork "Cluster Network 1").Role = 0` and the like. */
  propertyNotSettable: (o: { cmdlet: string; property: string }): CmdletError => ({
    category: 'NotImplemented',
    errorId: 'PropertySetNotImplemented',
    message: `Setting ${o.property} on the objects of ${o.cmdlet} is not implemented by the wsfc-lab node agent yet; the value is unchanged.`,
  }),
};
