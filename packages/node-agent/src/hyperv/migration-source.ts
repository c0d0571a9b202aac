// The source side of a migration (facts §6.4): queued while the host is at its limit (FIFO, facts
// §6.1), then Offer, memory passes as the pre-copy model plans them (precopy.ts), the blackout,
// and the destination's Done. A pass is sent in segments of at most `segmentMs`, each acknowledged,
// so a silent destination is noticed within the TCP time-out even during a long pass.
import type { MigrationType } from '@wsfc-lab/protocol';
import { afterPass, firstPassBytes, nextPassBytes, planBlackout, planPass, type PrecopyVm } from './precopy.js';
import { linkShare, migrationNetworks, sendToPeer, type HyperVHost } from './migration-link.js';
import { migrationLimit, setVmState, vmTimings } from './vms.js';
import type { HostedVm, HyperVState, OutgoingMigration } from './types.js';
import { authGate, hostDriven, type AuthedMigration, type MigrationAuthFields } from './migration-auth-kerberos.js';
import { answerMoveVm } from './migration-settings-cmdlets-reply.js';
import { rankedNetworks } from './migration-link.js';
import { whyNoNetwork, clusterMigrationOrder, hostMigrationOrder } from './migration-networks.js';

export const migrationTimings = {
  /** The longest stretch a pass runs without a frame to the destination. */
  segmentMs: 5_000,
  /** A side that hears nothing for this long gives up (the TCP time-out, facts §6.4 [H12]). */
  silenceTimeoutMs: 20_000,
  /** A busy destination is asked again after this long. */
  busyRetryMs: 1_000,
} as const;

/** Migrations a host keeps, queued or under way; a bound (STYLE 7). */
export const migrationsPerHostMax = 512;

export const inFlight = (h: HyperVState): number => h.outgoing.filter((m) => m.phase !== 'Queued').length + h.incoming.length;

const identity = (h: HyperVState, m: OutgoingMigration) => ({ migrationId: m.migrationId, vm: m.vm, source: h.node, destination: m.destination, migrationType: m.migrationType });

function precopyVm(vm: HostedVm): PrecopyVm {
  return { memoryBytes: vm.config.memoryStartupBytes, workingSetBytes: vm.config.workingSetBytes, dirtyRateBytesPerSec: vm.config.dirtyRateBytesPerSec };
}

export interface MigrationRequest extends MigrationAuthFields {
  vm: string;
  destination: string;
  migrationType: MigrationType;
  group?: string;
}

/** Queues a migration; returns its id, or why it cannot be asked for. */
export function requestMigration(h: HyperVState, host: HyperVHost, request: MigrationRequest): { ok: true; migrationId: string } | { ok: false; message: string } {
  const vm = h.vms[request.vm];
  if (!vm) return { ok: false, message: `Virtual machine '${request.vm}' is not on ${h.node}.` };
  if (h.outgoing.some((m) => m.vm === request.vm)) return { ok: false, message: `Virtual machine '${request.vm}' is already being migrated.` };
  if (request.migrationType === 'Live' && vm.state !== 'Running') return { ok: false, message: `Virtual machine migration operation for '${request.vm}' failed: the virtual machine is not running (it is ${vm.state}); live migration needs a running virtual machine.` };
  if (request.destination === h.node) return { ok: false, message: `Virtual machine '${request.vm}' is already on ${h.node}.` };
  if (!h.host.VirtualMachineMigrationEnabled) return { ok: false, message: `Virtual machine migration operation for '${request.vm}' failed at migration source '${h.node}'. (VirtualMachineMigrationEnabled is False on ${h.node}: Enable-VMMigration turns migration on)` };
  if (h.outgoing.length >= migrationsPerHostMax) return { ok: false, message: `${h.node} already has ${migrationsPerHostMax} migrations queued.` };
  const migrationId = `${h.node}-${host.io.incarnation}-m${h.nextMigration++}`;
  const migration: OutgoingMigration = { ...request, migrationId, phase: 'Queued', queuedAtMs: host.io.now(), passes: [], remainingBytes: 0, token: 0, lastHeardMs: host.io.now(), awaiting: false, announcedQueued: false };
  h.outgoing.push(migration);
  admit(h, host);
  if (migration.phase === 'Queued') announceQueued(h, host, migration);
  return { ok: true, migrationId };
}

function announceQueued(h: HyperVState, host: HyperVHost, m: OutgoingMigration): void {
  if (m.announcedQueued) return;
  m.announcedQueued = true;
  const position = h.outgoing.filter((o) => o.phase === 'Queued').indexOf(m) + 1;
  host.io.emit({ type: 'MigrationQueued', position, ...identity(h, m) });
}

/** Starts queued migrations, oldest first, while the host is under its limit. */
export function admit(h: HyperVState, host: HyperVHost): void {
  const nowMs = host.io.now();
  for (const m of h.outgoing) {
    if (inFlight(h) >= migrationLimit(h)) break;
    if (m.phase !== 'Queued' || (m.retryAtMs ?? 0) > nowMs) continue;
    const vm = h.vms[m.vm];
    const gate = vm ? authGate(h, host, m) : undefined;
    if (gate?.type === 'Wait') continue;
    const network = migrationNetworks(h, host, m.destination, !hostDriven(m))[0];
    if (!vm || gate?.type === 'Fail' || network === undefined) {
      end(h, host, m, 'Failed', !vm ? `the virtual machine is no longer on ${h.node}` : gate?.type === 'Fail' ? gate.message : noNetwork(h, host, m));
      continue;
    }
    m.phase = 'Offering';
    m.network = network;
    await_(host, m);
    const c = vm.config;
    host.io.send(m.destination, network, {
      type: 'VmMigrationOffer',
      migrationId: m.migrationId,
      migrationType: m.migrationType,
      vm: {
        name: c.name,
        memoryStartupBytes: c.memoryStartupBytes,
        workingSetBytes: c.workingSetBytes,
        dirtyRateBytesPerSec: c.dirtyRateBytesPerSec,
        processorCount: c.processorCount,
        version: c.version,
        path: c.path,
        storage: c.storage,
        clustered: c.clustered,
        ...(c.processorCompatibility === undefined ? {} : { processorCompatibility: c.processorCompatibility }),
      },
      ...(vm.cpu === undefined ? {} : { cpu: vm.cpu }),
    });
  }
}

function await_(host: HyperVHost, m: OutgoingMigration): void {
  m.awaiting = true;
  m.lastHeardMs = host.io.now();
  host.io.setTimer(migrationTimings.silenceTimeoutMs, { subsystem: 'hyperv', type: 'MigrationCheck' });
}

function send(h: HyperVState, host: HyperVHost, m: OutgoingMigration, message: Parameters<HyperVHost['io']['send']>[2]): void {
  sendToPeer(h, host, m.destination, message, m.network, !hostDriven(m));
}

/** Why no network of the migration's order is usable now (migration-networks.ts). */
function noNetwork(h: HyperVState, host: HyperVHost, m: OutgoingMigration): string {
  const clustered = !hostDriven(m);
  const ranked = rankedNetworks(h, host);
  const order = clustered ? clusterMigrationOrder(ranked, host.clusterMigrationSetting?.()) : hostMigrationOrder(ranked, h.host);
  return whyNoNetwork({ order, upToPeer: host.networksTo(m.destination), clustered, source: h.node, destination: m.destination });
}

export function onAnswer(h: HyperVState, host: HyperVHost, migrationId: string, ok: boolean, busy: boolean, message: string): void {
  const m = h.outgoing.find((o) => o.migrationId === migrationId);
  if (!m || m.phase !== 'Offering') return;
  m.awaiting = false;
  if (!ok && busy) {
    // The destination is at its own limit: back to the head of the queue, asked again shortly.
    m.phase = 'Queued';
    m.retryAtMs = host.io.now() + migrationTimings.busyRetryMs;
    host.io.setTimer(migrationTimings.busyRetryMs, { subsystem: 'hyperv', type: 'MigrationCheck' });
    announceQueued(h, host, m);
    return;
  }
  if (!ok) return end(h, host, m, 'Failed', message);
  m.startedAtMs = host.io.now();
  host.io.emit({ type: 'MigrationStarted', ...identity(h, m) });
  if (m.migrationType === 'Quick') return startQuickSave(h, host, m);
  startPass(h, host, m, firstPassBytes(precopyVm(h.vms[m.vm]!)));
}

function startQuickSave(h: HyperVState, host: HyperVHost, m: OutgoingMigration): void {
  const vm = h.vms[m.vm]!;
  m.phase = 'Blackout';
  const durationMs = Math.ceil((vm.config.memoryStartupBytes / vmTimings.saveBytesPerSec) * 1000);
  m.blackout = { bytes: 0, wireBytes: 0, durationMs, startedAtMs: host.io.now() };
  setVmState(h, host.io, vm, 'Saving', 'Save');
  schedule(h, host, m, durationMs);
}

function schedule(h: HyperVState, host: HyperVHost, m: OutgoingMigration, delayMs: number): void {
  m.token = h.nextToken++;
  host.io.setTimer(Math.max(1, delayMs), { subsystem: 'hyperv', type: 'MigrationStep', migrationId: m.migrationId, token: m.token });
}

function startPass(h: HyperVState, host: HyperVHost, m: OutgoingMigration, bytes: number): void {
  const share = linkShare(h, host, m);
  if (!share) return fail(h, host, m, `no network connects ${h.node} to ${m.destination} for live migration`);
  m.phase = 'Copying';
  // BUGGIFY: a congested link (other traffic on it) gives this pass a quarter of its share.
  const slowed = host.io.buggify('hyperv.pass.congested') ? { ...share, bandwidthBitsPerSec: share.bandwidthBitsPerSec / 4 } : share;
  const plan = planPass(m.passes.length + 1, bytes, h.host.VirtualMachineMigrationPerformanceOption, slowed, h.compression);
  m.passes.push(plan);
  m.segmentLeftMs = plan.durationMs;
  nextSegment(h, host, m);
}

function nextSegment(h: HyperVState, host: HyperVHost, m: OutgoingMigration): void {
  const stepMs = Math.min(m.segmentLeftMs ?? 0, migrationTimings.segmentMs);
  m.segmentLeftMs = (m.segmentLeftMs ?? 0) - stepMs;
  schedule(h, host, m, stepMs);
}

/** A pass segment, the blackout or the quick save has run its time. */
export function onStep(h: HyperVState, host: HyperVHost, migrationId: string, token: number): void {
  const m = h.outgoing.find((o) => o.migrationId === migrationId);
  if (!m || m.token !== token) return;
  const pass = m.passes.at(-1);
  if (m.phase === 'Copying' && pass) {
    send(h, host, m, { type: 'VmMigrationPass', migrationId, pass: pass.pass, bytes: pass.bytes, wireBytes: pass.wireBytes });
    return await_(host, m);
  }
  if (m.phase === 'Blackout') {
    // A quick migration's save is done: the VM is Saved here before it is restored there.
    const vm = h.vms[m.vm];
    if (m.migrationType === 'Quick' && vm?.state === 'Saving') setVmState(h, host.io, vm, 'Saved', 'Save');
    m.phase = 'Committing';
    send(h, host, m, { type: 'VmMigrationBlackout', migrationId, bytes: m.blackout?.bytes ?? 0, wireBytes: m.blackout?.wireBytes ?? 0, ...(m.group === undefined ? {} : { group: m.group }) });
    await_(host, m);
  }
}

export function onAck(h: HyperVState, host: HyperVHost, migrationId: string): void {
  const m = h.outgoing.find((o) => o.migrationId === migrationId);
  if (!m || m.phase !== 'Copying' || !m.awaiting) return;
  m.awaiting = false;
  m.lastHeardMs = host.io.now();
  if ((m.segmentLeftMs ?? 0) > 0) return nextSegment(h, host, m);
  const vm = h.vms[m.vm];
  const share = linkShare(h, host, m);
  if (!vm || !share) return fail(h, host, m, !vm ? 'the virtual machine went away' : `no network connects ${h.node} to ${m.destination}`);
  const option = h.host.VirtualMachineMigrationPerformanceOption;
  const remaining = nextPassBytes(precopyVm(vm), m.passes.at(-1)!);
  const next = afterPass(precopyVm(vm), m.passes, remaining, option, share, h.compression);
  if (next.next === 'Pass') return startPass(h, host, m, remaining);
  // Stop-and-copy: the VM pauses here; the rest and the device state go now (facts §6.4 step 3).
  const plan = planBlackout(remaining, option, share, h.compression);
  m.phase = 'Blackout';
  m.blackout = { ...plan, startedAtMs: host.io.now() };
  setVmState(h, host.io, vm, 'Paused', 'Blackout');
  schedule(h, host, m, plan.durationMs);
}

export function onDone(h: HyperVState, host: HyperVHost, migrationId: string, ok: boolean, message: string): void {
  const m = h.outgoing.find((o) => o.migrationId === migrationId);
  if (!m || m.phase !== 'Committing') return;
  if (!ok) return fail(h, host, m, message);
  const vm = h.vms[m.vm];
  if (vm) {
    setVmState(h, host.io, vm, 'Off', 'MigratedOut');
    delete h.vms[m.vm];
  }
  const nowMs = host.io.now();
  const bytesSent = m.passes.reduce((sum, p) => sum + p.bytes, 0) + (m.blackout?.bytes ?? 0);
  const wireBytes = m.passes.reduce((sum, p) => sum + p.wireBytes, 0) + (m.blackout?.wireBytes ?? 0);
  const blackoutMs = Math.round(nowMs - (m.blackout?.startedAtMs ?? nowMs));
  host.io.emit({ type: 'MigrationCompleted', ...identity(h, m), passes: m.passes.length, bytesSent, wireBytes, blackoutMs, durationMs: Math.round(nowMs - (m.startedAtMs ?? m.queuedAtMs)) });
  finish(h, host, m, 'Completed', '');
}

/** The migration failed: the VM stays on (and keeps running here on) the source (facts §6.5). */
export function fail(h: HyperVState, host: HyperVHost, m: OutgoingMigration, reason: string): void {
  if (m.phase !== 'Queued' && m.phase !== 'Offering') send(h, host, m, { type: 'VmMigrationAbort', migrationId: m.migrationId, reason });
  resumeOnSource(h, host, m);
  end(h, host, m, 'Failed', reason);
}

function resumeOnSource(h: HyperVState, host: HyperVHost, m: OutgoingMigration): void {
  const vm = h.vms[m.vm];
  if (!vm) return;
  if (vm.state === 'Paused') setVmState(h, host.io, vm, 'Running', 'MigrationAborted');
  // A quick migration had saved it: it comes back from its saved state.
  if (vm.state === 'Saving' || (m.migrationType === 'Quick' && vm.state === 'Saved')) setVmState(h, host.io, vm, 'Running', 'MigrationAborted');
}

function end(h: HyperVState, host: HyperVHost, m: OutgoingMigration, outcome: 'Failed' | 'Cancelled', reason: string): void {
  if (outcome === 'Failed') host.io.emit({ type: 'MigrationFailed', reason, ...identity(h, m) });
  else host.io.emit({ type: 'MigrationCancelled', wasQueued: m.phase === 'Queued', ...identity(h, m) });
  finish(h, host, m, outcome, reason);
}

function finish(h: HyperVState, host: HyperVHost, m: OutgoingMigration, outcome: 'Completed' | 'Failed' | 'Cancelled', message: string): void {
  h.outgoing = h.outgoing.filter((o) => o !== m);
  h.notices.push({ type: 'MigrationEnded', migrationId: m.migrationId, vm: m.vm, destination: m.destination, outcome, message });
  answerMoveVm(host, m as AuthedMigration, outcome, message);
  admit(h, host);
}

/** Move-ClusterVirtualMachineRole -Cancel: a queued or copying migration stops; one in its blackout is past cancelling. */
export function cancelMigration(h: HyperVState, host: HyperVHost, vm: string): string | undefined {
  const m = h.outgoing.find((o) => o.vm === vm);
  if (!m) return `There is no migration of virtual machine '${vm}' in progress on ${h.node} to cancel.`;
  if (m.phase === 'Blackout' || m.phase === 'Committing') return `The migration of virtual machine '${vm}' is completing and can no longer be cancelled.`;
  if (m.phase !== 'Queued') send(h, host, m, { type: 'VmMigrationAbort', migrationId: m.migrationId, reason: 'cancelled' });
  end(h, host, m, 'Cancelled', 'cancelled');
  return undefined;
}

/** The TCP time-out: a destination silent for too long fails its migrations; queued ones whose turn came start. */
export function checkOutgoing(h: HyperVState, host: HyperVHost): void {
  const nowMs = host.io.now();
  for (const m of [...h.outgoing]) {
    // A clustered cut-over is the cluster's to decide (destinationLost), never the time-out's: the
    // destination may already own the role and run the VM.
    const committing = m.phase === 'Committing' && m.group !== undefined;
    if (m.awaiting && !committing && nowMs - m.lastHeardMs >= migrationTimings.silenceTimeoutMs) fail(h, host, m, `the connection to ${m.destination} timed out (no answer for ${migrationTimings.silenceTimeoutMs} ms)`);
  }
  admit(h, host);
}

/**
 * The cluster removed `node` from its membership: migrations to it fail now, not at the time-out.
 * One in its cut-over whose role the destination already took (`roleMoved`) is not resumed here:
 * the VM went with the destination, and the cluster fails the role over from there.
 */
export function destinationLost(h: HyperVState, host: HyperVHost, node: string, roleMoved: (group: string) => boolean): void {
  for (const m of [...h.outgoing]) {
    if (m.destination !== node || m.phase === 'Queued') continue;
    if (m.phase === 'Committing' && m.group !== undefined && roleMoved(m.group)) {
      const vm = h.vms[m.vm];
      if (vm) setVmState(h, host.io, vm, 'Off', 'MigratedOut');
      delete h.vms[m.vm];
      end(h, host, m, 'Failed', `the destination ${node} left the cluster after it took the role over`);
      continue;
    }
    fail(h, host, m, `the destination ${node} left the cluster`);
  }
}
