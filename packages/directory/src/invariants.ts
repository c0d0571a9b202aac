// What must hold of the directory after every step (STYLE 9); `sim` calls this after each one.
// Each failure names the object and the value.
import { assert } from '@wsfc-lab/protocol';
import { administrator, type DirectoryDatabase } from './database.js';
import { directoryLimits } from './limits.js';
import { computerKey, isIpv4 } from './names.js';
import type { DirectoryState } from './state.js';

function checkComputers(db: DirectoryDatabase): void {
  const entries = Object.entries(db.computers);
  assert(entries.length <= directoryLimits.computerObjectsMax, `${entries.length} computer objects, over computerObjectsMax`);
  const sids = new Set<string>();
  for (const [key, object] of entries) {
    assert(computerKey(object.Name) === key, `computer object "${object.Name}" is stored under "${key}": two objects could share one name`);
    assert(!sids.has(object.SID), `SID ${object.SID} of "${object.Name}" is held by two objects`);
    sids.add(object.SID);
    assert(!object.joined || object.kind === 'Computer' || object.kind === 'DomainController', `"${object.Name}" is a joined ${object.kind}`);
    const rid = Number(object.SID.slice(object.SID.lastIndexOf('-') + 1));
    assert(object.SID.startsWith(`${db.domainSid}-`) && rid < db.nextRid, `"${object.Name}" has SID ${object.SID} outside ${db.domainSid} below RID ${db.nextRid}`);
    assert(object.allowedToDelegateTo.length <= directoryLimits.delegationEntriesMax, `"${object.Name}" has ${object.allowedToDelegateTo.length} delegation entries`);
    if (object.controlledBy !== undefined) {
      assert(object.kind === 'VirtualComputerObject', `${object.kind} "${object.Name}" is controlled by "${object.controlledBy}"`);
      assert(db.computers[object.controlledBy]?.kind === 'ClusterNameObject', `VCO "${object.Name}" is controlled by "${object.controlledBy}", which is not a CNO`);
    }
    if (object.createdBy !== administrator) assert(object.createdBy.startsWith(`${db.domainSid}-`), `"${object.Name}" was created by ${object.createdBy}, not a SID of ${db.domainSid}`);
  }
}

function checkZone(db: DirectoryDatabase, dcKey: string): void {
  const names = Object.entries(db.zone);
  assert(names.length <= directoryLimits.dnsNamesMax, `${names.length} DNS names, over dnsNamesMax`);
  for (const [relative, node] of names) {
    assert(node.HostName === relative, `DNS node "${node.HostName}" is stored under "${relative}"`);
    assert(node.owner === dcKey || db.computers[node.owner] !== undefined, `DNS name "${relative}" is owned by "${node.owner}", which is neither a computer object nor the DC`);
    assert(node.addresses.length >= 1 && node.addresses.length <= directoryLimits.dnsAddressesPerNameMax, `DNS name "${relative}" has ${node.addresses.length} addresses`);
    assert(node.addresses.every(isIpv4) && new Set(node.addresses).size === node.addresses.length, `DNS name "${relative}" has addresses [${node.addresses.join(', ')}]`);
  }
}

export function checkDirectoryInvariants(state: DirectoryState): void {
  const { db, config, counters } = state;
  const dcKey = computerKey(config.name);
  assert(db.computers[dcKey]?.kind === 'DomainController', `the DC's own account "${config.name}" is missing or not a DomainController`);
  checkComputers(db);
  checkZone(db, dcKey);
  const byStatus = Object.values(counters.refusalsByStatus).reduce((sum, count) => sum + count, 0);
  assert(byStatus === counters.refusals, `refusals ${counters.refusals} but ${byStatus} counted by status`);
  assert(counters.refusalEventsSuppressed <= counters.refusals, `suppressed ${counters.refusalEventsSuppressed} of ${counters.refusals} refusals`);
}
