// The Active Directory module cmdlets the lab's administrator runs against the DC:
// Get-ADComputer, New-ADComputer, Set-ADComputer, Remove-ADComputer. The administrator is a domain
// admin, so rights are not checked here; names, duplicates and limits are.
import type { ActorIo } from '@wsfc-lab/protocol';
import { adComputerOutput, wantedProperties } from './ad-output.js';
import { boolParam, done, failed, hashtableParam, param, stringList, stringParam, switchParam, type CmdletOutcome, type Parameters } from './cmdlet-params.js';
import { addComputer, administrator, distinguishedName, type ComputerObject, type DirectoryDatabase } from './database.js';
import { applyDelegationEdit } from './delegation.js';
import { deleteComputer } from './deletion.js';
import { adServerErrors, cmdletErrors } from './errors.js';
import { directoryLimits } from './limits.js';
import { computerKey, computerNameProblem, domainDn } from './names.js';
import type { DirectoryState } from './state.js';

/** Finds a computer by Name, SamAccountName (`NODE01$`), DistinguishedName, SID or ObjectGUID. */
export function findComputer(db: DirectoryDatabase, identity: string): { key: string; object: ComputerObject } | undefined {
  const wanted = identity.trim().toLowerCase();
  const byName = db.computers[computerKey(wanted.replace(/\$$/, ''))];
  if (byName !== undefined) return { key: computerKey(byName.Name), object: byName };
  for (const [key, object] of Object.entries(db.computers)) {
    const ids = [distinguishedName(db.domain, object), object.SID, object.ObjectGUID].map((id) => id.toLowerCase());
    if (ids.includes(wanted)) return { key, object };
  }
  return undefined;
}

function identityOf(cmdlet: string, state: DirectoryState, parameters: Parameters): { ok: true; key: string; object: ComputerObject } | { ok: false; outcome: CmdletOutcome } {
  const identity = stringParam(cmdlet, parameters, 'Identity', true);
  if (!identity.ok) return { ok: false, outcome: failed(identity.failure) };
  const found = findComputer(state.db, identity.value ?? '');
  if (found === undefined) return { ok: false, outcome: failed(cmdletErrors.identityNotFound(cmdlet, identity.value ?? '', domainDn(state.db.domain))) };
  return { ok: true, ...found };
}

const filterPattern = /^\s*Name\s+-(eq|like)\s+(['"])(.*)\2\s*$/i;

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

export function getAdComputer(state: DirectoryState, parameters: Parameters): CmdletOutcome {
  const wanted = wantedProperties(param(parameters, 'Properties'));
  const filter = param(parameters, 'Filter');
  if (filter !== undefined) {
    const text = String(filter).trim();
    const match = filterPattern.exec(text);
    if (text !== '*' && match === null) return failed(cmdletErrors.badFilter(text));
    const test = match === null ? () => true : match[1]?.toLowerCase() === 'eq' ? (name: string) => name.toLowerCase() === (match[3] ?? '').toLowerCase() : (name: string) => globToRegExp(match[3] ?? '').test(name);
    const rows = Object.values(state.db.computers)
      .filter((object) => test(object.Name))
      .map((object) => adComputerOutput(state.db.domain, object, wanted));
    return done(rows);
  }
  const found = identityOf('Get-ADComputer', state, parameters);
  if (!found.ok) return found.outcome;
  return done(adComputerOutput(state.db.domain, found.object, wanted));
}

export function newAdComputer(state: DirectoryState, parameters: Parameters, io: ActorIo<unknown>): CmdletOutcome {
  const cmdlet = 'New-ADComputer';
  const name = stringParam(cmdlet, parameters, 'Name', true);
  if (!name.ok) return failed(name.failure);
  const enabled = boolParam(cmdlet, parameters, 'Enabled');
  if (!enabled.ok) return failed(enabled.failure);
  const description = stringParam(cmdlet, parameters, 'Description', false);
  if (!description.ok) return failed(description.failure);
  const Name = name.value ?? '';
  const problem = computerNameProblem(Name);
  if (problem !== undefined) return failed(cmdletErrors.adServer(cmdlet, adServerErrors.badAccountName.code, adServerErrors.badAccountName.text, problem));
  const { db } = state;
  const existing = db.computers[computerKey(Name)];
  if (existing !== undefined) {
    return failed(cmdletErrors.adServer(cmdlet, adServerErrors.accountExists.code, adServerErrors.accountExists.text, distinguishedName(db.domain, existing)));
  }
  if (Object.keys(db.computers).length >= directoryLimits.computerObjectsMax) {
    return failed(cmdletErrors.adServer(cmdlet, adServerErrors.adminLimit.code, adServerErrors.adminLimit.text, `computerObjectsMax ${directoryLimits.computerObjectsMax}`));
  }
  const object = addComputer(
    db,
    { Name, kind: 'Computer', Enabled: enabled.value ?? true, joined: false, createdBy: administrator, ...(description.value === undefined ? {} : { Description: description.value }) },
    io,
  );
  io.emit({ type: 'ComputerObjectChanged', name: object.Name, objectKind: object.kind, change: 'Created', by: administrator });
  return done(switchParam(parameters, 'PassThru') ? adComputerOutput(db.domain, object, new Set()) : null, true);
}

export function setAdComputer(state: DirectoryState, parameters: Parameters, io: ActorIo<unknown>): CmdletOutcome {
  const cmdlet = 'Set-ADComputer';
  const found = identityOf(cmdlet, state, parameters);
  if (!found.ok) return found.outcome;
  const enabled = boolParam(cmdlet, parameters, 'Enabled');
  if (!enabled.ok) return failed(enabled.failure);
  const description = stringParam(cmdlet, parameters, 'Description', false);
  if (!description.ok) return failed(description.failure);
  const tables = (['Remove', 'Add', 'Replace'] as const).map((name) => hashtableParam(cmdlet, parameters, name));
  const badTable = tables.find((table) => !table.ok);
  if (badTable !== undefined && !badTable.ok) return failed(badTable.failure);
  const [remove, add, replace] = tables.map((table) => (table.ok ? table.value : undefined));
  const clearValue = param(parameters, 'Clear');
  const clear = clearValue === undefined ? { ok: true as const, value: [] } : stringList(cmdlet, 'Clear', clearValue, 16);
  if (!clear.ok) return failed(clear.failure);
  const object = found.object;
  const delegation = applyDelegationEdit(object.allowedToDelegateTo, { remove, add, replace, clear: clear.value }, object.Name);
  if (!delegation.ok) return failed(delegation.failure);
  const delegationChanged = delegation.value.join('\n') !== object.allowedToDelegateTo.join('\n');
  const enabledChanged = enabled.value !== undefined && enabled.value !== object.Enabled;
  object.allowedToDelegateTo = delegation.value;
  if (enabled.value !== undefined) object.Enabled = enabled.value;
  if (description.value !== undefined) object.Description = description.value;
  if (enabledChanged) io.emit({ type: 'ComputerObjectChanged', name: object.Name, objectKind: object.kind, change: object.Enabled ? 'Enabled' : 'Disabled', by: administrator });
  if (delegationChanged) io.emit({ type: 'ComputerObjectChanged', name: object.Name, objectKind: object.kind, change: 'DelegationChanged', by: administrator });
  const output = switchParam(parameters, 'PassThru') ? adComputerOutput(state.db.domain, object, new Set(['msds-allowedtodelegateto'])) : null;
  return done(output, enabledChanged || delegationChanged || description.value !== undefined);
}

export function removeAdComputer(state: DirectoryState, parameters: Parameters, io: ActorIo<unknown>): CmdletOutcome {
  const cmdlet = 'Remove-ADComputer';
  const found = identityOf(cmdlet, state, parameters);
  if (!found.ok) return found.outcome;
  const { object, key } = found;
  if (object.kind === 'DomainController') {
    return failed(cmdletErrors.adServer(cmdlet, adServerErrors.notLeaf.code, adServerErrors.notLeaf.text, `${distinguishedName(state.db.domain, object)} is a domain controller`));
  }
  deleteComputer(state.db, key, computerKey(state.config.name));
  io.emit({ type: 'ComputerObjectChanged', name: object.Name, objectKind: object.kind, change: 'Deleted', by: administrator });
  return done(null, true);
}
