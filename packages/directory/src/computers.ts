// Computer accounts: what a domain join, a cluster creating its CNO and a CNO creating its VCOs may
// do (facts §14). The lab's documented simple rule for the rights the real product takes from
// ACLs on the Computers container:
//  - a join with the domain Administrator's credentials creates the machine's account, or takes
//    over an existing account of a machine that is not joined now;
//  - any member computer may create a cluster name object (the account running New-Cluster has
//    "Create Computer objects"), and may disable, enable or delete a CNO;
//  - only a CNO (a member acting as it) creates VCOs, and only the CNO that created a VCO may
//    disable, enable or delete it;
//  - each creating account may create at most ms-DS-MachineAccountQuota (10) objects;
//  - an account an administrator created disabled (New-ADComputer -Enabled $false) is pre-staged:
//    the cluster takes it over instead of creating one, and it does not count against the quota.
// These helpers decide; the parent applies the change (STYLE 10).
import type { DirectoryRequest } from '@wsfc-lab/protocol';
import type { ResolvedDirectoryConfig } from './config.js';
import { administrator, type ComputerObject, type DirectoryDatabase } from './database.js';
import { allow, deny, type Decision } from './errors.js';
import { directoryLimits } from './limits.js';
import { computerKey, computerNameProblem, netbiosDomainName, normalizeDnsName } from './names.js';
import { resolveActingAs, type Principal } from './auth.js';

export type RequestOf<T extends DirectoryRequest['type']> = Extract<DirectoryRequest, { type: T }>;

export type JoinPlan = { type: 'Create'; Name: string } | { type: 'Reuse'; key: string };

function credentialProblem(config: ResolvedDirectoryConfig, userName: string, password: string): string | undefined {
  let user = userName.trim();
  let domainPart: string | undefined;
  const backslash = user.indexOf('\\');
  const at = user.lastIndexOf('@');
  if (backslash >= 0) [domainPart, user] = [user.slice(0, backslash), user.slice(backslash + 1)];
  else if (at >= 0) [user, domainPart] = [user.slice(0, at), user.slice(at + 1)];
  const refused = `the credential "${userName}" was not accepted by ${config.domain}`;
  if (domainPart !== undefined) {
    const part = normalizeDnsName(domainPart);
    if (part !== config.domain && part.toUpperCase() !== netbiosDomainName(config.domain)) return refused;
  }
  if (user.toLowerCase() !== administrator.toLowerCase()) return refused;
  const passwordOk = config.adminPassword === undefined ? password.length > 0 : password === config.adminPassword;
  return passwordOk ? undefined : refused;
}

const isKnownDomain = (config: ResolvedDirectoryConfig, name: string): boolean =>
  normalizeDnsName(name) === config.domain || name.trim().toUpperCase() === netbiosDomainName(config.domain);

export function decideJoin(state: { config: ResolvedDirectoryConfig; db: DirectoryDatabase }, source: string, message: RequestOf<'DomainJoin'>): Decision<JoinPlan> {
  const { config, db } = state;
  const joining = `Computer '${source}' failed to join domain '${message.domainName}'`;
  if (!isKnownDomain(config, message.domainName)) return deny('ERROR_NO_SUCH_DOMAIN', `${joining}: no domain "${message.domainName}" answers; this lab's domain is ${config.domain}`);
  const credential = credentialProblem(config, message.userName, message.password);
  if (credential !== undefined) return deny('ERROR_LOGON_FAILURE', `${joining}: ${credential}`);
  const nameProblem = computerNameProblem(source);
  if (nameProblem !== undefined) return deny('ERROR_INVALID_COMPUTERNAME', `${joining}: ${nameProblem}`);
  const key = computerKey(source);
  const existing = db.computers[key];
  if (existing === undefined) {
    if (Object.keys(db.computers).length >= directoryLimits.computerObjectsMax) {
      return deny('ERROR_DS_ADMIN_LIMIT_EXCEEDED', `${joining}: the domain holds computerObjectsMax ${directoryLimits.computerObjectsMax} objects`);
    }
    return allow({ type: 'Create', Name: source.toUpperCase() });
  }
  if (existing.kind !== 'Computer') return deny('NERR_UserExists', `${joining}: "${existing.Name}" is a ${existing.kind} account`);
  if (existing.joined && existing.Enabled) {
    return deny('NERR_SetupAlreadyJoined', `Cannot add computer '${source}' to domain '${config.domain}' because it is already in that domain.`);
  }
  return allow({ type: 'Reuse', key });
}

export type CreatePlan =
  | { type: 'Create'; creator: Principal; controlledBy: string | undefined }
  | { type: 'ClaimPrestaged'; key: string; controlledBy: string | undefined };

export const isPrestaged = (object: ComputerObject): boolean =>
  object.kind === 'Computer' && object.createdBy === administrator && !object.joined && !object.Enabled;

/** Objects `creatorSid` created that still exist (ms-DS-CreatorSID), for the quota. */
export const createdCount = (db: DirectoryDatabase, creatorSid: string): number =>
  Object.values(db.computers).filter((object) => object.createdBy === creatorSid).length;

function creatorFor(db: DirectoryDatabase, member: Principal, message: RequestOf<'ComputerObjectCreate'>): Decision<Principal> {
  if (message.objectKind === 'ClusterNameObject') {
    if (message.actingAs === undefined) return allow(member);
    return deny('ERROR_ACCESS_DENIED', `a cluster name object is created with a member's own account, not as "${message.actingAs}"`);
  }
  if (message.actingAs === undefined) {
    return deny('ERROR_ACCESS_DENIED', `virtual computer object "${message.name}" must be created by its cluster name object (actingAs), not by computer "${member.object.Name}"`);
  }
  return resolveActingAs(db, message.actingAs, ['ClusterNameObject'], 'ds');
}

export function decideCreate(
  state: { config: ResolvedDirectoryConfig; db: DirectoryDatabase },
  member: Principal,
  message: RequestOf<'ComputerObjectCreate'>,
): Decision<CreatePlan> {
  const { config, db } = state;
  const creator = creatorFor(db, member, message);
  if (!creator.ok) return creator;
  const controlledBy = message.objectKind === 'VirtualComputerObject' ? creator.value.key : undefined;
  const nameProblem = computerNameProblem(message.name);
  if (nameProblem !== undefined) return deny('ERROR_INVALID_COMPUTERNAME', nameProblem);
  const key = computerKey(message.name);
  const existing = db.computers[key];
  if (existing !== undefined) {
    if (isPrestaged(existing)) return allow({ type: 'ClaimPrestaged', key, controlledBy });
    return deny('NERR_UserExists', `computer object "${existing.Name}" (${existing.kind}) already exists in ${db.domain}`);
  }
  const used = createdCount(db, creator.value.object.SID);
  if (used >= config.machineAccountQuota) {
    return deny(
      'ERROR_DS_MACHINE_ACCOUNT_QUOTA_EXCEEDED',
      `"${creator.value.object.Name}" has created ${used} computer objects, the ms-DS-MachineAccountQuota of ${config.machineAccountQuota}; pre-stage "${message.name}" instead`,
    );
  }
  if (Object.keys(db.computers).length >= directoryLimits.computerObjectsMax) {
    return deny('ERROR_DS_ADMIN_LIMIT_EXCEEDED', `the domain holds computerObjectsMax ${directoryLimits.computerObjectsMax} objects`);
  }
  return allow({ type: 'Create', creator: creator.value, controlledBy });
}

/** Whether `member` (acting as `actingAs`) may enable, disable or delete `name`. */
export function decideChange(db: DirectoryDatabase, member: Principal, message: RequestOf<'ComputerObjectChange'>): Decision<Principal> {
  const key = computerKey(message.name);
  const target = db.computers[key];
  if (target === undefined) return deny('ERROR_DS_NO_SUCH_OBJECT', `no computer object "${message.name}" in ${db.domain}`);
  if (target.kind === 'ClusterNameObject') {
    if (message.actingAs === undefined) return allow({ key, object: target });
    return deny('ERROR_ACCESS_DENIED', `cluster name object "${target.Name}" is changed with a member's own account, not as "${message.actingAs}"`);
  }
  if (target.kind === 'VirtualComputerObject') {
    if (message.actingAs === undefined) return deny('ERROR_ACCESS_DENIED', `only the cluster name object that controls "${target.Name}" may change it`);
    const cno = resolveActingAs(db, message.actingAs, ['ClusterNameObject'], 'ds');
    if (!cno.ok) return cno;
    if (target.controlledBy !== cno.value.key) {
      return deny('ERROR_ACCESS_DENIED', `"${cno.value.object.Name}" has no Full Control of virtual computer object "${target.Name}"`);
    }
    return allow({ key, object: target });
  }
  return deny('ERROR_ACCESS_DENIED', `only an administrator may change ${target.kind} account "${target.Name}" (computer "${member.object.Name}" asked)`);
}
