// The directory client's slice of the node: the machine's domain membership, its channel to the
// domain controller (pending requests, ticket cache, DNS cache), and the DNS Client's registration
// of the machine's own A record. Everything here is data; Inspect shows it as it is.
import type { ActorIo } from '@wsfc-lab/protocol';
import type { ChannelContext, DirectoryChannel } from './channel.js';
import type { NodeDirectoryConfig } from './config.js';
import type { DomainMembership } from './domain-membership.js';

export type DirectoryClientTimer =
  | { subsystem: 'directoryClient'; type: 'RequestAttempt'; requestId: string; attempt: number }
  | { subsystem: 'directoryClient'; type: 'RegistrationDue' };

/** Why the channel is waiting: the cmdlet to answer, or the DNS Client's own registration. */
export type ClientTag =
  | { type: 'Registration'; addresses: string[] }
  | { type: 'ResolveDnsName'; requestId: string; name: string; recordType: string }
  | { type: 'AddComputer'; requestId: string; domainName: string; passThru: boolean }
  | { type: 'KlistGet'; requestId: string; service: string };

/** The DNS Client's registration of this machine's A record (its role, STYLE 4). */
export type Registration =
  /** Nothing to register: a workgroup machine, or no address on the DC's network. */
  | { state: 'Off'; reason: string }
  /** A registration is due (at start, on a retry or a refresh) and not yet sent. */
  | { state: 'Due'; addresses: string[] }
  | { state: 'Registering'; addresses: string[]; requestId: string; sinceMs: number }
  | { state: 'Registered'; addresses: string[]; atMs: number }
  | { state: 'Failed'; addresses: string[]; atMs: number; message: string };

export interface DirectoryClientState {
  self: string;
  /** Absent when the lab gave this machine no directory: no DNS server, no domain. */
  config: NodeDirectoryConfig | undefined;
  membership: DomainMembership;
  channel: DirectoryChannel<ClientTag>;
  /** The addresses this machine registers: its address on the DC's network. */
  addresses: string[];
  registration: Registration;
  /** The timer of the next registration (start, retry or refresh), if one is set. */
  registrationTimerId: number | undefined;
}

export type ClientIo = ActorIo<DirectoryClientTimer>;

export function channelContext(config: NodeDirectoryConfig, io: ClientIo): ChannelContext<DirectoryClientTimer> {
  return { config, io, attemptTimer: ({ requestId, attempt }) => ({ subsystem: 'directoryClient', type: 'RequestAttempt', requestId, attempt }) };
}
