// The agent's answer to a facts request (facts.ts): this server's inventory, the disks its initiator
// sees with the keys registered on each (PERSISTENT RESERVE IN READ KEYS through the storage API),
// and whether it reaches each peer on each network (pings on that network, echoed by the peer).
// The answer goes out once every ping is echoed or judged and every key is read, or at the deadlines.
import { blockSizeBytes, storageLimits, type ValidationMessageOf } from '@wsfc-lab/protocol';
import type { NodeInventoryConfig } from '../config.js';
import { submitStorageCommand, type StorageCompletion } from '../storage/mod.js';
import { localDisk } from '../storage/local-disk.js';
import type { DiskSeen, NodeInventory } from './facts.js';
import { validationRunLimits, validationTiming } from './timing.js';
import { sendTo } from './transport.js';
import { validationSubsystemName, type FactsJob, type Peer, type PingPath, type ValidationHost, type ValidationState } from './state.js';

/** A server the lab file says nothing about: the lab's node defaults (coordinator config/lab-defaults.ts). */
const defaultInventory: NodeInventoryConfig = {
  domain: null,
  osRelease: 2022,
  installationOption: 'Server with Desktop Experience',
  processor: { manufacturer: 'Intel', logicalProcessors: 16, slat: true },
  memoryBytes: 64 * 1024 ** 3,
  hyperVInstalled: true,
};

/** The configured inventory; the domain is the one the directory client says the machine is a member of now. */
export function inventoryOf(host: ValidationHost): NodeInventory {
  const configured = host.config.inventory ?? { ...defaultInventory, domain: host.config.directory?.domain ?? null };
  const membership = host.membership;
  const domain = membership === undefined ? configured.domain : membership.state === 'Member' ? membership.domain : null;
  return {
    node: host.config.name,
    domain,
    osRelease: configured.osRelease,
    installationOption: configured.installationOption,
    architecture: 'x64',
    processor: { ...configured.processor },
    memoryBytes: configured.memoryBytes,
    hyperVInstalled: configured.hyperVInstalled,
    addresses: { ...host.config.addresses },
  };
}

/** Disk 0 (the system disk) and every iSCSI disk present, keys not yet read. A virtual disk has no serial number: the lab names it by its node. */
function disksSeen(host: ValidationHost): DiskSeen[] {
  const system: DiskSeen = { name: localDisk.FriendlyName, serialNumber: `disk0-${host.config.name}`, sizeBytes: localDisk.sizeBytes, busType: 'SCSI', isSystem: true, reservationKeys: [] };
  const iscsi = host.storage.disks
    .filter((d) => d.present)
    .sort((a, b) => a.number - b.number)
    .map((d): DiskSeen => ({ name: d.name, serialNumber: d.serialNumber, sizeBytes: d.sizeBlocks * blockSizeBytes, busType: 'iSCSI', isSystem: false, reservationKeys: [] }));
  return [system, ...iscsi];
}

const keysToken = (jobId: number, diskIndex: number): string => `f${jobId}.${diskIndex}`;

export function isFactsToken(token: string): boolean {
  return /^f\d+\.\d+$/.test(token);
}

function sendPings(state: ValidationState, host: ValidationHost, o: { runId: string; paths: { network: string; to: string }[] }): PingPath[] {
  const nowMs = host.io.now();
  return o.paths.map((path) => {
    const ping: PingPath = { network: path.network, to: path.to, sequences: [], sentAtMs: nowMs, roundTripMs: null, settled: false };
    // With no address of its own on the network, the server has no path there at all.
    if (host.config.addresses[path.network] === undefined) return { ...ping, settled: true };
    for (let i = 0; i < validationTiming.pingsPerPath; i++) {
      const sequence = state.nextPingSequence++;
      ping.sequences.push(sequence);
      host.io.send(path.to, path.network, { type: 'ValidationPing', runId: o.runId, sequence, sentAtMs: nowMs });
    }
    return ping;
  });
}

export function startFactsJob(state: ValidationState, host: ValidationHost, requester: Peer, request: ValidationMessageOf<'ValidationFactsRequest'>): void {
  // A runner asks on every network it shares with this node; the first request to arrive is served.
  if (state.factsServed.includes(servedKey(requester.node, request.runId))) return;
  if (state.factsJobs.some((j) => j.runId === request.runId && j.requester.node === requester.node)) return;
  if (state.factsJobs.length >= validationRunLimits.factsJobsMax) {
    state.counters.jobsRefused++;
    host.io.probe('validation facts request refused: factsJobsMax reached');
    return;
  }
  const nowMs = host.io.now();
  const jobId = state.nextJobNumber++;
  const disks = request.includeDisks ? disksSeen(host) : null;
  const keysPending: number[] = [];
  disks?.forEach((disk, i) => {
    if (disk.isSystem) return;
    keysPending.push(i);
    const tag = { subsystem: validationSubsystemName, token: keysToken(jobId, i) };
    submitStorageCommand(host.storage, host.io, { disk: { serialNumber: disk.serialNumber }, tag, command: { type: 'ReadKeys' } });
  });
  const pings = sendPings(state, host, { runId: request.runId, paths: request.pings });
  const pingsDeadlineMs = nowMs + validationTiming.pingTimeoutMs;
  const job: FactsJob = { jobId, requester, runId: request.runId, inventory: inventoryOf(host), disks, keysPending, pings, pingsDeadlineMs, keysDeadlineMs: nowMs + validationTiming.diskKeysTimeoutMs, timerId: -1 };
  job.timerId = host.io.setTimer(Math.min(validationTiming.pingTimeoutMs, validationTiming.diskKeysTimeoutMs), { subsystem: 'validation', type: 'FactsJobDeadline', jobId });
  state.factsJobs.push(job);
  answerIfDone(state, host, job);
}

const servedKey = (requester: string, runId: string): string => `${requester}/${runId}`;

const isDone = (job: FactsJob): boolean => job.keysPending.length === 0 && job.pings.every((p) => p.settled);

function answerIfDone(state: ValidationState, host: ValidationHost, job: FactsJob): void {
  if (!isDone(job)) return;
  host.io.cancelTimer(job.timerId);
  state.factsJobs = state.factsJobs.filter((j) => j !== job);
  state.factsServed.push(servedKey(job.requester.node, job.runId));
  if (state.factsServed.length > validationRunLimits.factsJobsMax) state.factsServed.shift();
  const reachability = job.pings.map((p) => ({ network: p.network, from: job.inventory.node, to: p.to, reachable: p.roundTripMs !== null, roundTripMs: p.roundTripMs }));
  sendTo(state, host, job.requester, { type: 'ValidationFactsResponse', runId: job.runId, inventory: job.inventory, disks: job.disks, reachability });
}

/** The job's timer: pings not echoed by now are unreachable; keys not read by their deadline are left empty. */
export function onFactsJobDeadline(state: ValidationState, host: ValidationHost, jobId: number): void {
  const job = state.factsJobs.find((j) => j.jobId === jobId);
  if (!job) return;
  const nowMs = host.io.now();
  if (nowMs >= job.pingsDeadlineMs) for (const ping of job.pings) ping.settled = true;
  if (nowMs >= job.keysDeadlineMs) job.keysPending = [];
  if (isDone(job)) return answerIfDone(state, host, job);
  const nextMs = Math.min(...[job.pingsDeadlineMs, job.keysDeadlineMs].filter((t) => t > nowMs));
  job.timerId = host.io.setTimer(nextMs - nowMs, { subsystem: 'validation', type: 'FactsJobDeadline', jobId });
}

export function onPingReply(state: ValidationState, host: ValidationHost, reply: ValidationMessageOf<'ValidationPingReply'>): void {
  const job = state.factsJobs.find((j) => j.runId === reply.runId && j.pings.some((p) => p.sequences.includes(reply.sequence)));
  const ping = job?.pings.find((p) => p.sequences.includes(reply.sequence));
  if (!job || !ping) return;
  if (ping.roundTripMs === null && !ping.settled) ping.roundTripMs = Math.max(0, host.io.now() - reply.sentAtMs);
  ping.settled = true;
  answerIfDone(state, host, job);
}

/** The keys READ KEYS found; a disk whose keys cannot be read shows none (its storage tests then fail on it). */
export function onKeysCompletion(state: ValidationState, host: ValidationHost, completion: StorageCompletion): boolean {
  const match = /^f(\d+)\.(\d+)$/.exec(completion.tag.token);
  const job = match ? state.factsJobs.find((j) => j.jobId === Number(match[1])) : undefined;
  const diskIndex = Number(match?.[2]);
  if (!job || !job.keysPending.includes(diskIndex)) return false;
  job.keysPending = job.keysPending.filter((i) => i !== diskIndex);
  const disk = job.disks?.[diskIndex];
  if (disk && completion.result.type === 'Keys') disk.reservationKeys = completion.result.keys.slice(0, storageLimits.registrationsPerLunMax);
  answerIfDone(state, host, job);
  return true;
}
