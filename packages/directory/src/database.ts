// The directory database: what AD DS and its AD-integrated DNS zone keep on the DC's disk (the
// NTDS database). It survives a restart of the directory actor: it is written to `io.store` under
// one key, with one put per change, and read back by `init`. Everything else in the actor's state
// (counters) is memory and starts again at zero, as performance counters do.
import { assert, type ActorIo } from '@wsfc-lab/protocol';
import type { ResolvedDirectoryConfig } from './config.js';
import { directoryDefaults } from './config.js';
import { computerKey, domainDn } from './names.js';

export type ComputerObjectKind = 'Computer' | 'DomainController' | 'ClusterNameObject' | 'VirtualComputerObject';

/** Who created an object: the domain Administrator (a join, New-ADComputer), else a computer account's SID. */
export const administrator = 'Administrator';

export interface ComputerObject {
  /** The object's name (CN), e.g. `NODE01`, `wsfc-cluster`. */
  Name: string;
  kind: ComputerObjectKind;
  Enabled: boolean;
  /** A machine joined the domain with this account and holds its password. */
  joined: boolean;
  /** `administrator`, or the SID of the creating computer account (ms-DS-CreatorSID); the quota counts these. */
  createdBy: string;
  /** For a VCO, the key of the CNO that has Full Control of it; otherwise undefined. */
  controlledBy: string | undefined;
  SID: string;
  ObjectGUID: string;
  Description: string | undefined;
  /** msDS-AllowedToDelegateTo: SPNs this computer may delegate to (constrained delegation). */
  allowedToDelegateTo: string[];
  whenCreatedMs: number;
}

export interface DnsNode {
  /** Relative to the zone, lower case; `@` is the apex. */
  HostName: string;
  addresses: string[];
  /** Key of the computer whose account owns the record (the DC's for records an admin added). */
  owner: string;
  /** Added with -AllowUpdateAny: any authenticated computer may update it. */
  allowUpdateAny: boolean;
  ttlSeconds: number;
  /** When a dynamic update last refreshed it (simulated ms); undefined for a static record. */
  timestampMs: number | undefined;
}

export interface DirectoryDatabase {
  version: 1;
  domain: string;
  /** The domain SID, S-1-5-21-x-y-z, drawn from the seeded stream when the domain is created. */
  domainSid: string;
  /** The next relative ID; RIDs of computer accounts start at 1000 with the DC. */
  nextRid: number;
  computers: Record<string, ComputerObject>;
  zone: Record<string, DnsNode>;
}

export const databaseStoreKey = 'directory/ntds';

export const computersDn = (domain: string): string => `CN=Computers,${domainDn(domain)}`;

export function distinguishedName(domain: string, object: Pick<ComputerObject, 'Name' | 'kind'>): string {
  const container = object.kind === 'DomainController' ? `OU=Domain Controllers,${domainDn(domain)}` : computersDn(domain);
  return `CN=${object.Name},${container}`;
}

const hex32 = (io: ActorIo<unknown>): string => Math.floor(io.random() * 0x1_0000_0000).toString(16).padStart(8, '0');

export function newGuid(io: ActorIo<unknown>): string {
  const digits = `${hex32(io)}${hex32(io)}${hex32(io)}${hex32(io)}`;
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20, 32)}`;
}

export interface NewComputerObject {
  Name: string;
  kind: ComputerObjectKind;
  Enabled: boolean;
  joined: boolean;
  createdBy: string;
  controlledBy?: string;
  Description?: string;
}

/** Adds a computer object with a fresh SID and GUID. The caller checks name, capacity and rights. */
export function addComputer(db: DirectoryDatabase, fields: NewComputerObject, io: ActorIo<unknown>): ComputerObject {
  const key = computerKey(fields.Name);
  assert(db.computers[key] === undefined, `computer object "${fields.Name}" already exists`);
  const object: ComputerObject = {
    Name: fields.Name,
    kind: fields.kind,
    Enabled: fields.Enabled,
    joined: fields.joined,
    createdBy: fields.createdBy,
    controlledBy: fields.controlledBy,
    SID: `${db.domainSid}-${db.nextRid}`,
    ObjectGUID: newGuid(io),
    Description: fields.Description,
    allowedToDelegateTo: [],
    whenCreatedMs: io.now(),
  };
  db.nextRid += 1;
  db.computers[key] = object;
  return object;
}

/** The database a new domain starts with: the DC, every joined machine, and their A records. */
export function seedDatabase(config: ResolvedDirectoryConfig, io: ActorIo<unknown>): DirectoryDatabase {
  const subAuthorities = [0, 1, 2].map(() => Math.floor(io.random() * 0x1_0000_0000));
  const db: DirectoryDatabase = {
    version: 1,
    domain: config.domain,
    domainSid: `S-1-5-21-${subAuthorities.join('-')}`,
    nextRid: 1000,
    computers: {},
    zone: {},
  };
  const dcKey = computerKey(config.name);
  addComputer(db, { Name: config.name.toUpperCase(), kind: 'DomainController', Enabled: true, joined: true, createdBy: administrator }, io);
  const dynamic = (HostName: string, address: string, owner: string): DnsNode => ({
    HostName,
    addresses: [address],
    owner,
    allowUpdateAny: false,
    ttlSeconds: HostName === '@' ? directoryDefaults.staticRecordTtlSeconds : directoryDefaults.dynamicRecordTtlSeconds,
    timestampMs: io.now(),
  });
  // The DC's Netlogon registers the domain's own name (@) and the DC's host name.
  db.zone['@'] = dynamic('@', config.address, dcKey);
  db.zone[dcKey] = dynamic(dcKey, config.address, dcKey);
  for (const machine of config.machines) {
    if (!machine.joined) continue;
    const key = computerKey(machine.name);
    addComputer(db, { Name: machine.name.toUpperCase(), kind: 'Computer', Enabled: true, joined: true, createdBy: administrator }, io);
    db.zone[key] = dynamic(key, machine.address, key);
  }
  // A cluster New-Cluster made before the lab started: the CNO (created by the administrator), and
  // the VCOs the CNO created for its roles. Their A records come when their Network Names go online.
  for (const cluster of config.clusterAccounts) {
    const cno = addComputer(db, { Name: cluster.cno, kind: 'ClusterNameObject', Enabled: true, joined: false, createdBy: administrator }, io);
    for (const vco of cluster.vcos) addComputer(db, { Name: vco, kind: 'VirtualComputerObject', Enabled: true, joined: false, createdBy: cno.SID, controlledBy: computerKey(cluster.cno) }, io);
  }
  return db;
}

/** Reads the stored database, if any. A stored database of another domain is a lab error. */
export function loadDatabase(config: ResolvedDirectoryConfig, io: ActorIo<unknown>): DirectoryDatabase | undefined {
  const stored = io.store.get(databaseStoreKey);
  if (stored === undefined) return undefined;
  const db = stored as DirectoryDatabase;
  assert(typeof db === 'object' && db !== null && db.version === 1, `stored directory database has version ${JSON.stringify((db as { version?: unknown } | null)?.version)}, expected 1`);
  assert(db.domain === config.domain, `stored directory database is for domain "${db.domain}", the configuration says "${config.domain}"`);
  return db;
}

/** The one put of a change. */
export function saveDatabase(db: DirectoryDatabase, io: ActorIo<unknown>): void {
  io.store.put(databaseStoreKey, db);
}

/** The object a decision found; its absence here is a programmer error. */
export function computerAt(db: DirectoryDatabase, key: string): ComputerObject {
  const object = db.computers[key];
  assert(object !== undefined, `computer object "${key}" vanished between decision and change`);
  return object;
}
