// How a node's StateInfo for a CSV changes, and the event each change logs (facts §13, §16.1):
// into BlockRedirected 5121, into Paused 5120 (only from a state that did I/O: a volume that was
// never available here does not "pause"), back to Direct from BlockRedirected and out of a pause
// a cluster.log line each (CsvDirectIoResumed, and CsvResumed once the node does I/O again after a
// pause, saying how).
import type { CsvPauseStatus } from '@wsfc-lab/protocol';
import type { CsvHost, VolumeState } from './state.js';
import { volumeFriendlyName } from './volumes.js';

const active = new Set(['Direct', 'BlockRedirected', 'FileSystemRedirected']);

export function toDirect(host: CsvHost, volume: VolumeState): void {
  if (volume.StateInfo === 'Direct') return;
  const event = { node: host.io.self, disk: volume.disk, volume: volumeFriendlyName(volume.volumeNumber) };
  if (volume.pausedBefore) host.io.emit({ type: 'CsvResumed', ...event, StateInfo: 'Direct' });
  // Redirected before a pause too: its direct I/O is back all the same.
  if (volume.redirectedBefore) host.io.emit({ type: 'CsvDirectIoResumed', ...event });
  volume.StateInfo = 'Direct';
  volume.pausedBefore = false;
  volume.redirectedBefore = false;
}

export function toBlockRedirected(host: CsvHost, volume: VolumeState, o: { coordinator: string; detail: string }): void {
  if (volume.StateInfo === 'BlockRedirected') return;
  const event = { node: host.io.self, disk: volume.disk, volume: volumeFriendlyName(volume.volumeNumber) };
  if (volume.pausedBefore) host.io.emit({ type: 'CsvResumed', ...event, StateInfo: 'BlockRedirected' });
  volume.StateInfo = 'BlockRedirected';
  volume.pausedBefore = false;
  volume.redirectedBefore = true;
  host.io.emit({ type: 'CsvBlockRedirected', ...event, coordinator: o.coordinator, detail: o.detail });
}

export function toPaused(host: CsvHost, volume: VolumeState, status: CsvPauseStatus): void {
  if (!active.has(volume.StateInfo)) return;
  volume.StateInfo = 'Paused';
  volume.pausedBefore = true;
  host.io.emit({ type: 'CsvPaused', node: host.io.self, disk: volume.disk, volume: volumeFriendlyName(volume.volumeNumber), status });
}

/**
 * The coordinator is online again: the pause ends. How this node does I/O now is decided by its
 * next direct command (io-loop.ts): its key may have been fenced meanwhile, so it checks first;
 * CsvResumed is logged then, with the outcome.
 */
export function resume(volume: VolumeState): void {
  volume.StateInfo = 'Unavailable';
  volume.registered = false;
}
