// What the directory actor is started with: the domain controller of one domain, and the machines
// of the lab as they stand at lab start (as seed 000 leaves them: every node joined to wsfc.local and
// registered in DNS). A machine with `joined: false` has no computer account and no DNS record yet;
// it joins with DomainJoin (Add-Computer). The stored database, once written, wins over this list.

export interface DirectoryMachine {
  /** The machine's computer name, which is also its actor id (e.g. `node01`). */
  name: string;
  /** Its IPv4 address on the management network (the one it registers in DNS). */
  address: string;
  joined: boolean;
}

export interface DirectoryConfig {
  /** The domain controller's computer name and actor id (e.g. `dc01`). */
  name: string;
  /** The DC's IPv4 address (the DNS server the nodes point at; 172.16.1.1 in seed 000). */
  address: string;
  /** The AD DS domain and its DNS zone (e.g. `wsfc.local`). */
  domain: string;
  machines: DirectoryMachine[];
  /**
   * The domain Administrator's password for DomainJoin. When absent the lab does not model the
   * password: any non-empty password of the domain Administrator is accepted.
   */
  adminPassword?: string;
  /** Service-ticket lifetime in ms. Default 10 h (`ticketDefaults.lifetimeMs`). */
  ticketLifetimeMs?: number;
  /** Computer objects one account may create (ms-DS-MachineAccountQuota). Default 10 (facts §14). */
  machineAccountQuota?: number;
  /**
   * A cluster that already exists at lab start (the lab file's `cluster:`): its cluster name object
   * (created by the administrator running New-Cluster) and the virtual computer objects its client
   * access points' roles made through it (facts §14).
   */
  clusterAccounts?: ClusterAccounts[];
}

export interface ClusterAccounts {
  /** The cluster's name: its CNO. */
  cno: string;
  /** The roles' network names: VCOs the CNO created and controls. */
  vcos: string[];
}

export const directoryDefaults = {
  /**
   * Service-ticket lifetime: 10 hours, the Kerberos default of the Default Domain Policy
   * ("Maximum lifetime for service ticket" 600 minutes, "Maximum lifetime for user ticket" 10 hours).
   */
  ticketLifetimeMs: 10 * 3_600_000,
  /** ms-DS-MachineAccountQuota: 10 computer objects per creating account (facts §14, events 1193/1194). */
  machineAccountQuota: 10,
  /** TTL of a dynamically registered A record: 1200 s (DNS client default; HostRecordTTL, facts §14). */
  dynamicRecordTtlSeconds: 1200,
  /** TTL of a record an administrator adds: the zone's default TTL, 1 hour. */
  staticRecordTtlSeconds: 3600,
} as const;

/** The configuration with every default filled in and names normalised. */
export interface ResolvedDirectoryConfig {
  name: string;
  address: string;
  /** Lower case, without a trailing dot. */
  domain: string;
  machines: DirectoryMachine[];
  adminPassword: string | undefined;
  ticketLifetimeMs: number;
  machineAccountQuota: number;
  clusterAccounts: ClusterAccounts[];
}
