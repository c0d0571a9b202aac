// The cmdlets the directory answers, one table (STYLE 2: a table keyed by name, checked by the
// compiler). The parent counts every cmdlet, records every failure as a refusal (counted by
// status and emitted), and writes the database once when a cmdlet changed it.
import type { ActorIo, CommandReply } from '@wsfc-lab/protocol';
import { getAdComputer, newAdComputer, removeAdComputer, setAdComputer } from './ad-cmdlets.js';
import { failed, type CmdletOutcome, type Parameters } from './cmdlet-params.js';
import { administrator, saveDatabase } from './database.js';
import { addDnsServerResourceRecordA, getDnsServerResourceRecord, removeDnsServerResourceRecord, resolveDnsName } from './dns-cmdlets.js';
import { cmdletErrors } from './errors.js';
import { recordRefusal } from './refusals.js';
import type { DirectoryState } from './state.js';

type CmdletHandler = (state: DirectoryState, parameters: Parameters, io: ActorIo<unknown>) => CmdletOutcome;

export const directoryCmdletNames = [
  'Get-ADComputer',
  'New-ADComputer',
  'Set-ADComputer',
  'Remove-ADComputer',
  'Get-DnsServerResourceRecord',
  'Add-DnsServerResourceRecordA',
  'Remove-DnsServerResourceRecord',
  'Resolve-DnsName',
] as const;

type DirectoryCmdletName = (typeof directoryCmdletNames)[number];

const handlers = {
  'Get-ADComputer': getAdComputer,
  'New-ADComputer': newAdComputer,
  'Set-ADComputer': setAdComputer,
  'Remove-ADComputer': removeAdComputer,
  'Get-DnsServerResourceRecord': getDnsServerResourceRecord,
  'Add-DnsServerResourceRecordA': addDnsServerResourceRecordA,
  'Remove-DnsServerResourceRecord': removeDnsServerResourceRecord,
  'Resolve-DnsName': resolveDnsName,
} satisfies Record<DirectoryCmdletName, CmdletHandler>;

function handlerFor(name: string): CmdletHandler | undefined {
  const match = directoryCmdletNames.find((known) => known.toLowerCase() === name.toLowerCase());
  return match === undefined ? undefined : handlers[match];
}

export function runDirectoryCmdlet(state: DirectoryState, name: string, parameters: Parameters, io: ActorIo<unknown>): CommandReply {
  state.counters.cmdlets += 1;
  const handler = handlerFor(name);
  const outcome = handler === undefined ? failed(cmdletErrors.notImplemented(name)) : handler(state, parameters, io);
  if (!outcome.ok) {
    recordRefusal(state, io, { request: name, requester: administrator, status: outcome.failure.status, detail: outcome.failure.error.message });
    return { ok: false, error: outcome.failure.error };
  }
  if (outcome.changed) saveDatabase(state.db, io);
  return { ok: true, output: outcome.output };
}
