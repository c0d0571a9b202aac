// The source's side of a migration's authentication, as state on the migration itself: before it
// offers the VM, a migration an administrator started (Move-VM) passes planAuthentication
// (migration-auth.ts). With Kerberos the source asks the domain controller's KDC for one service
// ticket per delegated SPN, on the administrator's behalf (TicketRequest with onBehalfOf: the
// directory checks the source's msDS-AllowedToDelegateTo, kdc.ts), over msgpack like any frame. It
// waits KdcWaitTime for the answers, as the real Kerberos client does; the migration stays queued
// meanwhile and takes no concurrency slot.
import { assertNever, type DirectoryResponse, type NodeMessage } from '@wsfc-lab/protocol';
import { directoryClientDefaults } from '../directory-client/config.js';
import { kdcUnreachable, noSuitableCredentials, planAuthentication, type MigrationInitiator } from './migration-auth.js';
import type { HyperVHost } from './migration-link.js';
import type { HyperVState, OutgoingMigration } from './types.js';

/** The tickets a migration waits for: by request id, the SPN asked for. */
export interface KerberosWait {
  onBehalfOf: string;
  pending: Record<string, string>;
  granted: string[];
  deadlineMs: number;
  /** The KDC refused one: the whole migration fails with this. */
  refusal?: string;
}

/** What a migration an administrator started carries besides the engine's fields. */
export interface MigrationAuthFields {
  /** Absent: the cluster service started it (its own account, no host check). */
  initiator?: MigrationInitiator;
  authenticated?: boolean;
  kerberos?: KerberosWait;
  /** The cmdlet (Move-VM) waiting for the migration's end. */
  replyTo?: string;
}

export type AuthedMigration = OutgoingMigration & MigrationAuthFields;

/**
 * True for a migration Hyper-V drives for an administrator (Move-VM): it goes over the host's
 * migration networks; one the cluster service drives goes over the cluster's (migration-networks.ts).
 */
export const hostDriven = (m: OutgoingMigration): boolean => (m as AuthedMigration).initiator?.kind === 'Session';

export type AuthGate = { type: 'Go' } | { type: 'Wait' } | { type: 'Fail'; message: string };

const who = (h: HyperVState, m: OutgoingMigration) => ({ vm: m.vm, source: h.node, destination: m.destination });

/** Sends one TicketRequest per SPN to the domain controller, or says why it cannot. */
function startKerberos(h: HyperVState, host: HyperVHost, m: AuthedMigration, plan: { services: string[]; onBehalfOf: string }): AuthGate {
  const directory = host.directory?.();
  if (directory === undefined) return { type: 'Fail', message: kdcUnreachable({ ...who(h, m), detail: `${h.node} knows no domain controller to ask for a ticket` }) };
  const nowMs = host.io.now();
  const wait: KerberosWait = { onBehalfOf: plan.onBehalfOf, pending: {}, granted: [], deadlineMs: nowMs + directoryClientDefaults.kdcWaitTimeMs };
  for (const service of plan.services) {
    const requestId = `${m.migrationId}-kdc-${host.io.newId()}`;
    wait.pending[requestId] = service;
    host.io.send(directory.controller, directory.network, { type: 'TicketRequest', requestId, requester: h.node, service, onBehalfOf: plan.onBehalfOf });
  }
  m.kerberos = wait;
  host.io.setTimer(directoryClientDefaults.kdcWaitTimeMs, { subsystem: 'hyperv', type: 'MigrationCheck' });
  return { type: 'Wait' };
}

/** Where a Kerberos wait stands at `nowMs`. */
function kerberosGate(h: HyperVState, m: AuthedMigration, wait: KerberosWait, nowMs: number): AuthGate {
  if (wait.refusal !== undefined) return { type: 'Fail', message: noSuitableCredentials({ ...who(h, m), detail: wait.refusal, mechanism: 'Kerberos' }) };
  const missing = Object.values(wait.pending);
  if (missing.length === 0) {
    m.authenticated = true;
    return { type: 'Go' };
  }
  if (nowMs < wait.deadlineMs) return { type: 'Wait' };
  const detail = `no answer from the KDC for ${missing.join(', ')} in ${directoryClientDefaults.kdcWaitTimeMs} ms`;
  return { type: 'Fail', message: kdcUnreachable({ ...who(h, m), detail }) };
}

/** Whether a queued migration may be offered now, must wait for its tickets, or fails. */
export function authGate(h: HyperVState, host: HyperVHost, m: AuthedMigration): AuthGate {
  if (m.initiator === undefined || m.authenticated === true) return { type: 'Go' };
  if (m.kerberos !== undefined) return kerberosGate(h, m, m.kerberos, host.io.now());
  const plan = planAuthentication({ settings: h.host, ...who(h, m), initiator: m.initiator });
  switch (plan.type) {
    case 'None':
      m.authenticated = true;
      return { type: 'Go' };
    case 'Refused':
      return { type: 'Fail', message: plan.message };
    case 'Kerberos':
      return startKerberos(h, host, m, plan);
    default:
      return assertNever(plan, 'authentication plan');
  }
}

const isDirectoryAnswer = (message: NodeMessage): message is Extract<DirectoryResponse, { type: 'TicketGrant' | 'DirectoryRefused' }> =>
  message.type === 'TicketGrant' || message.type === 'DirectoryRefused';

/**
 * Records the KDC's answer to one of this host's migration ticket requests on its migration;
 * returns that migration, or undefined when the frame is not such an answer (someone else's).
 */
export function recordKdcAnswer(h: HyperVState, frame: { source: string; message: NodeMessage }, controller: string | undefined): AuthedMigration | undefined {
  const message = frame.message;
  if (!isDirectoryAnswer(message) || frame.source !== controller) return undefined;
  const m = (h.outgoing as AuthedMigration[]).find((o) => o.kerberos?.pending[message.requestId] !== undefined);
  const wait = m?.kerberos;
  if (m === undefined || wait === undefined) return undefined;
  const service = wait.pending[message.requestId]!;
  delete wait.pending[message.requestId];
  if (message.type === 'DirectoryRefused') {
    wait.refusal = `the KDC refused a ticket for "${service}" on behalf of ${wait.onBehalfOf}: ${message.status} ${message.message}`;
  } else if (message.ticket.service.toLowerCase() !== service.toLowerCase()) {
    wait.refusal = `the KDC answered a ticket for "${message.ticket.service}" where "${service}" was asked`;
  } else {
    wait.granted.push(service);
  }
  return m;
}
