// Events about the lab and the actor runtime itself, not about the cluster.
import type { Catalog } from './catalog.js';

export type ActorKind = 'node' | 'storage' | 'directory';

export type FrameRejectReason =
  | 'malformed'
  | 'oversize'
  | 'unknownType'
  | 'invalidPayload'
  | 'unknownDestination'
  | 'mailboxFull'
  | 'forgedSource';

export type LabEvent =
  | { type: 'ActorStarted'; kind: ActorKind; incarnation: number }
  | { type: 'ActorKilled'; actor: string }
  | { type: 'ActorCrashed'; actor: string; error: string }
  | { type: 'ActorRestarted'; actor: string }
  | { type: 'FaultInjected'; fault: string; detail: string }
  | { type: 'FrameRejected'; reason: FrameRejectReason; detail: string; from: string; messageType: string }
  | { type: 'CommandRejected'; detail: string }
  | { type: 'Probe'; name: string };

export const labCatalog: Catalog<LabEvent> = {
  ActorStarted: { level: 'Information', component: 'LAB', message: (e) => `${e.kind} actor started (incarnation ${e.incarnation})` },
  ActorKilled: { level: 'Warning', component: 'LAB', message: (e) => `worker of ${e.actor} terminated` },
  ActorCrashed: { level: 'Error', component: 'LAB', message: (e) => `worker of ${e.actor} crashed: ${e.error}` },
  ActorRestarted: { level: 'Information', component: 'LAB', message: (e) => `worker of ${e.actor} started again` },
  FaultInjected: { level: 'Warning', component: 'LAB', message: (e) => `fault ${e.fault}: ${e.detail}` },
  FrameRejected: {
    level: 'Warning',
    component: 'NETFT',
    message: (e) => `dropped a ${e.reason} frame (type "${e.messageType}") from ${e.from}: ${e.detail}`,
  },
  CommandRejected: { level: 'Warning', component: 'API', message: (e) => `rejected a lab command: ${e.detail}` },
  Probe: { level: 'Information', component: 'PROBE', message: (e) => `rare path ran: ${e.name}` },
};
