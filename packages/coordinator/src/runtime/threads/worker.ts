// The worker edge: the one file on the worker side that touches worker_threads, timers and the
// clock (Piscina's worker.ts is the model). It hosts one actor incarnation, applies its effects,
// and judges its outgoing frames by the fabric's rules (direct transport) or hands them to the
// main thread's fabric (relay transport).
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { join } from 'node:path';
import { Prng, encodeFrame, type Effect, type LabEvent } from '@wsfc-lab/protocol';
import { Fabric } from '../../fabric/fabric.js';
import { ActorHost } from '../actor-host.js';
import { loadDefinition } from '../actors.js';
import { FileBlockStore, FileDurableStore } from './file-stores.js';
import type { FromWorker, ToWorker, WorkerData } from './wire.js';

const data = workerData as WorkerData;
const control = parentPort as MessagePort;
const self = data.spec.id;
const wallNowMs = () => performance.timeOrigin + performance.now();
let epochWallMs = wallNowMs();
const simNowMs = () => (wallNowMs() - epochWallMs) / data.timeScale;

const fabric = new Fabric(data.fabric);
const lossPrng = new Prng(data.seed, `threads-loss/${self}#${data.incarnation}`);
const peers = new Map<string, MessagePort>();
const timers = new Map<number, NodeJS.Timeout>();
const actorDirectory = join(data.dataDirectory, encodeURIComponent(self));
let frameSequence = 0;
/** While a timer's step runs: the simulated ms it was due. Timers it sets count from there, so a
 * periodic timer keeps its cadence however late the thread woke (as an interval timer does). */
let firingDeadlineMs: number | undefined;
/** A timer that wakes this much earlier than due (wall ms) sleeps again for the rest. */
const timerSlackWallMs = 0.05;
let pendingEvents: { atMs: number; event: LabEvent }[] = [];
let flushQueued = false;

const host = new ActorHost({
  spec: data.spec,
  definition: await loadDefinition(data.spec),
  incarnation: data.incarnation,
  prng: new Prng(data.seed, `threads/${self}#${data.incarnation}`),
  now: simNowMs,
  store: new FileDurableStore(actorDirectory),
  blocks: new FileBlockStore(join(actorDirectory, 'blocks')),
  checkInvariants: false,
});

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => control.postMessage(message, transfer);

function flushEvents(): void {
  flushQueued = false;
  if (pendingEvents.length === 0) return;
  post({ type: 'events', entries: pendingEvents });
  pendingEvents = [];
}

function send(effect: Extract<Effect, { type: 'Send' }>): void {
  const bytes = encodeFrame({ source: self, destination: effect.destination, network: effect.network, sequence: frameSequence++ }, effect.message);
  if (data.transport === 'relay') {
    post({ type: 'frame', destination: effect.destination, network: effect.network, bytes }, [bytes.buffer as ArrayBuffer]);
    return;
  }
  const port = peers.get(effect.destination);
  if (!port) return; // no such machine, or it is down: silence
  const verdict = fabric.route(self, effect.destination, effect.network, bytes.byteLength, () => lossPrng.next());
  if (!verdict.deliver) return;
  const delayWallMs = verdict.delayMs * data.timeScale;
  if (delayWallMs < 1) port.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
  else setTimeout(() => port.postMessage(bytes, [bytes.buffer as ArrayBuffer]), delayWallMs);
}

function apply(effects: Effect[]): void {
  for (const effect of effects) {
    switch (effect.type) {
      case 'Send':
        send(effect);
        break;
      case 'SetTimer': {
        // Keep the cadence when the thread woke a little late, but do not replay periods it slept
        // through: replayed ticks run ~1 wall ms apart and count heartbeats the peer had no time to
        // answer. A starved thread then detects late rather than falsely early.
        const nowMs = simNowMs();
        const anchorMs = firingDeadlineMs !== undefined && nowMs - firingDeadlineMs < effect.delayMs ? firingDeadlineMs : nowMs;
        const dueMs = anchorMs + effect.delayMs;
        const fire = () => {
          // Node's timers may wake up to a wall ms early (100 simulated ms at timeScale 0.01).
          const earlyWallMs = (dueMs - simNowMs()) * data.timeScale;
          if (earlyWallMs > timerSlackWallMs) {
            timers.set(effect.timerId, setTimeout(fire, earlyWallMs));
            return;
          }
          timers.delete(effect.timerId);
          firingDeadlineMs = dueMs;
          try {
            apply(host.fireTimer(effect.timerId, effect.timer));
          } finally {
            firingDeadlineMs = undefined;
          }
        };
        timers.set(effect.timerId, setTimeout(fire, Math.max(0, (dueMs - simNowMs()) * data.timeScale)));
        break;
      }
      case 'CancelTimer':
        clearTimeout(timers.get(effect.timerId));
        timers.delete(effect.timerId);
        break;
      case 'Emit':
        pendingEvents.push({ atMs: simNowMs(), event: effect.event });
        break;
      case 'Reply':
        post({ type: 'reply', requestId: effect.requestId, reply: effect.reply });
        break;
    }
  }
  if (pendingEvents.length > 0 && !flushQueued) {
    flushQueued = true;
    queueMicrotask(flushEvents);
  }
}

/** A machine still booting hears nothing: frames before `start` fall on the floor. */
let started = false;

function attachPeer(peer: string, port: MessagePort): void {
  peers.get(peer)?.close();
  peers.set(peer, port);
  port.on('message', (bytes: Uint8Array) => {
    if (started) apply(host.deliverFrame(bytes, peer));
  });
}

control.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'peer':
      attachPeer(message.peer, message.port);
      return;
    case 'start':
      epochWallMs = message.epochWallMs;
      started = true;
      apply(host.start());
      post({ type: 'started' });
      return;
    case 'frame':
      if (started) apply(host.deliverFrame(message.bytes, message.source));
      return;
    case 'command':
      apply(host.command(message.requestId, message.command));
      return;
    case 'fabric':
      fabric.replace(message.rules);
      return;
    case 'pause':
      // Freeze the whole thread, as a paused VM freezes: nothing runs, frames queue in the ports.
      flushEvents();
      Atomics.wait(message.flag, 0, 1);
      return;
  }
});

post({ type: 'ready' });
