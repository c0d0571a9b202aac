// Control messages between the main thread and an actor's worker (not actor traffic: actor
// frames travel as msgpack bytes on peer ports, or through the relay).
import type { CommandReply, LabCommand, LabEvent } from '@wsfc-lab/protocol';
import type { MessagePort } from 'node:worker_threads';
import type { FabricRules } from '../../fabric/rules.js';
import type { ActorSpec } from '../runtime.js';

export type Transport = 'direct' | 'relay';

export interface WorkerData {
  spec: ActorSpec;
  incarnation: number;
  seed: number;
  /** Wall ms per simulated ms. */
  timeScale: number;
  dataDirectory: string;
  transport: Transport;
  fabric: FabricRules;
}

export type ToWorker =
  | { type: 'peer'; peer: string; port: MessagePort }
  /** `epochWallMs`: wall-clock ms (performance.timeOrigin + now) at simulated time 0. */
  | { type: 'start'; epochWallMs: number }
  | { type: 'frame'; source: string; bytes: Uint8Array }
  | { type: 'command'; requestId: string; command: LabCommand }
  | { type: 'fabric'; rules: FabricRules }
  | { type: 'pause'; flag: Int32Array };

export type FromWorker =
  | { type: 'events'; entries: { atMs: number; event: LabEvent }[] }
  | { type: 'frame'; destination: string; network: string; bytes: Uint8Array }
  | { type: 'reply'; requestId: string; reply: CommandReply }
  | { type: 'ready' }
  | { type: 'started' };
