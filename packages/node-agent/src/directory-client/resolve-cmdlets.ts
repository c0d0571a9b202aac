// The DnsClient module's cmdlets on a node: Resolve-DnsName (the real output objects, Name, Type,
// TTL, Section and IPAddress; the real errors for NXDOMAIN and for a DNS server that does not
// answer), Clear-DnsClientCache and Register-DnsClient. The lab's one DNS server is the domain
// controller; its zone holds A records only, so a query for another type of an existing name
// returns nothing, as the real one returns no answer of that type.
import type { CommandReply } from '@wsfc-lab/protocol';
import { resolveDnsNameReply } from '@wsfc-lab/directory';
import type { CmdletCall } from '../subsystem.js';
import { clearDnsCache } from './dns-cache.js';
import { clientCmdletErrors } from './errors.js';
import type { CompletionOf } from './operations.js';
import { firstGiven, param } from './params.js';
import { registerNow } from './registration.js';
import { resolveName } from './requests.js';
import { channelContext, type ClientIo, type ClientTag, type DirectoryClientState } from './state.js';

const cmdlet = 'Resolve-DnsName';

/** Microsoft.DnsClient.Commands.RecordType names (those an administrator types). */
const recordTypes = new Set(['A_AAAA', 'A', 'NS', 'MD', 'MF', 'CNAME', 'SOA', 'MB', 'MG', 'MR', 'NULL', 'WKS', 'PTR', 'HINFO', 'MINFO', 'MX', 'TXT', 'RP', 'AFSDB', 'X25', 'ISDN', 'RT', 'AAAA', 'SRV', 'DNAME', 'OPT', 'DS', 'RRSIG', 'NSEC', 'DNSKEY', 'DHCID', 'NSEC3', 'NSEC3PARAM', 'ANY', 'ALL', 'WINS', 'UNKNOWN']);
/** Types whose answer includes A records. */
const aTypes = new Set(['A_AAAA', 'A', 'ANY', 'ALL']);
/** Switches that change nothing in the lab, which has DNS only (no hosts file, LLMNR or NetBIOS to skip). */
const notModelled = ['CacheOnly', 'LlmnrOnly', 'LlmnrNetbiosOnly', 'LlmnrFallback', 'NetbiosFallback', 'QuickTimeout'] as const;

type Checked = { ok: true; name: string; recordType: string } | { ok: false; reply: CommandReply };

function checkCall(state: DirectoryClientState, parameters: Record<string, unknown>): Checked {
  const name = param(parameters, 'Name', 0);
  if (name === undefined || name === null) return { ok: false, reply: { ok: false, error: clientCmdletErrors.missingParameter('Name') } };
  if (typeof name !== 'string' || name.length === 0 || name.length > 255) {
    return { ok: false, reply: { ok: false, error: clientCmdletErrors.badParameter(cmdlet, 'Name', name, 'a DNS name of 1 to 255 characters') } };
  }
  const typeValue = param(parameters, 'Type', 1) ?? 'A_AAAA';
  const recordType = String(typeValue).toUpperCase();
  if (!recordTypes.has(recordType)) return { ok: false, reply: { ok: false, error: clientCmdletErrors.badParameter(cmdlet, 'Type', typeValue, 'a DNS record type (A, AAAA, CNAME, SRV, ...)') } };
  const unmodelled = firstGiven(parameters, notModelled);
  if (unmodelled !== undefined) return { ok: false, reply: { ok: false, error: clientCmdletErrors.notModelled(cmdlet, `-${unmodelled}`) } };
  const server = param(parameters, 'Server');
  const config = state.config;
  if (server !== undefined && config !== undefined) {
    const known = [config.controller, `${config.controller}.${config.domain}`, config.controllerAddress].map((s) => s.toLowerCase());
    if (!known.includes(String(server).toLowerCase())) {
      return { ok: false, reply: { ok: false, error: clientCmdletErrors.badParameter(cmdlet, 'Server', server, `the lab's DNS server (${config.controller}, ${config.controllerAddress})`) } };
    }
  }
  return { ok: true, name, recordType };
}

export function resolveDnsNameCmdlet(state: DirectoryClientState, call: CmdletCall, io: ClientIo): void {
  const checked = checkCall(state, call.parameters);
  if (!checked.ok) return io.reply(call.requestId, checked.reply);
  if (state.config === undefined) return io.reply(call.requestId, { ok: false, error: clientCmdletErrors.noDnsServers(checked.name, state.self) });
  const tag: ClientTag = { type: 'ResolveDnsName', requestId: call.requestId, name: checked.name, recordType: checked.recordType };
  const started = resolveName(state.channel, { name: checked.name }, tag, channelContext(state.config, io));
  if (started.type === 'Completed') finishResolveDnsName(started.completion as CompletionOf<'DnsQuery', ClientTag>, io);
}

/** Answers the Resolve-DnsName call a look-up was for. */
export function finishResolveDnsName(completion: CompletionOf<'DnsQuery', ClientTag>, io: ClientIo): void {
  const { tag, result } = completion;
  if (tag.type !== 'ResolveDnsName') return;
  if (!result.ok) {
    const error = result.failure.type === 'Unreachable' ? clientCmdletErrors.dnsTimeout(tag.name, result.failure) : clientCmdletErrors.dnsFailure(tag.name, result.failure);
    return io.reply(tag.requestId, { ok: false, error });
  }
  const answer = result.value;
  const reply =
    answer.rcode === 'NXDOMAIN'
      ? resolveDnsNameReply(tag.name, { name: answer.fqdn, rcode: 'NXDOMAIN', addresses: [], ttlSeconds: 0 })
      : resolveDnsNameReply(tag.name, { name: answer.fqdn, rcode: 'NOERROR', addresses: answer.addresses, ttlSeconds: answer.ttlSeconds });
  if (reply.ok && !aTypes.has(tag.recordType)) return io.reply(tag.requestId, { ok: true, output: [] });
  io.reply(tag.requestId, reply);
}

export function clearDnsClientCacheCmdlet(state: DirectoryClientState, call: CmdletCall, io: ClientIo): void {
  clearDnsCache(state.channel.dnsCache);
  io.reply(call.requestId, { ok: true, output: null });
}

/** Register-DnsClient: registers the machine's addresses now; the update itself goes on in the background. */
export function registerDnsClientCmdlet(state: DirectoryClientState, call: CmdletCall, io: ClientIo): void {
  registerNow(state, io);
  io.reply(call.requestId, { ok: true, output: null });
}
