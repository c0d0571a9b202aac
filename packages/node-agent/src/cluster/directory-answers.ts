// What the cluster service does with the directory's answers: a failed A-record registration is
// event 1196 (the Network Name stays online); New-Cluster goes on once its CNO exists, or fails
// with the directory's reason (an existing name, the machine account quota, a directory that does
// not answer).
import type { DirectoryCompletion } from '../directory-client/mod.js';
import type { ClusterDirectoryTag } from './names.js';
import { continueNewCluster } from './new-cluster.js';
import { commitRole } from './cmdlets-roles.js';
import type { ClusterHost, ClusterState } from './types.js';

export function onDirectoryCompletion(state: ClusterState, host: ClusterHost, completion: DirectoryCompletion<ClusterDirectoryTag>): void {
  const { tag, result } = completion;
  switch (tag.op) {
    case 'Register':
      if (result.ok) host.io.probe(`cluster: ${tag.resource} registered in DNS`);
      else host.io.emit({ type: 'NetworkNameDnsRegistrationFailed', resource: tag.resource, dnsName: completion.request.type === 'DnsRegister' ? completion.request.name : tag.resource, node: state.config.name, reason: result.failure.message });
      return;
    case 'CreateVco': {
      const pending = state.pendingRoles[tag.cmdlet];
      if (!pending) return;
      // A VCO left from an earlier role of that name is the role's again (the CNO controls it).
      if (!result.ok && !/already exists/i.test(result.failure.message)) {
        delete state.pendingRoles[tag.cmdlet];
        host.io.reply(tag.cmdlet, {
          ok: false,
          error: { category: 'InvalidOperation', errorId: 'CreateVirtualComputerObjectFailed', message: `There was an error creating the computer object '${pending.name}' for the clustered role in Active Directory: ${result.failure.message}` },
        });
        return;
      }
      commitRole(state, host, tag.cmdlet);
      return;
    }
    case 'CreateCno': {
      const pending = state.pendingNewCluster;
      if (!pending || pending.bootstrap.name !== tag.name) return host.io.probe(`cluster: an answer for the CNO ${tag.name} that no New-Cluster waits for`);
      delete state.pendingNewCluster;
      if (!result.ok) {
        host.io.reply(pending.requestId, {
          ok: false,
          error: { category: 'InvalidOperation', errorId: 'CreateClusterNameAccountFailed', message: `New-Cluster : There was an error creating the cluster name account '${tag.name}' in Active Directory: ${result.failure.message}` },
        });
        return;
      }
      continueNewCluster(state, host, pending.requestId, pending.bootstrap);
      return;
    }
  }
}
