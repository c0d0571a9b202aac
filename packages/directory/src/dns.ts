// The AD-integrated DNS zone of the domain, with secure dynamic updates only (the default for an
// AD-integrated zone). A member computer may create any name that does not exist yet and then owns
// it: its account is written into the record's ACL, so later updates by another account are
// refused (DNS_ERROR_RCODE_REFUSED; the node logs 1257 for a Network Name). A Network Name
// registers as its CNO or VCO (`actingAs`), so whichever node brings it online may update it. A
// computer that is not a member cannot update at all. Look-ups are not authenticated; the server is
// authoritative for its zone only and does not recurse, so any other name is NXDOMAIN.
import type { DirectoryDatabase, DnsNode } from './database.js';
import { allow, deny, type Decision } from './errors.js';
import { authenticateMember, resolveActingAs } from './auth.js';
import { directoryLimits } from './limits.js';
import { isIpv4, zoneName } from './names.js';
import type { RequestOf } from './computers.js';

export interface DnsUpdatePlan {
  relative: string;
  fqdn: string;
  /** The key of the account the update is made as: the new record's owner. */
  principal: string;
  existing: DnsNode | undefined;
  /** For a registration: the addresses without duplicates, in the order given. */
  addresses: string[];
}

export function decideDnsUpdate(db: DirectoryDatabase, source: string, message: RequestOf<'DnsRegister'> | RequestOf<'DnsDeregister'>): Decision<DnsUpdatePlan> {
  const member = authenticateMember(db, source, 'dns');
  if (!member.ok) return member;
  let principal = member.value.key;
  if (message.actingAs !== undefined) {
    const account = resolveActingAs(db, message.actingAs, ['ClusterNameObject', 'VirtualComputerObject'], 'dns');
    if (!account.ok) return account;
    principal = account.value.key;
  }
  const placed = zoneName(db.domain, message.name);
  if (placed.type === 'Invalid') return deny('DNS_ERROR_RCODE_FORMAT_ERROR', placed.problem);
  if (placed.type === 'OutsideZone') return deny('DNS_ERROR_RCODE_NOTZONE', `"${placed.fqdn}" is not in zone ${db.domain}`);
  const addresses = message.type === 'DnsRegister' ? [...new Set(message.addresses)] : [];
  const badAddress = addresses.find((address) => !isIpv4(address));
  if (badAddress !== undefined) return deny('DNS_ERROR_RCODE_FORMAT_ERROR', `"${badAddress}" is not an IPv4 address`);
  const existing = db.zone[placed.relative];
  if (existing !== undefined && existing.owner !== principal && !existing.allowUpdateAny) {
    const owner = db.computers[existing.owner]?.Name ?? existing.owner;
    return deny('DNS_ERROR_RCODE_REFUSED', `the A records of ${placed.fqdn} belong to "${owner}", not "${db.computers[principal]?.Name ?? principal}"`);
  }
  if (existing === undefined && message.type === 'DnsRegister' && Object.keys(db.zone).length >= directoryLimits.dnsNamesMax) {
    return deny('DNS_ERROR_RCODE_SERVER_FAILURE', `zone ${db.domain} holds dnsNamesMax ${directoryLimits.dnsNamesMax} names`);
  }
  return allow({ relative: placed.relative, fqdn: placed.fqdn, principal, existing, addresses });
}

export interface DnsLookup {
  fqdn: string;
  rcode: 'NOERROR' | 'NXDOMAIN';
  addresses: string[];
  ttlSeconds: number;
}

/** What the server answers for `name`: its A records, or NXDOMAIN. */
export function lookUp(db: DirectoryDatabase, name: string): DnsLookup {
  const placed = zoneName(db.domain, name);
  if (placed.type !== 'InZone') {
    const fqdn = placed.type === 'OutsideZone' ? placed.fqdn : name.slice(0, 255);
    return { fqdn, rcode: 'NXDOMAIN', addresses: [], ttlSeconds: 0 };
  }
  const node = db.zone[placed.relative];
  if (node === undefined) return { fqdn: placed.fqdn, rcode: 'NXDOMAIN', addresses: [], ttlSeconds: 0 };
  return { fqdn: placed.fqdn, rcode: 'NOERROR', addresses: [...node.addresses], ttlSeconds: node.ttlSeconds };
}

/** Records owned by `key` pass to the DC when `key`'s account is deleted (their ACL names a dead SID). */
export function orphanRecords(db: DirectoryDatabase, key: string, dcKey: string): void {
  for (const node of Object.values(db.zone)) {
    if (node.owner === key) node.owner = dcKey;
  }
}
