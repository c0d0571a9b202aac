// The requests a node's services make of the directory, over a channel (channel.ts). Each either
// completes at once (a DNS cache hit, a cached ticket the client may still reuse, a machine that is
// not a member) or goes to the domain controller and completes later through `onDirectoryFrame` or
// `onAttemptTimer`. The cluster service uses these for its own names and accounts: resolving a
// peer, a ticket for a peer's service, and its cluster name object (CNO) and virtual computer
// objects (VCOs) (facts §14).
import type { ChannelContext, DirectoryChannel } from './channel.js';
import { completedAt, startRequest } from './channel.js';
import { cachedAnswer, qualifiedName } from './dns-cache.js';
import { isMember } from './domain-membership.js';
import { notJoined } from './errors.js';
import type { ChannelTag, OperationOf, Started } from './operations.js';
import { usableTicket } from './ticket-cache.js';

/** Resolve a name to its A records: from the DNS client cache while the answer lives, else the DNS server. */
export function resolveName<Tag extends ChannelTag, T>(channel: DirectoryChannel<Tag>, request: { name: string }, tag: Tag, ctx: ChannelContext<T>): Started<Tag> {
  const operation: OperationOf<'DnsQuery'> = { type: 'DnsQuery', name: request.name };
  const hit = cachedAnswer(channel.dnsCache, qualifiedName(request.name, ctx.config.domain), ctx.io.now());
  if (hit !== undefined) {
    const value = { rcode: 'NOERROR' as const, fqdn: hit.entry.fqdn, addresses: [...hit.entry.addresses], ttlSeconds: hit.ttlSeconds, fromCache: true };
    return completedAt(operation, tag, { ok: true, value }, ctx.io.newId());
  }
  return startRequest(channel, operation, tag, ctx);
}

/**
 * A service ticket for `service` (`cifs/node02`; with `onBehalfOf`, constrained delegation): the
 * cached one while the client may reuse it, else a new one from the KDC. Only a domain member has
 * a KDC to ask.
 */
export function requestServiceTicket<Tag extends ChannelTag, T>(
  channel: DirectoryChannel<Tag>,
  request: { service: string; onBehalfOf?: string },
  tag: Tag,
  ctx: ChannelContext<T>,
): Started<Tag> {
  const { io, config } = ctx;
  const operation: OperationOf<'TicketRequest'> = { type: 'TicketRequest', service: request.service, ...(request.onBehalfOf === undefined ? {} : { onBehalfOf: request.onBehalfOf }) };
  if (!isMember(config, io.store)) return completedAt(operation, tag, { ok: false, failure: notJoined(io.self, `a ticket for ${request.service}`) }, io.newId());
  const cached = usableTicket(channel.tickets, { service: request.service, onBehalfOf: request.onBehalfOf, domain: config.domain, nowMs: io.now() });
  if (cached !== undefined) return completedAt(operation, tag, { ok: true, value: { ticket: cached, fromCache: true } }, io.newId());
  return startRequest(channel, operation, tag, ctx);
}

/** Add-Computer: join this machine to `domainName`. The password goes out once and is not kept. */
export function joinDomain<Tag extends ChannelTag, T>(
  channel: DirectoryChannel<Tag>,
  request: { domainName: string; userName: string; password: string },
  tag: Tag,
  ctx: ChannelContext<T>,
): Started<Tag> {
  return startRequest(channel, { type: 'DomainJoin', ...request }, tag, ctx);
}

/** A secure dynamic update: the A records of `name` become `addresses` (as `actingAs`, a CNO or VCO). */
export function registerName<Tag extends ChannelTag, T>(
  channel: DirectoryChannel<Tag>,
  request: { name: string; addresses: string[]; ttlSeconds?: number; actingAs?: string },
  tag: Tag,
  ctx: ChannelContext<T>,
): Started<Tag> {
  return startRequest(channel, { type: 'DnsRegister', ...request }, tag, ctx);
}

/** A secure dynamic update that deletes the A records of `name`. */
export function deregisterName<Tag extends ChannelTag, T>(channel: DirectoryChannel<Tag>, request: { name: string; actingAs?: string }, tag: Tag, ctx: ChannelContext<T>): Started<Tag> {
  return startRequest(channel, { type: 'DnsDeregister', ...request }, tag, ctx);
}

/** New-Cluster's CNO (no `actingAs`) or a client access point's VCO (`actingAs` the CNO). */
export function createComputerObject<Tag extends ChannelTag, T>(
  channel: DirectoryChannel<Tag>,
  request: { name: string; objectKind: 'ClusterNameObject' | 'VirtualComputerObject'; actingAs?: string },
  tag: Tag,
  ctx: ChannelContext<T>,
): Started<Tag> {
  if (!isMember(ctx.config, ctx.io.store)) {
    return completedAt({ type: 'ComputerObjectCreate', ...request }, tag, { ok: false, failure: notJoined(ctx.io.self, `creating computer object ${request.name}`) }, ctx.io.newId());
  }
  return startRequest(channel, { type: 'ComputerObjectCreate', ...request }, tag, ctx);
}

/** Enable, disable or delete a CNO (as a member) or a VCO (`actingAs` its CNO). */
export function changeComputerObject<Tag extends ChannelTag, T>(
  channel: DirectoryChannel<Tag>,
  request: { name: string; change: 'Enable' | 'Disable' | 'Delete'; actingAs?: string },
  tag: Tag,
  ctx: ChannelContext<T>,
): Started<Tag> {
  if (!isMember(ctx.config, ctx.io.store)) {
    return completedAt({ type: 'ComputerObjectChange', ...request }, tag, { ok: false, failure: notJoined(ctx.io.self, `changing computer object ${request.name}`) }, ctx.io.newId());
  }
  return startRequest(channel, { type: 'ComputerObjectChange', ...request }, tag, ctx);
}
