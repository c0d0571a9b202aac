// Add-Computer -DomainName wsfc.local -Credential …: joins this machine to the domain. The
// directory decides (a wrong domain, a wrong password, another user: its refusal, in Add-Computer's
// own wording); no answer within the DC locator's time is "The specified domain either does not
// exist or could not be contacted". The join takes effect when the machine restarts, as the real
// cmdlet warns; until then the machine still acts as a workgroup machine.
//
// The credential: PowerShell's PSCredential has a UserName and a Password, and the lab reads
// `-Credential @{ UserName = 'WSFC\Administrator'; Password = '…' }` as one. A bare user name
// makes the real cmdlet prompt for the password, which a scenario cannot answer (NonInteractive).
// Without -Credential the cmdlet runs as the local Administrator of the console, whom the domain
// does not know.
import { directoryUnreachable } from '@wsfc-lab/directory';
import { assert, type CmdletError } from '@wsfc-lab/protocol';
import type { CmdletCall } from '../subsystem.js';
import { saveMembership } from './domain-membership.js';
import { clientCmdletErrors } from './errors.js';
import type { CompletionOf } from './operations.js';
import { firstGiven, hashTable, param, switchOn } from './params.js';
import { joinDomain } from './requests.js';
import { channelContext, type ClientIo, type ClientTag, type DirectoryClientState } from './state.js';

const cmdlet = 'Add-Computer';
const notModelled = ['WorkgroupName', 'NewName', 'OUPath', 'Options', 'UnjoinDomainCredential', 'LocalCredential', 'Restart', 'Unsecure'] as const;

type Credential = { ok: true; userName: string; password: string } | { ok: false; error: CmdletError };

function textEntry(table: Record<string, unknown>, key: string): unknown {
  return Object.entries(table).find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1];
}

export function readCredential(value: unknown, self: string): Credential {
  if (value === undefined || value === null) return { ok: true, userName: `${self}\\Administrator`, password: '' };
  if (typeof value === 'string') return { ok: false, error: clientCmdletErrors.credentialPrompt(value) };
  const table = hashTable(value);
  const userName = table === undefined ? undefined : textEntry(table, 'UserName');
  const password = table === undefined ? undefined : textEntry(table, 'Password');
  if (typeof userName !== 'string' || userName.length === 0 || userName.length > 256 || typeof password !== 'string' || password.length > 256) {
    return { ok: false, error: clientCmdletErrors.badParameter(cmdlet, 'Credential', '…', "a credential: @{ UserName = 'WSFC\\Administrator'; Password = '…' }") };
  }
  return { ok: true, userName, password };
}

function refusalBeforeAsking(state: DirectoryClientState, parameters: Record<string, unknown>): CmdletError | undefined {
  const unmodelled = firstGiven(parameters, notModelled);
  if (unmodelled !== undefined) return clientCmdletErrors.notModelled(cmdlet, `-${unmodelled}`);
  const domainName = param(parameters, 'DomainName', 0);
  if (domainName === undefined || domainName === null) return clientCmdletErrors.missingParameter('DomainName');
  if (typeof domainName !== 'string' || domainName.length === 0 || domainName.length > 255) return clientCmdletErrors.badParameter(cmdlet, 'DomainName', domainName, 'a domain name');
  const { membership } = state;
  if (membership.state === 'Member') return clientCmdletErrors.alreadyInDomain(state.self, membership.domain);
  if (membership.state === 'JoinPending') return clientCmdletErrors.joinPending(state.self, membership.domain);
  if (state.config === undefined) {
    return clientCmdletErrors.joinFailed(state.self, domainName, { type: 'Unreachable', waitedMs: 0, message: `${directoryUnreachable.noSuchDomain} (the lab gave ${state.self} no DNS server)` });
  }
  return undefined;
}

export function addComputerCmdlet(state: DirectoryClientState, call: CmdletCall, io: ClientIo): void {
  const refusal = refusalBeforeAsking(state, call.parameters);
  if (refusal !== undefined) return io.reply(call.requestId, { ok: false, error: refusal });
  const credential = readCredential(param(call.parameters, 'Credential'), state.self);
  if (!credential.ok) return io.reply(call.requestId, { ok: false, error: credential.error });
  const domainName = String(param(call.parameters, 'DomainName', 0));
  const tag: ClientTag = { type: 'AddComputer', requestId: call.requestId, domainName, passThru: switchOn(call.parameters, 'PassThru') };
  assert(state.config !== undefined, 'refusalBeforeAsking answers a machine without a directory');
  const started = joinDomain(state.channel, { domainName, userName: credential.userName, password: credential.password }, tag, channelContext(state.config, io));
  if (started.type === 'Completed') finishAddComputer(state, started.completion as CompletionOf<'DomainJoin', ClientTag>, io);
}

/** The directory answered the join (or nobody did): record it and answer the cmdlet. */
export function finishAddComputer(state: DirectoryClientState, completion: CompletionOf<'DomainJoin', ClientTag>, io: ClientIo): void {
  const { tag, result } = completion;
  if (tag.type !== 'AddComputer') return;
  if (!result.ok) return io.reply(tag.requestId, { ok: false, error: clientCmdletErrors.joinFailed(state.self, tag.domainName, result.failure) });
  state.membership = { state: 'JoinPending', domain: result.value.domainName };
  saveMembership(io.store, state.membership);
  // Without -PassThru the real cmdlet writes only a warning: "The changes will take effect after
  // you restart the computer <name>." With it, a ComputerChangeInfo.
  io.reply(tag.requestId, { ok: true, output: tag.passThru ? [{ HasSucceeded: true, ComputerName: state.self }] : null });
}
