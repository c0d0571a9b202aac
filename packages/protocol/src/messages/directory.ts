// Messages to and from the AD DS + DNS actor (the domain controller of the lab's domain, facts §14).
// Every request carries a `requestId` that its response echoes, and a `requester`: the computer
// the sender says it is. The directory trusts only the frame's source; a request whose `requester`
// differs from the source is refused as forged. Strings and arrays are bounded here; names are
// checked against the real rules (NetBIOS, DNS labels, IPv4) by the directory, which answers a bad
// value with a refusal rather than dropping the frame.
import { z } from 'zod';

const text = (maxChars: number) => z.string().min(1).max(maxChars);
const requestId = text(64);
/** The computer (its NetBIOS name, as its actor id) that the sender says it is. */
const requester = text(64);
/** A computer object's name; the directory enforces the 15-character NetBIOS rule. */
const computerName = text(63);
const dnsName = text(255);
const ipv4Text = z.string().max(15);
/** A service principal name, `service/host` (e.g. `cifs/node02`). */
const servicePrincipalName = text(256);
const uint = z.number().int().nonnegative();

/** A DNS name holds at most this many A records (one per address). */
export const dnsAddressesPerNameMax = 16;
/** Largest TTL a dynamic update may ask for: 7 days, in seconds. */
export const dnsTtlSecondsMax = 604_800;

/**
 * The statuses a refusal carries: the Win32 / DNS / Kerberos names the real system reports, so a
 * client can show the real text (the directory package's errors.ts has the text for each).
 */
export const directoryStatuses = [
  'ERROR_ACCESS_DENIED',
  'ERROR_INVALID_COMPUTERNAME',
  'ERROR_LOGON_FAILURE',
  'ERROR_ACCOUNT_DISABLED',
  'ERROR_NO_SUCH_DOMAIN',
  'ERROR_TRUSTED_RELATIONSHIP_FAILURE',
  'NERR_UserExists',
  'NERR_SetupAlreadyJoined',
  'ERROR_DS_ADMIN_LIMIT_EXCEEDED',
  'ERROR_DS_NO_SUCH_OBJECT',
  'ERROR_DS_MACHINE_ACCOUNT_QUOTA_EXCEEDED',
  'DNS_ERROR_RCODE_FORMAT_ERROR',
  'DNS_ERROR_RCODE_SERVER_FAILURE',
  'DNS_ERROR_RCODE_REFUSED',
  'DNS_ERROR_RCODE_NOTZONE',
  'KDC_ERR_C_PRINCIPAL_UNKNOWN',
  'KDC_ERR_S_PRINCIPAL_UNKNOWN',
  'KDC_ERR_BADOPTION',
  'KDC_ERR_CLIENT_REVOKED',
  'KDC_ERR_SERVICE_REVOKED',
] as const;
export const DirectoryStatus = z.enum(directoryStatuses);
export type DirectoryStatus = z.infer<typeof DirectoryStatus>;

/** What `Add-Computer -DomainName wsfc.local -Credential WSFC\Administrator` sends for the joining machine. */
export const DomainJoin = z.object({
  type: z.literal('DomainJoin'),
  requestId,
  requester,
  domainName: dnsName,
  /** `WSFC\Administrator`, `Administrator@wsfc.local` or `Administrator`. */
  userName: text(256),
  password: z.string().max(256),
});

export const computerObjectKinds = ['ClusterNameObject', 'VirtualComputerObject'] as const;

/**
 * The cluster creates its cluster name object (CNO) with a member's own account, and each client
 * access point's virtual computer object (VCO) as the CNO (`actingAs` names the CNO) (facts §14).
 */
export const ComputerObjectCreate = z.object({
  type: z.literal('ComputerObjectCreate'),
  requestId,
  requester,
  name: computerName,
  objectKind: z.enum(computerObjectKinds),
  /** The computer account the request is made as: absent for a CNO, the CNO for a VCO. */
  actingAs: computerName.optional(),
});

export const computerObjectChanges = ['Enable', 'Disable', 'Delete'] as const;

/** A member disabling or deleting the CNO, or a CNO (`actingAs`) its VCOs. */
export const ComputerObjectChange = z.object({
  type: z.literal('ComputerObjectChange'),
  requestId,
  requester,
  name: computerName,
  change: z.enum(computerObjectChanges),
  actingAs: computerName.optional(),
});

/**
 * A secure dynamic update: the A records of `name` become `addresses`. The record remembers the
 * account that created it (`actingAs`, or the requester) and refuses updates by any other.
 */
export const DnsRegister = z.object({
  type: z.literal('DnsRegister'),
  requestId,
  requester,
  /** Relative to the zone (`node01`) or fully qualified (`node01.wsfc.local`). */
  name: dnsName,
  addresses: z.array(ipv4Text).min(1).max(dnsAddressesPerNameMax),
  /** Default 1200 s, the DNS client's and the Network Name's HostRecordTTL (facts §14). */
  ttlSeconds: z.number().int().min(0).max(dnsTtlSecondsMax).optional(),
  /** A CNO or VCO the requesting member registers for (a Network Name resource). */
  actingAs: computerName.optional(),
});

/** A secure dynamic update that deletes the A records of `name`. */
export const DnsDeregister = z.object({
  type: z.literal('DnsDeregister'),
  requestId,
  requester,
  name: dnsName,
  actingAs: computerName.optional(),
});

/** A look-up (`Resolve-DnsName name -Type A`). Not authenticated, as DNS queries are not. */
export const DnsQuery = z.object({ type: z.literal('DnsQuery'), requestId, requester, name: dnsName });

/**
 * A service ticket for `service` (`Microsoft Virtual System Migration Service/node02`). With
 * `onBehalfOf` it is constrained delegation (S4U2Proxy): the requester must list the service in
 * its msDS-AllowedToDelegateTo.
 */
export const TicketRequest = z.object({
  type: z.literal('TicketRequest'),
  requestId,
  requester,
  service: servicePrincipalName,
  onBehalfOf: text(256).optional(),
});

/**
 * A service ticket: a stand-in for a Kerberos ticket, signed by the directory, verified offline
 * with `verifyTicket` from @wsfc-lab/directory.
 */
export const Ticket = z.object({
  realm: dnsName,
  client: computerName,
  service: servicePrincipalName,
  onBehalfOf: text(256).optional(),
  issuedAtMs: z.number().nonnegative(),
  expiresAtMs: z.number().nonnegative(),
  nonce: text(64),
  signature: text(64),
});
export type Ticket = z.infer<typeof Ticket>;

export const DomainJoinResult = z.object({
  type: z.literal('DomainJoinResult'),
  requestId,
  computerName,
  domainName: dnsName,
  distinguishedName: text(512),
});

export const ComputerObjectCreateResult = z.object({
  type: z.literal('ComputerObjectCreateResult'),
  requestId,
  name: computerName,
  objectKind: z.enum(computerObjectKinds),
  distinguishedName: text(512),
  sid: text(128),
});

export const ComputerObjectChangeResult = z.object({
  type: z.literal('ComputerObjectChangeResult'),
  requestId,
  name: computerName,
  change: z.enum(computerObjectChanges),
});

/** The outcome of a DnsRegister or DnsDeregister: the name's addresses now (none once deleted). */
export const DnsUpdateResult = z.object({
  type: z.literal('DnsUpdateResult'),
  requestId,
  name: dnsName,
  addresses: z.array(ipv4Text).max(dnsAddressesPerNameMax),
});

/** NXDOMAIN ("DNS name does not exist") is an answer, not a refusal. */
export const DnsAnswer = z.object({
  type: z.literal('DnsAnswer'),
  requestId,
  name: dnsName,
  rcode: z.enum(['NOERROR', 'NXDOMAIN']),
  addresses: z.array(ipv4Text).max(dnsAddressesPerNameMax),
  ttlSeconds: uint,
});

export const TicketGrant = z.object({ type: z.literal('TicketGrant'), requestId, ticket: Ticket });

export const directoryRequestTypes = [
  'DomainJoin',
  'ComputerObjectCreate',
  'ComputerObjectChange',
  'DnsRegister',
  'DnsDeregister',
  'DnsQuery',
  'TicketRequest',
] as const;

/** Any request the directory refused, with the real status and its text. */
export const DirectoryRefused = z.object({
  type: z.literal('DirectoryRefused'),
  requestId,
  request: z.enum(directoryRequestTypes),
  status: DirectoryStatus,
  message: text(1024),
});

/** What the directory accepts. */
export const directoryRequests = [
  DomainJoin,
  ComputerObjectCreate,
  ComputerObjectChange,
  DnsRegister,
  DnsDeregister,
  DnsQuery,
  TicketRequest,
] as const;
/** What the directory sends back (nodes accept these). */
export const directoryResponses = [
  DomainJoinResult,
  ComputerObjectCreateResult,
  ComputerObjectChangeResult,
  DnsUpdateResult,
  DnsAnswer,
  TicketGrant,
  DirectoryRefused,
] as const;

export type DirectoryRequest = z.infer<(typeof directoryRequests)[number]>;
export type DirectoryRequestType = DirectoryRequest['type'];
export type DirectoryResponse = z.infer<(typeof directoryResponses)[number]>;
