// Refusals of quorum changes, in one table (STYLE 13). Each gives the real product's text first
// (the Win32 cluster error messages, winerror.h 5000–5999, and PowerShell's wrapping of a cmdlet
// or property-setting failure), then what the lab found, naming the object and the value.
import type { CmdletError } from '@wsfc-lab/protocol';
import type { QuorumCheck } from './check.js';

/** Real texts of the cluster errors used here (winerror.h). */
export const clusterErrorText = {
  /** 5021 ERROR_NOT_QUORUM_CAPABLE */
  notQuorumCapable: 'The cluster could not make the specified resource a quorum resource because it is not capable of being a quorum resource.',
  /** 5007 ERROR_RESOURCE_NOT_FOUND */
  resourceNotFound: 'The cluster resource could not be found.',
  /** 5042 ERROR_CLUSTER_NODE_NOT_FOUND */
  nodeNotFound: 'The cluster node was not found.',
  /** 5913 ERROR_CLUSTER_PARAMETER_OUT_OF_BOUNDS */
  parameterOutOfBounds: 'A parameter value is out of acceptable range.',
  /** 5925 ERROR_CLUSTER_NO_QUORUM */
  noQuorum: 'A quorum of cluster nodes was not present to form a cluster.',
  /** 5954 ERROR_CLUSTER_INVALID_NODE_WEIGHT */
  invalidNodeWeight:
    'The request is invalid either because node weight cannot be changed while the cluster is in disk-only quorum mode, or because changing the node weight would violate the minimum cluster quorum requirements.',
  /** 53 ERROR_BAD_NETPATH */
  badNetPath: 'The network path was not found.',
} as const;

const setClusterQuorumId = 'Set-ClusterQuorum,Microsoft.FailoverClusters.PowerShell.SetClusterQuorumCommand';

function setClusterQuorumError(category: string, text: string, lab: string): CmdletError {
  const errorId = category === 'ObjectNotFound' ? 'ClusterObjectNotFound,Microsoft.FailoverClusters.PowerShell.SetClusterQuorumCommand' : setClusterQuorumId;
  return { category, errorId, message: `Set-ClusterQuorum : ${text} (wsfc-lab: ${lab})` };
}

/** PowerShell's failure of a property assignment such as `(Get-ClusterNode node01).NodeWeight = 0`. */
function propertySetError(property: string, object: string, text: string, lab: string): CmdletError {
  return {
    category: 'NotSpecified',
    errorId: 'ExceptionWhenSetting',
    message: `Exception setting "${property}": "Unable to save property changes for '${object}'. ${text}" (wsfc-lab: ${lab})`,
  };
}

function wouldLeave(change: string, members: readonly string[], check: QuorumCheck): string {
  const who = members.length === 0 ? 'no node' : members.join(', ');
  return `${change} would leave the nodes that are up (${who}) with ${check.votesPresent} of ${check.votesTotal} votes in play, and more than half (${check.votesNeeded}) are needed; the quorum configuration is unchanged`;
}

export const quorumErrors = {
  diskNotFound: (disk: string) =>
    setClusterQuorumError('ObjectNotFound', clusterErrorText.resourceNotFound, `there is no cluster resource named '${disk}'`),
  notPhysicalDisk: (disk: string, resourceType: string) =>
    setClusterQuorumError('InvalidOperation', clusterErrorText.notQuorumCapable, `'${disk}' is a ${resourceType} resource; only a Physical Disk can be a disk witness`),
  diskIsCsv: (disk: string) =>
    setClusterQuorumError('InvalidOperation', clusterErrorText.notQuorumCapable, `'${disk}' is a Cluster Shared Volume; a disk witness must not be a CSV`),
  diskTooSmall: (disk: string, sizeBytes: number, sizeBytesMin: number) =>
    setClusterQuorumError(
      'InvalidOperation',
      clusterErrorText.notQuorumCapable,
      `'${disk}' is ${sizeBytes} bytes; a disk witness needs at least ${sizeBytesMin} bytes (512 MB)`,
    ),
  diskInUse: (disk: string, group: string) =>
    setClusterQuorumError('InvalidOperation', clusterErrorText.notQuorumCapable, `'${disk}' is in use by the role '${group}'; choose a disk in Available Storage`),
  badSharePath: (sharePath: string) =>
    setClusterQuorumError('InvalidArgument', clusterErrorText.badNetPath, `the file share witness path '${sharePath}' is not a UNC path of the form \\\\server\\share`),
  badAccountName: (accountName: string) =>
    setClusterQuorumError('InvalidArgument', clusterErrorText.parameterOutOfBounds, `the cloud witness AccountName '${accountName}' is not a storage account name (3 to 24 lower-case letters and digits)`),
  witnessLosesQuorum: (o: { clusterName: string; change: string; members: readonly string[]; check: QuorumCheck }) =>
    setClusterQuorumError('InvalidOperation', `Unable to save property changes for '${o.clusterName}'. ${clusterErrorText.noQuorum}`, wouldLeave(o.change, o.members, o.check)),
  nodeNotFound: (node: string) =>
    propertySetError('NodeWeight', node, clusterErrorText.nodeNotFound, `there is no node named '${node}' in the cluster`),
  nodeWeightOutOfRange: (node: string, value: number) =>
    propertySetError('NodeWeight', node, clusterErrorText.parameterOutOfBounds, `NodeWeight of '${node}' must be 0 or 1, got ${value}`),
  nodeWeightInDiskOnly: (node: string, witness: string) =>
    propertySetError('NodeWeight', node, clusterErrorText.invalidNodeWeight, `the cluster is in disk-only quorum mode on '${witness}'`),
  nodeWeightLosesQuorum: (o: { node: string; value: number; members: readonly string[]; check: QuorumCheck }) =>
    propertySetError('NodeWeight', o.node, clusterErrorText.invalidNodeWeight, wouldLeave(`NodeWeight ${o.value} on '${o.node}'`, o.members, o.check)),
  clusterPropertyOutOfRange: (o: { clusterName: string; property: string; value: number; allowed: string }) =>
    propertySetError(o.property, o.clusterName, clusterErrorText.parameterOutOfBounds, `${o.property} must be ${o.allowed}, got ${o.value}`),
  clusterPropertyLosesQuorum: (o: { clusterName: string; property: string; value: number; members: readonly string[]; check: QuorumCheck }) =>
    propertySetError(o.property, o.clusterName, clusterErrorText.noQuorum, wouldLeave(`${o.property} ${o.value}`, o.members, o.check)),
} as const;
