// The directory's wire requests: one handler per request type. Each checks the forged-requester
// rule first, lets a pure helper decide, and then either refuses (counted, emitted, answered with
// DirectoryRefused; nothing changes) or applies the change, writes the database once, and answers.
import { assertNever, type ActorIo, type DirectoryRequest, type DirectoryRequestType } from '@wsfc-lab/protocol';
import { directoryDefaults } from './config.js';
import { addComputer, administrator, computerAt, distinguishedName, saveDatabase, type ComputerObject } from './database.js';
import { authenticateMember, forgery } from './auth.js';
import { decideChange, decideCreate, decideJoin, type RequestOf } from './computers.js';
import { deleteComputer } from './deletion.js';
import { decideDnsUpdate, lookUp } from './dns.js';
import type { Refusal } from './errors.js';
import { decideTicket } from './kdc.js';
import { computerKey } from './names.js';
import { recordRefusal } from './refusals.js';
import type { DirectoryState } from './state.js';
import { signTicket } from './ticket.js';

/** The description the cluster writes on the accounts it creates. */
export const clusterAccountDescription = 'Failover cluster virtual network name account';

interface RequestContext {
  state: DirectoryState;
  io: ActorIo<unknown>;
  source: string;
  network: string;
  requestId: string;
  request: DirectoryRequestType;
}

function refuse(ctx: RequestContext, refusal: Refusal): void {
  recordRefusal(ctx.state, ctx.io, { request: ctx.request, requester: ctx.source, status: refusal.status, detail: refusal.message });
  const message = refusal.message.length > 1024 ? `${refusal.message.slice(0, 1021)}...` : refusal.message;
  ctx.io.send(ctx.source, ctx.network, { type: 'DirectoryRefused', requestId: ctx.requestId, request: ctx.request, status: refusal.status, message });
}

function onDomainJoin(ctx: RequestContext, message: RequestOf<'DomainJoin'>): void {
  const { db } = ctx.state;
  const decision = decideJoin(ctx.state, ctx.source, message);
  if (!decision.ok) return refuse(ctx, decision.refusal);
  const plan = decision.value;
  const object =
    plan.type === 'Create'
      ? addComputer(db, { Name: plan.Name, kind: 'Computer', Enabled: true, joined: true, createdBy: administrator }, ctx.io)
      : Object.assign(computerAt(db, plan.key), { joined: true, Enabled: true });
  saveDatabase(db, ctx.io);
  const change = plan.type === 'Create' ? 'Created' : 'Joined';
  ctx.io.emit({ type: 'ComputerObjectChanged', name: object.Name, objectKind: 'Computer', change, by: `${administrator} (Add-Computer on ${ctx.source})` });
  ctx.io.send(ctx.source, ctx.network, {
    type: 'DomainJoinResult',
    requestId: ctx.requestId,
    computerName: object.Name,
    domainName: db.domain,
    distinguishedName: distinguishedName(db.domain, object),
  });
}

function onComputerObjectCreate(ctx: RequestContext, message: RequestOf<'ComputerObjectCreate'>): void {
  const { db } = ctx.state;
  const member = authenticateMember(db, ctx.source, 'ds');
  if (!member.ok) return refuse(ctx, member.refusal);
  const decision = decideCreate(ctx.state, member.value, message);
  if (!decision.ok) return refuse(ctx, decision.refusal);
  const plan = decision.value;
  let object: ComputerObject;
  if (plan.type === 'Create') {
    object = addComputer(
      db,
      {
        Name: message.name,
        kind: message.objectKind,
        Enabled: true,
        joined: false,
        createdBy: plan.creator.object.SID,
        Description: clusterAccountDescription,
        ...(plan.controlledBy === undefined ? {} : { controlledBy: plan.controlledBy }),
      },
      ctx.io,
    );
  } else {
    object = Object.assign(computerAt(db, plan.key), { kind: message.objectKind, Enabled: true, controlledBy: plan.controlledBy });
    object.Description ??= clusterAccountDescription;
  }
  saveDatabase(db, ctx.io);
  const by = plan.type === 'Create' ? plan.creator.object.Name : `${member.value.object.Name} (pre-staged)`;
  ctx.io.emit({ type: 'ComputerObjectChanged', name: object.Name, objectKind: object.kind, change: 'Created', by });
  ctx.io.send(ctx.source, ctx.network, {
    type: 'ComputerObjectCreateResult',
    requestId: ctx.requestId,
    name: object.Name,
    objectKind: message.objectKind,
    distinguishedName: distinguishedName(db.domain, object),
    sid: object.SID,
  });
}

function onComputerObjectChange(ctx: RequestContext, message: RequestOf<'ComputerObjectChange'>): void {
  const { db, config } = ctx.state;
  const member = authenticateMember(db, ctx.source, 'ds');
  if (!member.ok) return refuse(ctx, member.refusal);
  const decision = decideChange(db, member.value, message);
  if (!decision.ok) return refuse(ctx, decision.refusal);
  const { key, object } = decision.value;
  const by = message.actingAs ?? member.value.object.Name;
  if (message.change === 'Delete') {
    deleteComputer(db, key, computerKey(config.name));
  } else {
    object.Enabled = message.change === 'Enable';
  }
  saveDatabase(db, ctx.io);
  const change = message.change === 'Delete' ? 'Deleted' : message.change === 'Enable' ? 'Enabled' : 'Disabled';
  ctx.io.emit({ type: 'ComputerObjectChanged', name: object.Name, objectKind: object.kind, change, by });
  ctx.io.send(ctx.source, ctx.network, { type: 'ComputerObjectChangeResult', requestId: ctx.requestId, name: object.Name, change: message.change });
}

function onDnsUpdate(ctx: RequestContext, message: RequestOf<'DnsRegister'> | RequestOf<'DnsDeregister'>): void {
  const { db } = ctx.state;
  const decision = decideDnsUpdate(db, ctx.source, message);
  if (!decision.ok) return refuse(ctx, decision.refusal);
  const plan = decision.value;
  const by = db.computers[plan.principal]?.Name ?? plan.principal;
  if (message.type === 'DnsRegister') {
    const ttlSeconds = message.ttlSeconds ?? directoryDefaults.dynamicRecordTtlSeconds;
    const node = plan.existing ?? { HostName: plan.relative, addresses: [], owner: plan.principal, allowUpdateAny: false, ttlSeconds, timestampMs: undefined };
    const changed = node.addresses.join(',') !== plan.addresses.join(',');
    Object.assign(node, { addresses: plan.addresses, ttlSeconds, timestampMs: ctx.io.now() });
    db.zone[plan.relative] = node;
    saveDatabase(db, ctx.io);
    if (changed) ctx.io.emit({ type: 'DnsRecordChanged', name: plan.fqdn, change: plan.existing ? 'Updated' : 'Registered', addresses: plan.addresses, by });
  } else if (plan.existing !== undefined) {
    delete db.zone[plan.relative];
    saveDatabase(db, ctx.io);
    ctx.io.emit({ type: 'DnsRecordChanged', name: plan.fqdn, change: 'Deleted', addresses: [], by });
  }
  ctx.io.send(ctx.source, ctx.network, { type: 'DnsUpdateResult', requestId: ctx.requestId, name: plan.fqdn, addresses: message.type === 'DnsRegister' ? plan.addresses : [] });
}

function onDnsQuery(ctx: RequestContext, message: RequestOf<'DnsQuery'>): void {
  const counters = ctx.state.counters;
  const answer = lookUp(ctx.state.db, message.name);
  counters.dnsQueries += 1;
  if (answer.rcode === 'NXDOMAIN') counters.dnsNameErrors += 1;
  ctx.io.send(ctx.source, ctx.network, { type: 'DnsAnswer', requestId: ctx.requestId, name: answer.fqdn, rcode: answer.rcode, addresses: answer.addresses, ttlSeconds: answer.ttlSeconds });
}

const nonceOf = (io: ActorIo<unknown>): string =>
  [0, 1, 2, 3].map(() => Math.floor(io.random() * 0x1_0000_0000).toString(16).padStart(8, '0')).join('');

function onTicketRequest(ctx: RequestContext, message: RequestOf<'TicketRequest'>): void {
  const decision = decideTicket(ctx.state, ctx.source, message, ctx.io.now());
  if (!decision.ok) return refuse(ctx, decision.refusal);
  const ticket = signTicket({ ...decision.value, nonce: nonceOf(ctx.io) });
  ctx.state.counters.ticketsGranted += 1;
  ctx.io.send(ctx.source, ctx.network, { type: 'TicketGrant', requestId: ctx.requestId, ticket });
}

export interface RequestFrame {
  source: string;
  network: string;
  message: DirectoryRequest;
}

export function onRequest(state: DirectoryState, frame: RequestFrame, io: ActorIo<unknown>): void {
  const { message } = frame;
  state.counters.requests += 1;
  const ctx: RequestContext = { state, io, source: frame.source, network: frame.network, requestId: message.requestId, request: message.type };
  const claim = forgery(message.requester, frame.source);
  if (!claim.ok) return refuse(ctx, claim.refusal);
  switch (message.type) {
    case 'DomainJoin':
      return onDomainJoin(ctx, message);
    case 'ComputerObjectCreate':
      return onComputerObjectCreate(ctx, message);
    case 'ComputerObjectChange':
      return onComputerObjectChange(ctx, message);
    case 'DnsRegister':
    case 'DnsDeregister':
      return onDnsUpdate(ctx, message);
    case 'DnsQuery':
      return onDnsQuery(ctx, message);
    case 'TicketRequest':
      return onTicketRequest(ctx, message);
    default:
      assertNever(message, 'directory request');
  }
}
