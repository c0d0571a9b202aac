// Validation of quorum changes before they go into the cluster database: Set-ClusterQuorum
// (-NoWitness/-NodeMajority, -DiskWitness/-NodeAndDiskMajority, -FileShareWitness/
// -NodeAndFileShareMajority, -CloudWitness, -DiskOnly) and the property assignments
// `(Get-ClusterNode x).NodeWeight = n`, `(Get-Cluster).DynamicQuorum = n` and
// `(Get-Cluster).LowerQuorumPriorityNodeID = n`. A change is refused, naming the object, when applying
// it now would leave the current members without quorum; otherwise the new configuration and the
// votes recomputed for the current members are returned. Nothing passed in is modified, so a
// refusal leaves the cluster state as it was.
//
// A new witness is assumed to be brought online by a member (the real cmdlet fails separately if it
// cannot be); an unchanged witness keeps whatever `witnessHeld` says.
import { assertNever, type CmdletError } from '@wsfc-lab/protocol';
import { cloudWitnessEndpointDefault, nodeNamed, witnessResourceNames, type QuorumConfig, type Vote, type Witness } from './config.js';
import { hasQuorum } from './check.js';
import { quorumErrors } from './errors.js';
import { adjustVotes, type VoteState } from './votes.js';

export type QuorumChange =
  | { type: 'NoWitness' }
  | { type: 'DiskWitness'; disk: string }
  | { type: 'FileShareWitness'; sharePath: string }
  | { type: 'CloudWitness'; accountName: string; endpoint?: string }
  | { type: 'DiskOnly'; disk: string }
  | { type: 'NodeWeight'; node: string; NodeWeight: number }
  | { type: 'DynamicQuorum'; DynamicQuorum: number }
  | { type: 'LowerQuorumPriorityNodeID'; LowerQuorumPriorityNodeID: number };

/** What the validator needs to know about a clustered disk offered as a witness. */
export interface ClusterDisk {
  /** Resource name, e.g. "Cluster Disk 1". */
  name: string;
  /** Resource type; only "Physical Disk" is quorum-capable (facts §4.1). */
  resourceType: string;
  sizeBytes: number;
  /** The disk is a Cluster Shared Volume. */
  isClusterSharedVolume: boolean;
  /** The group holding the resource: "Available Storage", "Cluster Group" or a role's group. */
  ownerGroup: string;
}

/** A disk witness needs at least 512 MB (facts §2.1). */
export const diskWitnessSizeBytesMin = 512 * 1024 * 1024;

export interface QuorumChangeInput {
  clusterName: string;
  config: QuorumConfig;
  members: ReadonlySet<string>;
  witnessHeld: boolean;
  disks: readonly ClusterDisk[];
  change: QuorumChange;
}

export type QuorumChangeResult = { ok: true; config: QuorumConfig; votes: VoteState } | { ok: false; error: CmdletError };

type Proposal = { config: QuorumConfig; witnessHeld: boolean } | { error: CmdletError };

function checkWitnessDisk(disks: readonly ClusterDisk[], name: string): CmdletError | undefined {
  const disk = disks.find((candidate) => candidate.name === name);
  if (disk === undefined) return quorumErrors.diskNotFound(name);
  if (disk.resourceType !== 'Physical Disk') return quorumErrors.notPhysicalDisk(name, disk.resourceType);
  if (disk.isClusterSharedVolume) return quorumErrors.diskIsCsv(name);
  if (disk.sizeBytes < diskWitnessSizeBytesMin) return quorumErrors.diskTooSmall(name, disk.sizeBytes, diskWitnessSizeBytesMin);
  if (disk.ownerGroup !== 'Available Storage' && disk.ownerGroup !== 'Cluster Group') return quorumErrors.diskInUse(name, disk.ownerGroup);
  return undefined;
}

function withWitness(input: QuorumChangeInput, witness: Witness): Proposal {
  const current = input.config.witness;
  const same = current.type !== 'None' && witness.type !== 'None' && current.resource === witness.resource;
  const witnessHeld = witness.type === 'None' ? false : same ? input.witnessHeld : input.members.size > 0;
  return { config: { ...input.config, witness }, witnessHeld };
}

const uncPath = /^\\\\[^\\/]+\\[^\\/]+(\\[^\\/]+)*\\?$/;
const storageAccountName = /^[a-z0-9]{3,24}$/;

function proposeWitness(input: QuorumChangeInput, change: Extract<QuorumChange, { type: 'NoWitness' | 'DiskWitness' | 'FileShareWitness' | 'CloudWitness' | 'DiskOnly' }>): Proposal {
  switch (change.type) {
    case 'NoWitness':
      return withWitness(input, { type: 'None' });
    case 'DiskWitness':
    case 'DiskOnly': {
      const error = checkWitnessDisk(input.disks, change.disk);
      if (error !== undefined) return { error };
      return withWitness(input, { type: 'Disk', resource: change.disk, diskOnly: change.type === 'DiskOnly' });
    }
    case 'FileShareWitness':
      if (!uncPath.test(change.sharePath)) return { error: quorumErrors.badSharePath(change.sharePath) };
      return withWitness(input, { type: 'FileShare', resource: witnessResourceNames.FileShare, sharePath: change.sharePath });
    case 'CloudWitness':
      if (!storageAccountName.test(change.accountName)) return { error: quorumErrors.badAccountName(change.accountName) };
      return withWitness(input, {
        type: 'Cloud',
        resource: witnessResourceNames.Cloud,
        accountName: change.accountName,
        endpoint: change.endpoint ?? cloudWitnessEndpointDefault,
      });
    default:
      return assertNever(change);
  }
}

function proposeNodeWeight(input: QuorumChangeInput, node: string, value: number): Proposal {
  const { config } = input;
  if (nodeNamed(config, node) === undefined) return { error: quorumErrors.nodeNotFound(node) };
  if (value !== 0 && value !== 1) return { error: quorumErrors.nodeWeightOutOfRange(node, value) };
  if (config.witness.type === 'Disk' && config.witness.diskOnly) return { error: quorumErrors.nodeWeightInDiskOnly(node, config.witness.resource) };
  const nodes = config.nodes.map((entry) => (entry.name === node ? { ...entry, NodeWeight: value as Vote } : { ...entry }));
  return { config: { ...config, nodes }, witnessHeld: input.witnessHeld };
}

function proposeClusterProperty(input: QuorumChangeInput, change: Extract<QuorumChange, { type: 'DynamicQuorum' | 'LowerQuorumPriorityNodeID' }>): Proposal {
  const { config, clusterName } = input;
  if (change.type === 'DynamicQuorum') {
    const value = change.DynamicQuorum;
    if (value !== 0 && value !== 1) return { error: quorumErrors.clusterPropertyOutOfRange({ clusterName, property: 'DynamicQuorum', value, allowed: '0 or 1' }) };
    return { config: { ...config, DynamicQuorum: value }, witnessHeld: input.witnessHeld };
  }
  const value = change.LowerQuorumPriorityNodeID;
  if (value !== 0 && !config.nodes.some((node) => node.id === value)) {
    const allowed = `0 or the Id of a node (${config.nodes.map((node) => node.id).join(', ')})`;
    return { error: quorumErrors.clusterPropertyOutOfRange({ clusterName, property: 'LowerQuorumPriorityNodeID', value, allowed }) };
  }
  return { config: { ...config, LowerQuorumPriorityNodeID: value }, witnessHeld: input.witnessHeld };
}

function propose(input: QuorumChangeInput): Proposal {
  const { change } = input;
  switch (change.type) {
    case 'NoWitness':
    case 'DiskWitness':
    case 'FileShareWitness':
    case 'CloudWitness':
    case 'DiskOnly':
      return proposeWitness(input, change);
    case 'NodeWeight':
      return proposeNodeWeight(input, change.node, change.NodeWeight);
    case 'DynamicQuorum':
    case 'LowerQuorumPriorityNodeID':
      return proposeClusterProperty(input, change);
    default:
      return assertNever(change);
  }
}

/** How the refused change reads in a message. */
function describeWitnessChange(input: QuorumChangeInput, witness: Witness): string {
  const current = input.config.witness;
  if (witness.type === 'None') return current.type === 'None' ? 'running without a witness' : `removing the witness '${current.resource}'`;
  if (witness.type === 'Disk' && witness.diskOnly) return `disk-only quorum on '${witness.resource}'`;
  return `the witness '${witness.resource}'`;
}

function refusal(input: QuorumChangeInput, config: QuorumConfig, check: ReturnType<typeof hasQuorum>): CmdletError {
  const { change, clusterName } = input;
  const members = input.config.nodes.filter((node) => input.members.has(node.name)).map((node) => node.name);
  switch (change.type) {
    case 'NodeWeight':
      return quorumErrors.nodeWeightLosesQuorum({ node: change.node, value: change.NodeWeight, members, check });
    case 'DynamicQuorum':
      return quorumErrors.clusterPropertyLosesQuorum({ clusterName, property: 'DynamicQuorum', value: change.DynamicQuorum, members, check });
    case 'LowerQuorumPriorityNodeID':
      return quorumErrors.clusterPropertyLosesQuorum({ clusterName, property: 'LowerQuorumPriorityNodeID', value: change.LowerQuorumPriorityNodeID, members, check });
    case 'NoWitness':
    case 'DiskWitness':
    case 'FileShareWitness':
    case 'CloudWitness':
    case 'DiskOnly':
      return quorumErrors.witnessLosesQuorum({ clusterName, change: describeWitnessChange(input, config.witness), members, check });
    default:
      return assertNever(change);
  }
}

export function validateQuorumChange(input: QuorumChangeInput): QuorumChangeResult {
  const proposal = propose(input);
  if ('error' in proposal) return { ok: false, error: proposal.error };
  const { config, witnessHeld } = proposal;
  const votes = adjustVotes({ config, members: input.members, witnessHeld });
  const check = hasQuorum({ config, votes, present: input.members, witnessHeld });
  if (!check.quorum) return { ok: false, error: refusal(input, config, check) };
  return { ok: true, config, votes };
}
