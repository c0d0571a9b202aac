// New-Cluster -Name X -Node a,b -StaticAddress ip [-NoStorage] [-Force]: checks the last
// validation report (validation/new-cluster-gate.ts), describes the cluster (its nodes in the
// order given, the cluster IP address on the network that holds it, the eligible shared disks in
// Available Storage, the smallest one as the disk witness), forms it here and asks every other
// node to form it too, and returns once the core group is online.
import { blockSizeBytes, type CmdletError } from '@wsfc-lab/protocol';
import { checkNewClusterValidation } from '../validation/new-cluster-gate.js';
import { inSubnet } from '../subnet.js';
import { clusterNetworkName, subnetParts } from '../membership/networks.js';
import type { CmdletCall } from '../subsystem.js';
import type { ClusterBootstrap } from './bootstrap.js';
import { namesOf, type ClusterCmdlet } from './cmdlet-support.js';
import { formCluster } from './form.js';
import { createClusterNameObject } from './names.js';
import { onDirectoryCompletion } from './directory-answers.js';
import type { ClusterHost, ClusterState } from './types.js';

/** The smallest disk the real product takes as a witness (512 MB). */
const witnessSizeBytesMin = 512 * 1024 * 1024;
/** New-Cluster returns once the cluster is up, or fails after this long (PendingTimeout's default). */
const formWaitMs = 180_000;

const refuse = (host: ClusterHost, call: CmdletCall, message: string, errorId = 'NewClusterFailed'): void =>
  host.io.reply(call.requestId, { ok: false, error: { category: 'InvalidOperation', errorId, message: `New-Cluster : ${message}` } });

/** -StaticAddress values with their subnet mask and cluster network, or why one is on no network. */
export function staticAddresses(state: ClusterState, call: CmdletCall): ClusterBootstrap['addresses'] | string {
  const given = namesOf(call, 'StaticAddress') ?? [];
  const out: ClusterBootstrap['addresses'] = [];
  for (const address of given) {
    const index = state.config.networks.findIndex((n) => inSubnet(address, n.subnet));
    const network = state.config.networks[index];
    if (!network) return `The static address '${address}' is not on any network of '${state.config.name}'.`;
    out.push({ Address: address, SubnetMask: subnetParts(network.subnet).addressMask, Network: clusterNetworkName(index) });
  }
  return out;
}

function sharedDisks(state: ClusterState, host: ClusterHost, eligible: readonly { name: string }[] | null): { name: string; sizeBytes: number }[] {
  const present = host.storage.disks.filter((d) => d.present).map((d) => ({ name: d.name, sizeBytes: d.sizeBlocks * blockSizeBytes }));
  return eligible === null ? present : present.filter((d) => eligible.some((e) => e.name === d.name));
}

function describe(state: ClusterState, host: ClusterHost, call: CmdletCall, name: string, nodes: string[]): ClusterBootstrap | CmdletError {
  const gate = checkNewClusterValidation({ nodes, validation: host.lastValidation(), force: call.parameters.Force === true, noStorage: call.parameters.NoStorage === true });
  if (!gate.ok) return gate.error;
  const addresses = staticAddresses(state, call);
  if (typeof addresses === 'string') return { category: 'InvalidArgument', errorId: 'NewClusterFailed', message: `New-Cluster : ${addresses}` };
  const disks = call.parameters.NoStorage === true ? [] : sharedDisks(state, host, gate.value.eligibleDisks);
  const witness = [...disks].filter((d) => d.sizeBytes >= witnessSizeBytesMin).sort((a, b) => a.sizeBytes - b.sizeBytes || (a.name < b.name ? -1 : 1))[0];
  return {
    name,
    domain: state.config.directory?.domain ?? '',
    formedBy: state.config.name,
    nodes: nodes.map((node, i) => ({ name: node, id: i + 1 })),
    addresses,
    disks: disks.map((d) => d.name),
    witness: witness && disks.length > 1 ? { type: 'Disk', disk: witness.name } : { type: 'None' },
    settings: {},
    roles: [],
  };
}

export const newCluster: ClusterCmdlet = (state, call, host) => {
  const name = namesOf(call)?.[0];
  if (name === undefined) return refuse(host, call, 'specify the cluster name with -Name.', 'ParameterArgumentValidationError');
  const known = [state.config.name, ...state.config.peers.map((p) => p.name)];
  const nodes = (namesOf(call, 'Node') ?? [state.config.name]).map((n) => known.find((k) => k.toLowerCase() === n.split('.')[0]!.toLowerCase()) ?? n);
  const unknown = nodes.find((n) => !known.includes(n));
  if (unknown !== undefined) return refuse(host, call, `The computer '${unknown}' could not be reached: no such host is known.`);
  if (state.identity) return refuse(host, call, `The node '${state.config.name}' is already a member of the cluster '${state.identity.name}'.`, 'NodeAlreadyInCluster');
  const bootstrap = describe(state, host, call, name, nodes);
  if ('category' in bootstrap) return host.io.reply(call.requestId, { ok: false, error: bootstrap });
  if (state.pendingNewCluster) return refuse(host, call, `New-Cluster '${state.pendingNewCluster.bootstrap.name}' is still being created on '${state.config.name}'.`);
  // -AdministrativeAccessPoint Dns or None: no computer object in AD (facts §14).
  const accessPoint = String(call.parameters.AdministrativeAccessPoint ?? 'ActiveDirectoryAndDns').toLowerCase();
  if (accessPoint === 'activedirectoryanddns') {
    state.pendingNewCluster = { requestId: call.requestId, bootstrap };
    if (createClusterNameObject(state, host, name, (completion) => onDirectoryCompletion(state, host, completion))) return;
    delete state.pendingNewCluster;
  }
  continueNewCluster(state, host, call.requestId, bootstrap);
};

/** With the CNO made (or none wanted): form the cluster here and on every other node, and wait for it. */
export function continueNewCluster(state: ClusterState, host: ClusterHost, cmdletRequestId: string, bootstrap: ClusterBootstrap): void {
  const nodes = bootstrap.nodes.map((n) => n.name);
  const name = bootstrap.name;
  const requestId = `${state.config.name}-${host.io.incarnation}-f${state.nextRequestNumber++}`;
  for (const peer of state.config.peers.filter((p) => nodes.includes(p.name))) {
    // The cluster does not exist yet, so there are no routes: ask on every network the peer is on.
    for (const network of Object.keys(peer.addresses)) host.io.send(peer.name, network, { type: 'ClusterForm', requestId, bootstrap });
  }
  if (nodes.includes(state.config.name)) {
    const error = formCluster(state, host, bootstrap);
    if (error) return host.io.reply(cmdletRequestId, { ok: false, error });
  }
  state.waiters.push({ requestId: cmdletRequestId, kind: 'GroupOnline', object: 'Cluster Group', deadlineMs: host.io.now() + formWaitMs, output: { Name: name } });
}

