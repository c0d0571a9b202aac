import test, { type ExecutionContext } from 'ava';
import { validateQuorumChange, type ClusterDisk, type QuorumChange, type QuorumChangeInput } from './set-quorum.js';
import { checkQuorumConfig, getClusterQuorumRow, quorumTypeOf, type QuorumConfig, type QuorumType } from './config.js';
import { cluster, fail, formed, kept } from './_fixtures.js';

const mb = 1024 * 1024;
const disks: ClusterDisk[] = [
  { name: 'Cluster Disk 1', resourceType: 'Physical Disk', sizeBytes: 1024 * mb, isClusterSharedVolume: false, ownerGroup: 'Cluster Group' },
  { name: 'Cluster Disk 2', resourceType: 'Physical Disk', sizeBytes: 2048 * mb, isClusterSharedVolume: false, ownerGroup: 'Available Storage' },
  { name: 'Cluster Disk 3', resourceType: 'Physical Disk', sizeBytes: 256 * mb, isClusterSharedVolume: false, ownerGroup: 'Available Storage' },
  { name: 'Cluster Disk 4', resourceType: 'Physical Disk', sizeBytes: 10240 * mb, isClusterSharedVolume: true, ownerGroup: 'Available Storage' },
  { name: 'Cluster Disk 5', resourceType: 'Physical Disk', sizeBytes: 10240 * mb, isClusterSharedVolume: false, ownerGroup: 'vm01' },
  { name: 'Cluster IP Address', resourceType: 'IP Address', sizeBytes: 0, isClusterSharedVolume: false, ownerGroup: 'Cluster Group' },
];

function input(config: QuorumConfig, change: QuorumChange, members?: string[], witnessHeld = config.witness.type !== 'None'): QuorumChangeInput {
  return { clusterName: 'wsfc-cluster', config, members: new Set(members ?? config.nodes.map((n) => n.name)), witnessHeld, disks, change };
}

function refused(t: ExecutionContext, request: QuorumChangeInput, pattern: RegExp): string {
  const before = structuredClone(request.config);
  const result = validateQuorumChange(request);
  t.deepEqual(request.config, before, 'a refusal leaves the configuration as it was');
  if (result.ok) {
    t.fail(`${JSON.stringify(request.change)} should be refused`);
    return '';
  }
  t.regex(result.error.message, pattern);
  return result.error.message;
}

test('quorumTypeOf and Get-ClusterQuorum follow the witness', (t) => {
  const rows: [QuorumConfig, QuorumType, string | null][] = [
    [cluster({ nodes: 2 }), 'NodeMajority', null],
    [cluster({ nodes: 2, witness: 'Disk' }), 'NodeAndDiskMajority', 'Cluster Disk 1'],
    [cluster({ nodes: 2, witness: 'FileShare' }), 'NodeAndFileShareMajority', 'File Share Witness'],
    [cluster({ nodes: 2, witness: 'Cloud' }), 'NodeAndCloudMajority', 'Cloud Witness'],
    [{ ...cluster({ nodes: 2 }), witness: { type: 'Disk', resource: 'Cluster Disk 1', diskOnly: true } }, 'DiskOnly', 'Cluster Disk 1'],
  ];
  for (const [config, type, resource] of rows) {
    t.is(quorumTypeOf(config), type);
    t.deepEqual(getClusterQuorumRow({ clusterName: 'wsfc-cluster', config }), { Cluster: 'wsfc-cluster', QuorumResource: resource, QuorumType: type });
  }
});

test('accepted witness changes return the new configuration and the votes for the current members', (t) => {
  const config = cluster({ nodes: 2 });
  const disk = validateQuorumChange(input(config, { type: 'DiskWitness', disk: 'Cluster Disk 2' }));
  t.true(disk.ok);
  if (disk.ok) {
    t.deepEqual(disk.config.witness, { type: 'Disk', resource: 'Cluster Disk 2', diskOnly: false });
    t.deepEqual(disk.votes, { DynamicWeight: { node01: 1, node02: 1 }, WitnessDynamicWeight: 1 });
  }
  const share = validateQuorumChange(input(config, { type: 'FileShareWitness', sharePath: '\\\\fs01\\witness' }));
  t.true(share.ok && quorumTypeOf(share.config) === 'NodeAndFileShareMajority');
  const cloud = validateQuorumChange(input(config, { type: 'CloudWitness', accountName: 'wsfclab' }));
  t.true(cloud.ok && cloud.config.witness.type === 'Cloud' && cloud.config.witness.endpoint === 'core.windows.net');
  const none = validateQuorumChange(input(cluster({ nodes: 2, witness: 'Disk' }), { type: 'NoWitness' }));
  t.true(none.ok && none.votes.WitnessDynamicWeight === 0 && none.votes.DynamicWeight.node02 === 0, 'the tie-breaker replaces the witness');
  t.is(config.witness.type, 'None', 'the input configuration is not modified');
});

test('a disk witness must exist, be a Physical Disk, not a CSV, at least 512 MB and not used by a role', (t) => {
  const config = cluster({ nodes: 2 });
  const cases: [string, RegExp][] = [
    ['Cluster Disk 9', /^Set-ClusterQuorum : The cluster resource could not be found\. .*'Cluster Disk 9'/],
    ['Cluster IP Address', /not capable of being a quorum resource.*'Cluster IP Address' is a IP Address resource/],
    ['Cluster Disk 4', /'Cluster Disk 4' is a Cluster Shared Volume/],
    ['Cluster Disk 3', /'Cluster Disk 3' is 268435456 bytes; a disk witness needs at least 536870912 bytes/],
    ['Cluster Disk 5', /'Cluster Disk 5' is in use by the role 'vm01'/],
  ];
  for (const [disk, pattern] of cases) refused(t, input(config, { type: 'DiskWitness', disk }), pattern);
  refused(t, input(config, { type: 'DiskOnly', disk: 'Cluster Disk 3' }), /'Cluster Disk 3' is 268435456 bytes/);
  const notFound = validateQuorumChange(input(config, { type: 'DiskWitness', disk: 'Cluster Disk 9' }));
  t.true(!notFound.ok && notFound.error.category === 'ObjectNotFound');
});

test('file share and cloud witness parameters are checked', (t) => {
  const config = cluster({ nodes: 3 });
  refused(t, input(config, { type: 'FileShareWitness', sharePath: 'fs01/witness' }), /The network path was not found\..*'fs01\/witness'/);
  refused(t, input(config, { type: 'CloudWitness', accountName: 'Bad_Name' }), /AccountName 'Bad_Name'/);
});

test('-NoWitness is refused when the members up would be left without quorum (static quorum)', (t) => {
  // Four nodes and a disk witness with DynamicQuorum 0; two nodes are down. With the witness the two
  // survivors hold 3 of 5 votes; without it they would hold 2 of 4.
  const config = cluster({ nodes: 4, witness: 'Disk', DynamicQuorum: 0 });
  const message = refused(t, input(config, { type: 'NoWitness' }, ['node01', 'node02']), /removing the witness 'Cluster Disk 1'/);
  t.regex(message, /^Set-ClusterQuorum : Unable to save property changes for 'wsfc-cluster'\. A quorum of cluster nodes was not present to form a cluster\./);
  t.regex(message, /\(node01, node02\) with 2 of 4 votes in play, and more than half \(3\) are needed/);
  t.true(validateQuorumChange(input({ ...config, DynamicQuorum: 1 }, { type: 'NoWitness' }, ['node01', 'node02'])).ok, 'dynamic quorum has already moved the votes');
});

test('NodeWeight 0 on the last voting node without a witness is refused, naming the node', (t) => {
  let view = formed(cluster({ nodes: 2 }));
  view = kept(t, view, fail('node02'));
  const message = refused(t, input(view.config, { type: 'NodeWeight', node: 'node01', NodeWeight: 0 }, [...view.members], false), /node01/);
  t.regex(message, /^Exception setting "NodeWeight": "Unable to save property changes for 'node01'\. The request is invalid either because node weight cannot be changed/);
  t.regex(message, /NodeWeight 0 on 'node01' would leave the nodes that are up \(node01\) with 0 of 0 votes in play/);
  const accepted = validateQuorumChange(input(cluster({ nodes: 3 }), { type: 'NodeWeight', node: 'node03', NodeWeight: 0 }));
  t.true(accepted.ok && accepted.config.nodes[2]?.NodeWeight === 0 && accepted.votes.DynamicWeight.node03 === 0);
});

test('NodeWeight is refused for an unknown node, a value other than 0 or 1, and in disk-only mode', (t) => {
  const config = cluster({ nodes: 2 });
  refused(t, input(config, { type: 'NodeWeight', node: 'node07', NodeWeight: 0 }), /for 'node07'\. The cluster node was not found\./);
  refused(t, input(config, { type: 'NodeWeight', node: 'node01', NodeWeight: 2 }), /NodeWeight of 'node01' must be 0 or 1, got 2/);
  const diskOnly: QuorumConfig = { ...config, witness: { type: 'Disk', resource: 'Cluster Disk 1', diskOnly: true } };
  refused(t, input(diskOnly, { type: 'NodeWeight', node: 'node01', NodeWeight: 0 }, undefined, true), /disk-only quorum mode on 'Cluster Disk 1'/);
});

test('turning DynamicQuorum off is refused when the static votes would leave the members without quorum', (t) => {
  // Five nodes fell one at a time to two; dynamic quorum kept them running. Static votes would be 2 of 5.
  let view = formed(cluster({ nodes: 5 }));
  for (const lost of ['node05', 'node04', 'node03']) view = kept(t, view, fail(lost));
  const message = refused(t, input(view.config, { type: 'DynamicQuorum', DynamicQuorum: 0 }, [...view.members], false), /DynamicQuorum/);
  t.regex(message, /^Exception setting "DynamicQuorum": "Unable to save property changes for 'wsfc-cluster'\. A quorum of cluster nodes/);
  t.regex(message, /with 2 of 5 votes in play/);
  refused(t, input(view.config, { type: 'DynamicQuorum', DynamicQuorum: 3 }), /DynamicQuorum must be 0 or 1, got 3/);
  t.true(validateQuorumChange(input(cluster({ nodes: 3 }), { type: 'DynamicQuorum', DynamicQuorum: 0 })).ok);
});

test('LowerQuorumPriorityNodeID must be 0 or a node Id; a valid one moves the tie-breaker', (t) => {
  const config = cluster({ nodes: 2 });
  refused(t, input(config, { type: 'LowerQuorumPriorityNodeID', LowerQuorumPriorityNodeID: 9 }), /LowerQuorumPriorityNodeID must be 0 or the Id of a node \(1, 2\), got 9/);
  const moved = validateQuorumChange(input(config, { type: 'LowerQuorumPriorityNodeID', LowerQuorumPriorityNodeID: 1 }));
  t.true(moved.ok);
  if (moved.ok) t.deepEqual(moved.votes.DynamicWeight, { node01: 0, node02: 1 });
});

test('checkQuorumConfig rejects what the cluster database can never hold', (t) => {
  t.notThrows(() => checkQuorumConfig(cluster({ nodes: 3, witness: 'Disk' })));
  const twice = cluster({ nodes: 2 });
  twice.nodes.push({ name: 'node01', id: 3, NodeWeight: 1 });
  t.throws(() => checkQuorumConfig(twice), { message: /names node "node01" twice/ });
  const sameId = cluster({ nodes: 2 });
  sameId.nodes.push({ name: 'node03', id: 2, NodeWeight: 1 });
  t.throws(() => checkQuorumConfig(sameId), { message: /node "node03" has a bad or duplicate Id 2/ });
  const badWeight = cluster({ nodes: 1 });
  (badWeight.nodes[0] as { NodeWeight: number }).NodeWeight = 2;
  t.throws(() => checkQuorumConfig(badWeight), { message: /NodeWeight 2, not 0 or 1/ });
});
