// `klist`, the Kerberos ticket tool an administrator runs on a member: `klist` (or `klist tickets`)
// lists the machine's cached service tickets, `klist get cifs/node02` asks for one (from the cache
// while the client may reuse it, else from the KDC), `klist purge` drops them all. It is a lab
// command, not a cmdlet (klist.exe prints text; the lab answers with one row per ticket), and
// its failures carry klist.exe's own wording: with the KDC down, "klist failed with
// 0xc000005e/-1073741730: There are currently no logon servers available to service the logon
// request."
import type { CmdletCall } from '../subsystem.js';
import { clientCmdletErrors } from './errors.js';
import type { CompletionOf, DirectoryFailure } from './operations.js';
import { param } from './params.js';
import { requestServiceTicket } from './requests.js';
import { channelContext, type ClientIo, type ClientTag, type DirectoryClientState } from './state.js';
import { purgeTickets, ticketRows } from './ticket-cache.js';

/** klist.exe's status for a failure: STATUS_NO_LOGON_SERVERS, SEC_E_TARGET_UNKNOWN, else SEC_E_NO_AUTHORITY. */
function klistCode(failure: DirectoryFailure): string {
  if (failure.type === 'Unreachable' || failure.type === 'NotJoined') return '0xc000005e/-1073741730';
  if (failure.type === 'Refused' && failure.status === 'KDC_ERR_S_PRINCIPAL_UNKNOWN') return '0x80090303/-2146893053';
  return '0x80090311/-2146893039';
}

function kdcName(state: DirectoryClientState): string {
  return state.config === undefined ? '' : `${state.config.controller}.${state.config.domain}`;
}

export function klistCommand(state: DirectoryClientState, call: CmdletCall, io: ClientIo): void {
  const action = param(call.parameters, 'Action', 0) ?? 'tickets';
  switch (String(action).toLowerCase()) {
    case 'tickets':
      return io.reply(call.requestId, { ok: true, output: ticketRows(state.channel.tickets, kdcName(state)) });
    case 'purge':
      purgeTickets(state.channel.tickets);
      return io.reply(call.requestId, { ok: true, output: 'Ticket(s) purged!' });
    case 'get':
      return klistGet(state, call, io);
    default:
      return io.reply(call.requestId, { ok: false, error: clientCmdletErrors.klistUsage(action) });
  }
}

function klistGet(state: DirectoryClientState, call: CmdletCall, io: ClientIo): void {
  const service = param(call.parameters, 'Service', 1);
  if (typeof service !== 'string' || service.length === 0 || service.length > 256) return io.reply(call.requestId, { ok: false, error: clientCmdletErrors.klistUsage(['get', service]) });
  if (state.config === undefined) {
    return io.reply(call.requestId, { ok: false, error: clientCmdletErrors.klistFailed('0xc000005e/-1073741730', { type: 'NotJoined', message: `the lab gave ${state.self} no domain` }) });
  }
  const tag: ClientTag = { type: 'KlistGet', requestId: call.requestId, service };
  const started = requestServiceTicket(state.channel, { service }, tag, channelContext(state.config, io));
  if (started.type === 'Completed') finishKlistGet(state, started.completion as CompletionOf<'TicketRequest', ClientTag>, io);
}

export function finishKlistGet(state: DirectoryClientState, completion: CompletionOf<'TicketRequest', ClientTag>, io: ClientIo): void {
  const { tag, result } = completion;
  if (tag.type !== 'KlistGet') return;
  if (!result.ok) return io.reply(tag.requestId, { ok: false, error: clientCmdletErrors.klistFailed(klistCode(result.failure), result.failure) });
  io.reply(tag.requestId, { ok: true, output: ticketRows(state.channel.tickets, kdcName(state)) });
}
