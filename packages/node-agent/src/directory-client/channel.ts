// A directory channel: one subsystem's conversation with the domain controller, as plain data.
// The subsystem keeps a channel in its own state, starts requests through it, and hands it every
// directory frame and every attempt timer; what comes back is a typed completion to act on (STYLE
// 1: no callbacks in state). A request waits per attempt as the real client does (the DNS query
// schedule, KdcWaitTime, the DC locator); idempotent requests (DNS) are sent again on each
// attempt, the others once. When nobody answers, the caller gets the real client's text for an
// unreachable directory (errors.ts). Answers are taken only from the domain controller and only
// for requests the channel is waiting for: a late answer after a time-out is someone else's or
// nobody's, and the caller says so.
import { ownValue, assert, directoryResponses, type ActorIo, type DirectoryRequest, type DirectoryRequestType, type DirectoryResponse, type NodeMessage } from '@wsfc-lab/protocol';
import { directoryClientDefaults, type NodeDirectoryConfig } from './config.js';
import { cacheAnswer, type DnsCache } from './dns-cache.js';
import { overloaded, unreachable } from './errors.js';
import { directoryClientLimits } from './limits.js';
import { keptOperation, type ChannelTag, type DirectoryCompletion, type DirectoryOperation, type DirectoryResult, type KeptOperation, type Started } from './operations.js';
import { cacheTicket, type TicketCache } from './ticket-cache.js';

export interface PendingRequest<Tag extends ChannelTag> {
  requestId: string;
  request: KeptOperation;
  tag: Tag;
  /** When the first attempt went out, in simulated ms. */
  sentAtMs: number;
  /** The attempt under way, from 0. */
  attempt: number;
  timerId: number;
}

export interface ChannelCounters {
  sent: number;
  /** Attempts after the first (DNS retransmissions). */
  resent: number;
  answered: number;
  timedOut: number;
  /** Requests not sent because `pendingRequestsMax` were pending. */
  overloaded: number;
  /** Answers for a pending request of another kind (a protocol error of the sender). */
  mismatched: number;
}

export interface DirectoryChannel<Tag extends ChannelTag = ChannelTag> {
  pending: Record<string, PendingRequest<Tag>>;
  tickets: TicketCache;
  dnsCache: DnsCache;
  counters: ChannelCounters;
}

/** The deadline of one attempt, which the owner wraps in its own timer type. */
export interface AttemptTimer {
  requestId: string;
  attempt: number;
}

export interface ChannelContext<T> {
  config: NodeDirectoryConfig;
  io: ActorIo<T>;
  attemptTimer: (attempt: AttemptTimer) => T;
}

export function newChannel<Tag extends ChannelTag>(): DirectoryChannel<Tag> {
  return { pending: {}, tickets: {}, dnsCache: {}, counters: { sent: 0, resent: 0, answered: 0, timedOut: 0, overloaded: 0, mismatched: 0 } };
}

/** How long each attempt of a request waits, in ms; the request fails after the last. */
export function attemptTimeoutsMs(type: DirectoryRequestType): readonly number[] {
  switch (type) {
    case 'DnsQuery':
    case 'DnsRegister':
    case 'DnsDeregister':
      return directoryClientDefaults.dnsQueryAttemptTimeoutsMs;
    case 'TicketRequest':
      return [directoryClientDefaults.kdcWaitTimeMs];
    case 'DomainJoin':
    case 'ComputerObjectCreate':
    case 'ComputerObjectChange':
      return [directoryClientDefaults.dcLocatorTimeoutMs];
  }
}

const responseTypes = new Set<string>(directoryResponses.map((schema) => schema.shape.type.value));

export function isDirectoryResponse(message: NodeMessage): message is DirectoryResponse {
  return responseTypes.has(message.type);
}

/** The answer each request expects besides DirectoryRefused. */
const expectedAnswer: Record<DirectoryRequestType, DirectoryResponse['type']> = {
  DnsQuery: 'DnsAnswer',
  TicketRequest: 'TicketGrant',
  DomainJoin: 'DomainJoinResult',
  DnsRegister: 'DnsUpdateResult',
  DnsDeregister: 'DnsUpdateResult',
  ComputerObjectCreate: 'ComputerObjectCreateResult',
  ComputerObjectChange: 'ComputerObjectChangeResult',
};

function completionOf<Tag extends ChannelTag>(pending: PendingRequest<Tag>, result: DirectoryResult<unknown>): DirectoryCompletion<Tag> {
  // The result's type matches the request's by construction (resultOf and the failure paths).
  return { type: pending.request.type, requestId: pending.requestId, tag: pending.tag, request: pending.request, result } as DirectoryCompletion<Tag>;
}

/** Completes at once, with no round trip (a cache hit, a local refusal). */
export function completedAt<Tag extends ChannelTag>(operation: DirectoryOperation, tag: Tag, result: DirectoryResult<unknown>, requestId: string): Started<Tag> {
  const pending: PendingRequest<Tag> = { requestId, request: keptOperation(operation), tag, sentAtMs: 0, attempt: 0, timerId: 0 };
  return { type: 'Completed', completion: completionOf(pending, result) };
}

/** Sends `operation` to the domain controller and waits for it under a fresh request id. */
export function startRequest<Tag extends ChannelTag, T>(channel: DirectoryChannel<Tag>, operation: DirectoryOperation, tag: Tag, ctx: ChannelContext<T>): Started<Tag> {
  const { io, config } = ctx;
  const requestId = io.newId();
  const waiting = Object.keys(channel.pending).length;
  if (waiting >= directoryClientLimits.pendingRequestsMax) {
    channel.counters.overloaded += 1;
    return completedAt(operation, tag, { ok: false, failure: overloaded(operation.type, waiting) }, requestId);
  }
  assert(channel.pending[requestId] === undefined, `request id ${requestId} is already pending`);
  io.send(config.controller, config.network, { ...operation, requestId, requester: io.self } as DirectoryRequest);
  const timerId = io.setTimer(attemptTimeoutsMs(operation.type)[0] ?? 0, ctx.attemptTimer({ requestId, attempt: 0 }));
  channel.pending[requestId] = { requestId, request: keptOperation(operation), tag, sentAtMs: io.now(), attempt: 0, timerId };
  channel.counters.sent += 1;
  return { type: 'Pending', requestId };
}

/**
 * An attempt's deadline passed: sends the request again if it has attempts left, else gives up.
 * Returns the completion when the request failed; undefined while it goes on (or for a stale timer).
 */
export function onAttemptTimer<Tag extends ChannelTag, T>(channel: DirectoryChannel<Tag>, timer: AttemptTimer, ctx: ChannelContext<T>): DirectoryCompletion<Tag> | undefined {
  const { io, config } = ctx;
  const pending = ownValue(channel.pending, timer.requestId);
  if (pending === undefined || pending.attempt !== timer.attempt) return undefined;
  const timeouts = attemptTimeoutsMs(pending.request.type);
  const next = pending.attempt + 1;
  if (next < timeouts.length) {
    const request = pending.request;
    assert(request.type !== 'DomainJoin', 'a domain join is sent once: its password is not kept');
    io.send(config.controller, config.network, { ...request, requestId: pending.requestId, requester: io.self } as DirectoryRequest);
    pending.attempt = next;
    pending.timerId = io.setTimer(timeouts[next] ?? 0, ctx.attemptTimer({ requestId: pending.requestId, attempt: next }));
    channel.counters.resent += 1;
    return undefined;
  }
  delete channel.pending[timer.requestId];
  channel.counters.timedOut += 1;
  return completionOf(pending, { ok: false, failure: unreachable(pending.request.type, { controller: config.controller, waitedMs: Math.round(io.now() - pending.sentAtMs) }) });
}

function resultOf<Tag extends ChannelTag>(channel: DirectoryChannel<Tag>, message: DirectoryResponse, ctx: { config: NodeDirectoryConfig; nowMs: number }): DirectoryResult<unknown> {
  switch (message.type) {
    case 'DirectoryRefused':
      return { ok: false, failure: { type: 'Refused', status: message.status, message: message.message } };
    case 'DnsAnswer':
      if (message.rcode === 'NXDOMAIN') return { ok: true, value: { rcode: 'NXDOMAIN', fqdn: message.name } };
      cacheAnswer(channel.dnsCache, { fqdn: message.name, addresses: message.addresses, ttlSeconds: message.ttlSeconds, nowMs: ctx.nowMs });
      return { ok: true, value: { rcode: 'NOERROR', fqdn: message.name, addresses: message.addresses, ttlSeconds: message.ttlSeconds, fromCache: false } };
    case 'TicketGrant':
      cacheTicket(channel.tickets, { ticket: message.ticket, domain: ctx.config.domain, nowMs: ctx.nowMs });
      return { ok: true, value: { ticket: message.ticket, fromCache: false } };
    case 'DomainJoinResult':
      return { ok: true, value: { computerName: message.computerName, domainName: message.domainName, distinguishedName: message.distinguishedName } };
    case 'DnsUpdateResult':
      return { ok: true, value: { name: message.name, addresses: message.addresses } };
    case 'ComputerObjectCreateResult':
      return { ok: true, value: { name: message.name, objectKind: message.objectKind, distinguishedName: message.distinguishedName, sid: message.sid } };
    case 'ComputerObjectChangeResult':
      return { ok: true, value: { name: message.name, change: message.change } };
  }
}

/**
 * Takes a frame from the directory. Returns the completion of the pending request it answers, or
 * undefined when the frame is not an answer this channel waits for (another channel's, a late
 * answer after a time-out, a frame from anyone but the domain controller).
 */
export function onDirectoryFrame<Tag extends ChannelTag, T>(
  channel: DirectoryChannel<Tag>,
  frame: { source: string; message: NodeMessage },
  ctx: ChannelContext<T>,
): DirectoryCompletion<Tag> | undefined {
  const { message } = frame;
  if (frame.source !== ctx.config.controller || !isDirectoryResponse(message)) return undefined;
  const pending = ownValue(channel.pending, message.requestId);
  if (pending === undefined) return undefined;
  const fits = message.type === 'DirectoryRefused' ? message.request === pending.request.type : message.type === expectedAnswer[pending.request.type];
  if (!fits) {
    channel.counters.mismatched += 1;
    return undefined;
  }
  delete channel.pending[message.requestId];
  ctx.io.cancelTimer(pending.timerId);
  channel.counters.answered += 1;
  return completionOf(pending, resultOf(channel, message, { config: ctx.config, nowMs: ctx.io.now() }));
}

/** Stops waiting for a request; its answer, if any comes, will be nobody's. */
export function cancelRequest<Tag extends ChannelTag, T>(channel: DirectoryChannel<Tag>, requestId: string, io: ActorIo<T>): boolean {
  const pending = ownValue(channel.pending, requestId);
  if (pending === undefined) return false;
  io.cancelTimer(pending.timerId);
  delete channel.pending[requestId];
  return true;
}

/** What must hold of a channel after every step. Throws on violation. */
export function checkChannel<Tag extends ChannelTag>(channel: DirectoryChannel<Tag>, self: string): void {
  const pending = Object.values(channel.pending);
  assert(pending.length <= directoryClientLimits.pendingRequestsMax, `${pending.length} directory requests pending, over pendingRequestsMax`);
  for (const request of pending) {
    assert(channel.pending[request.requestId] === request, `pending request ${request.requestId} is filed under another id`);
    assert(request.attempt < attemptTimeoutsMs(request.request.type).length, `${request.request.type} ${request.requestId} is on attempt ${request.attempt}, past its schedule`);
    assert(!('password' in request.request), `${request.request.type} ${request.requestId} keeps a password`);
  }
  for (const ticket of Object.values(channel.tickets)) {
    assert(ticket.client.toLowerCase() === self.toLowerCase(), `the ticket cache of ${self} holds a ticket of "${ticket.client}" for ${ticket.service}`);
  }
  assert(Object.keys(channel.tickets).length <= directoryClientLimits.cachedTicketsMax, 'ticket cache over cachedTicketsMax');
  assert(Object.keys(channel.dnsCache).length <= directoryClientLimits.cachedNamesMax, 'DNS cache over cachedNamesMax');
}
