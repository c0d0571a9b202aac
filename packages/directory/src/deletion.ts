// Deleting a computer account. AD keeps what pointed at it: a VCO's ACE for its CNO and a DNS
// record's ACL now name a SID that no longer resolves. The lab shows this as VCOs no longer
// controlled by any CNO and records owned by the DC, so no one but an administrator can change them
// (a rejoined machine with the same name gets a new account and is refused, as in the real world).
import { assert } from '@wsfc-lab/protocol';
import type { DirectoryDatabase } from './database.js';
import { orphanRecords } from './dns.js';

export function deleteComputer(db: DirectoryDatabase, key: string, dcKey: string): void {
  assert(key !== dcKey, `the domain controller's own account "${dcKey}" cannot be deleted`);
  assert(db.computers[key] !== undefined, `no computer object "${key}" to delete`);
  delete db.computers[key];
  for (const object of Object.values(db.computers)) {
    if (object.controlledBy === key) object.controlledBy = undefined;
  }
  orphanRecords(db, key, dcKey);
}
