// The destination side of a migration: accept (memory reserved, within this host's own limit) or
// refuse, acknowledge each pass, and at the blackout ask the cluster for the role before resuming
// the VM here (a clustered VM runs where the cluster database says, never on two hosts); then Done.
// A source silent for the TCP time-out, or gone from the cluster, takes its half-built VM with it.
import type { MigrationMessage } from '@wsfc-lab/protocol';
import { inFlight, migrationTimings } from './migration-source.js';
import { sendToPeer, type HyperVHost } from './migration-link.js';
import { freeMemoryBytes, migrationLimit, registerVm, setVmState, vmTimings, beginTransition } from './vms.js';
import type { HyperVState, IncomingMigration } from './types.js';
import { whyIncompatible } from './processor.js';
import { listenerOff } from './migration-networks.js';

type Offer = Extract<MigrationMessage, { type: 'VmMigrationOffer' }>;


function whyRefused(h: HyperVState, host: HyperVHost, offer: Offer, from: string): { busy: boolean; message: string } | undefined {
  const name = offer.vm.name;
  const existing = h.vms[name];
  if (existing && existing.state !== 'Off') return { busy: false, message: `A virtual machine named '${name}' already runs on ${h.node}.` };
  // Disable-VMMigration turns the host's migration listener off: the source's connection is refused (KB 4558514, 0x8007274D).
  if (!h.host.VirtualMachineMigrationEnabled) return { busy: false, message: listenerOff({ vm: name, source: from, destination: h.node }) };
  // The pre-migration compatibility check (facts §9): the vendor, then every feature the VM uses.
  const incompatible = offer.cpu === undefined ? undefined : whyIncompatible(name, offer.cpu, h.node, h.cpu);
  if (incompatible !== undefined) return { busy: false, message: incompatible };
  // BUGGIFY: the target is momentarily unable to take one more (a real host can be): the source's retry path.
  if (inFlight(h) >= migrationLimit(h) || host.io.buggify('hyperv.target.busy')) return { busy: true, message: `${h.node} is at its limit of ${migrationLimit(h)} concurrent migrations.` };
  const free = freeMemoryBytes(h);
  if (free < offer.vm.memoryStartupBytes) {
    return { busy: false, message: `Not enough memory on ${h.node} to receive '${name}': it needs ${offer.vm.memoryStartupBytes} bytes, ${Math.max(0, free)} are available.` };
  }
  return undefined;
}

export function onOffer(h: HyperVState, host: HyperVHost, from: string, offer: Offer): void {
  const refusal = whyRefused(h, host, offer, from);
  if (refusal) return sendToPeer(h, host, from, { type: 'VmMigrationAnswer', migrationId: offer.migrationId, ok: false, busy: refusal.busy, message: refusal.message });
  const { name, ...rest } = offer.vm;
  h.incoming.push({
    migrationId: offer.migrationId,
    source: from,
    migrationType: offer.migrationType,
    config: { name, ...rest },
    ...(offer.cpu === undefined ? {} : { cpu: offer.cpu }),
    reservedBytes: offer.vm.memoryStartupBytes,
    lastHeardMs: host.io.now(),
    committing: false,
  });
  host.io.setTimer(migrationTimings.silenceTimeoutMs, { subsystem: 'hyperv', type: 'MigrationCheck' });
  sendToPeer(h, host, from, { type: 'VmMigrationAnswer', migrationId: offer.migrationId, ok: true, busy: false, message: '' });
}

function find(h: HyperVState, migrationId: string, from: string): IncomingMigration | undefined {
  return h.incoming.find((m) => m.migrationId === migrationId && m.source === from);
}

export function onPass(h: HyperVState, host: HyperVHost, from: string, migrationId: string, pass: number): void {
  const m = find(h, migrationId, from);
  if (!m) return sendToPeer(h, host, from, { type: 'VmMigrationAbort', migrationId, reason: `${h.node} has no such migration in progress` });
  m.lastHeardMs = host.io.now();
  host.io.setTimer(migrationTimings.silenceTimeoutMs, { subsystem: 'hyperv', type: 'MigrationCheck' });
  sendToPeer(h, host, from, { type: 'VmMigrationAck', migrationId, pass });
}

export function onBlackout(h: HyperVState, host: HyperVHost, from: string, migrationId: string, group: string | undefined): void {
  const m = find(h, migrationId, from);
  if (!m) return sendToPeer(h, host, from, { type: 'VmMigrationDone', migrationId, ok: false, message: `${h.node} has no such migration in progress` });
  m.lastHeardMs = host.io.now();
  m.committing = true;
  if (group !== undefined && m.config.clustered) {
    m.group = group;
    h.notices.push({ type: 'CommitMigration', migrationId, vm: m.config.name, group, source: from });
    return;
  }
  finishIncoming(h, host, migrationId, true, '');
}

/** The cluster gave this node the role (or refused): the VM resumes here, or the half-built VM goes. */
export function finishIncoming(h: HyperVState, host: HyperVHost, migrationId: string, ok: boolean, message: string): void {
  const m = h.incoming.find((x) => x.migrationId === migrationId);
  if (!m) return;
  h.incoming = h.incoming.filter((x) => x !== m);
  if (ok) {
    const vm = registerVm(h, m.config);
    // It keeps the features it was booted with until it is next off (facts §9).
    if (m.cpu !== undefined) vm.cpu = m.cpu;
    // A quick migration restores from the saved state; a live one resumes at once.
    if (m.migrationType === 'Quick') beginTransition(h, host.io, vm, 'Starting', 'Running', 'Restore', Math.ceil((m.config.memoryStartupBytes / vmTimings.saveBytesPerSec) * 1000));
    else setVmState(h, host.io, vm, 'Running', 'MigratedIn');
  }
  sendToPeer(h, host, m.source, { type: 'VmMigrationDone', migrationId, ok, message });
}

export function onAbort(h: HyperVState, from: string, migrationId: string): void {
  h.incoming = h.incoming.filter((m) => !(m.migrationId === migrationId && m.source === from && !m.committing));
}

/** A silent source (the TCP time-out) takes its half-built VM with it; one committing waits for the cluster. */
export function checkIncoming(h: HyperVState, host: HyperVHost): void {
  const nowMs = host.io.now();
  h.incoming = h.incoming.filter((m) => m.committing || nowMs - m.lastHeardMs < migrationTimings.silenceTimeoutMs);
}

export function sourceLost(h: HyperVState, node: string): void {
  h.incoming = h.incoming.filter((m) => m.source !== node || m.committing);
}
