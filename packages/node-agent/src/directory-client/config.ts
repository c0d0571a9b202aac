// What a node knows about its domain before it asks anyone: which domain, which domain controller
// (also its DNS server, as seed 000 points every guest's DNS at the host), on which network, and
// whether the machine was joined when the lab started. The client's timing defaults are the real
// Windows ones, each with its source; where Windows keeps a detail to itself the lab picks a simple
// rule and says so.
import { clockSkewMsMax } from '@wsfc-lab/directory';

export interface NodeDirectoryConfig {
  /** The AD DS domain and its DNS zone, e.g. `wsfc.local`; also the node's primary DNS suffix. */
  domain: string;
  /** The domain controller's computer name, which is its actor id (e.g. `dc01`). */
  controller: string;
  /** The DC's IPv4 address: the node's DNS server (172.16.1.1 in seed 000). */
  controllerAddress: string;
  /** The network the node reaches the DC on; the node registers its address on it in DNS. */
  network: string;
  /**
   * Whether the machine is a member of the domain at lab start (the spec: every node is). Once the
   * machine has joined or been started, what it keeps on its disk wins over this value.
   */
  joined: boolean;
}

const secondMs = 1000;
const minuteMs = 60 * secondMs;
const hourMs = 60 * minuteMs;

export const directoryClientDefaults = {
  /**
   * How long the DNS client waits for each attempt of a query to its one DNS server before it sends
   * the query again; after the last it gives up (ERROR_TIMEOUT). With one server Windows queries at
   * 0, 1, 2, 4 and 8 s and stops at 10 s (KB 2834226, "DNS client resolution timeouts").
   */
  dnsQueryAttemptTimeoutsMs: [1 * secondMs, 1 * secondMs, 2 * secondMs, 4 * secondMs, 2 * secondMs] as readonly number[],
  /**
   * KdcWaitTime: how long Kerberos waits for a reply from a KDC, 10 s (KB 837361). The lab has one
   * KDC and the client talks to it over TCP, so a ticket request is one attempt of this length.
   */
  kdcWaitTimeMs: 10 * secondMs,
  /**
   * How long Add-Computer and the cluster's computer-object requests wait to find and reach a DC
   * before ERROR_NO_SUCH_DOMAIN. The DC locator finds the DC through DNS, and the DC is the DNS
   * server, so the lab's rule: the DNS query schedule above, 10 s in all.
   */
  dcLocatorTimeoutMs: 10 * secondMs,
  /**
   * A cached service ticket is reused only while it expires later than now + SkewTime (5 min):
   * "a ticket is considered expired if the expiration time is less than the current time + the
   * SkewTime" (KB 837361). A service still accepts it until it really expires.
   */
  ticketReuseMarginMs: clockSkewMsMax,
  /**
   * The DNS Client registers the machine's A record once its service has started. The lab's rule:
   * one second after the machine starts (the real delay is not documented).
   */
  registrationStartDelayMs: 1 * secondMs,
  /**
   * A machine with a static address registers again every 24 hours even when nothing changed
   * (DefaultRegistrationRefreshInterval 86400 s; Group Policy "Registration refresh interval").
   */
  registrationRefreshIntervalMs: 24 * hourMs,
  /** After a failed registration the lab's DNS Client tries again in 5 minutes (the lab's rule). */
  registrationRetryMs: 5 * minuteMs,
  /** MaxCacheTtl: the DNS client cache keeps a positive answer at most 1 day (86400 s). */
  dnsCacheTtlSecondsMax: 86_400,
} as const;
