// Bounds of the directory's own tables (STYLE 7). The wire bounds (addresses per name, TTL) live in
// protocol's messages/directory.ts; these bound what the directory keeps. When a table is full the
// request is refused with the real "limit exceeded" status, counted and emitted; nothing grows.
import { assert, dnsAddressesPerNameMax } from '@wsfc-lab/protocol';

export const directoryLimits = {
  /** Computer objects in the domain (members, the DC, CNOs, VCOs). */
  computerObjectsMax: 1024,
  /** Names in the DNS zone. */
  dnsNamesMax: 2048,
  /** A records per name. */
  dnsAddressesPerNameMax,
  /** Entries in one computer's msDS-AllowedToDelegateTo. */
  delegationEntriesMax: 64,
  /** Refusal events emitted before refusals are only counted (as the runtime does for frames). */
  refusalEventsMax: 1000,
  /** Computer objects one account may be set to create (ms-DS-MachineAccountQuota upper bound). */
  machineAccountQuotaMax: 1024,
} as const;

assert(directoryLimits.dnsNamesMax >= directoryLimits.computerObjectsMax, 'every computer object must fit a DNS name');
assert(directoryLimits.machineAccountQuotaMax <= directoryLimits.computerObjectsMax, 'a quota beyond the table is meaningless');
