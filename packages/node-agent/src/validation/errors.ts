// Test-Cluster's and New-Cluster's refusals, one constructor each (STYLE 13). Where the real
// product's text is known it is used (the WMI connection failure, from public output); the others
// are the lab's, in the same style, naming the object and the value.
import type { CmdletError } from '@wsfc-lab/protocol';

const testClusterId = 'Test-Cluster,Microsoft.FailoverClusters.PowerShell.TestClusterCommand';
const newClusterId = 'New-Cluster,Microsoft.FailoverClusters.PowerShell.NewClusterCommand';

export const validationErrors = {
  noNodes: (): CmdletError => ({
    category: 'InvalidArgument',
    errorId: testClusterId,
    message: 'Test-Cluster : No servers were given to validate. Give them with -Node (for example -Node node01,node02).',
  }),

  tooMany: (o: { what: string; count: number; max: number }): CmdletError => ({
    category: 'LimitsExceeded',
    errorId: testClusterId,
    message: `Test-Cluster : ${o.count} ${o.what} were given; the lab validates at most ${o.max}.`,
  }),

  unknownTestOrCategory: (o: { parameter: 'Include' | 'Ignore'; name: string }): CmdletError => ({
    category: 'InvalidArgument',
    errorId: testClusterId,
    message: `Test-Cluster : '${o.name}' given to -${o.parameter} is not the name of a validation test or category. Run Test-Cluster -List to see them.`,
  }),

  /** The real text when a server cannot be reached for validation. */
  unableToConnect: (o: { node: string; detail: string }): CmdletError => ({
    category: 'NotSpecified',
    errorId: testClusterId,
    message: `Test-Cluster : Unable to connect to ${o.node} via WMI.  This may be due to networking issues or firewall configuration on ${o.node}.\n    ${o.detail}`,
  }),

  /** Lab text: one node runs one validation at a time. */
  alreadyRunning: (o: { node: string; nodes: readonly string[] }): CmdletError => ({
    category: 'ResourceBusy',
    errorId: testClusterId,
    message: `Test-Cluster : A validation of ${o.nodes.join(', ')} is already running on ${o.node}. Wait for it to finish, then run Test-Cluster again.`,
  }),

  /** Lab text: the lab has no storage pools to validate. */
  noSuchPool: (o: { pool: string }): CmdletError => ({
    category: 'ObjectNotFound',
    errorId: testClusterId,
    message: `Test-Cluster : No storage pool named '${o.pool}' was found on the servers. The lab has no storage pools; validate disks with -Disk.`,
  }),

  newClusterValidationFailed: (o: { reportPath: string; failedTests: readonly string[] }): CmdletError => ({
    category: 'InvalidOperation',
    errorId: newClusterId,
    message:
      `New-Cluster : The validation report '${o.reportPath}' for these servers has failed tests: ${o.failedTests.join('; ')}. ` +
      'Correct the failures and run Test-Cluster again, or give -Force to create the cluster anyway (Microsoft supports a cluster only if it passes all validation tests).',
  }),

  newClusterStorageFailed: (o: { reportPath: string; failedTests: readonly string[]; failedDisks: readonly string[] }): CmdletError => ({
    category: 'InvalidOperation',
    errorId: newClusterId,
    message:
      `New-Cluster : The validation report '${o.reportPath}' shows that the shared storage failed: ${o.failedTests.join('; ')}. Disks that failed: ${o.failedDisks.length === 0 ? '(none named)' : o.failedDisks.join(', ')}. ` +
      'The cluster could not arbitrate these disks, so it is not created even with -Force. Correct the storage and run Test-Cluster again, or create the cluster without storage (-NoStorage).',
  }),
};
