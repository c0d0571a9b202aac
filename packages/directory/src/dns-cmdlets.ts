// The DnsServer module cmdlets run against the DC (Get-DnsServerResourceRecord,
// Add-DnsServerResourceRecordA, Remove-DnsServerResourceRecord) and Resolve-DnsName run on it.
// Records an administrator adds are static (no timestamp) and owned by the DC's account, so a
// member's dynamic update of them is refused unless they were added with -AllowUpdateAny.
import type { ActorIo, CommandReply } from '@wsfc-lab/protocol';
import { boolParam, done, failed, formatTimeSpan, param, parseTimeToLiveSeconds, stringList, stringParam, switchParam, type CmdletOutcome, type Parameters } from './cmdlet-params.js';
import { directoryDefaults } from './config.js';
import type { DnsNode } from './database.js';
import { lookUp, type DnsLookup } from './dns.js';
import { cmdletErrors } from './errors.js';
import { directoryLimits } from './limits.js';
import { computerKey, domainDn, fqdnOf, isIpv4, zoneName } from './names.js';
import type { DirectoryState } from './state.js';

const hourMs = 3_600_000;

/** One row per A record, as Get-DnsServerResourceRecord shows it. */
export function recordRows(zone: string, node: DnsNode): Record<string, unknown>[] {
  return node.addresses.map((IPv4Address) => ({
    DistinguishedName: `DC=${node.HostName},DC=${zone},cn=MicrosoftDNS,DC=DomainDnsZones,${domainDn(zone)}`,
    HostName: node.HostName,
    RecordClass: 'IN',
    RecordData: { IPv4Address },
    RecordType: 'A',
    /** Simulated ms, rounded down to the hour as DNS aging keeps it; null for a static record. */
    Timestamp: node.timestampMs === undefined ? null : Math.floor(node.timestampMs / hourMs) * hourMs,
    TimeToLive: formatTimeSpan(node.ttlSeconds),
    Type: 1,
  }));
}

type Placed = { ok: true; relative: string } | { ok: false; outcome: CmdletOutcome };

function zoneAndName(cmdlet: string, state: DirectoryState, parameters: Parameters, nameRequired: boolean): Placed & { name?: string } {
  const zone = stringParam(cmdlet, parameters, 'ZoneName', true);
  if (!zone.ok) return { ok: false, outcome: failed(zone.failure) };
  const server = state.config.name;
  if ((zone.value ?? '').toLowerCase().replace(/\.$/, '') !== state.db.domain) {
    return { ok: false, outcome: failed(cmdletErrors.dnsServer(cmdlet, 9601, 'ObjectNotFound', `Failed to get the zone information for ${zone.value} on server ${server}.`)) };
  }
  const name = stringParam(cmdlet, parameters, 'Name', nameRequired);
  if (!name.ok) return { ok: false, outcome: failed(name.failure) };
  if (name.value === undefined) return { ok: true, relative: '' };
  if (name.value === '@') return { ok: true, relative: '@', name: '@' };
  const placed = zoneName(state.db.domain, name.value);
  if (placed.type === 'Invalid') return { ok: false, outcome: failed(cmdletErrors.invalidParameter(cmdlet, 'Name', name.value, `a DNS name: ${placed.problem}`)) };
  if (placed.type === 'OutsideZone') {
    return { ok: false, outcome: failed(cmdletErrors.dnsServer(cmdlet, 9706, 'InvalidArgument', `Failed to find ${name.value} in ${state.db.domain} zone on ${server} server: the name is not in the zone.`)) };
  }
  return { ok: true, relative: placed.relative, name: name.value };
}

const notFound = (cmdlet: string, name: string, state: DirectoryState) =>
  failed(cmdletErrors.dnsServer(cmdlet, 9714, 'ObjectNotFound', `Failed to get ${name} record in ${state.db.domain} zone on ${state.config.name} server.`));

export function getDnsServerResourceRecord(state: DirectoryState, parameters: Parameters): CmdletOutcome {
  const cmdlet = 'Get-DnsServerResourceRecord';
  const placed = zoneAndName(cmdlet, state, parameters, false);
  if (!placed.ok) return placed.outcome;
  const rrType = param(parameters, 'RRType');
  if (rrType !== undefined && String(rrType).toUpperCase() !== 'A') return done([]);
  const zone = state.db.zone;
  if (placed.relative !== '') {
    const node = zone[placed.relative];
    return node === undefined ? notFound(cmdlet, placed.name ?? placed.relative, state) : done(recordRows(state.db.domain, node));
  }
  const names = Object.keys(zone).sort((a, b) => (a === '@' ? -1 : b === '@' ? 1 : a.localeCompare(b)));
  return done(names.flatMap((name) => (zone[name] ? recordRows(state.db.domain, zone[name]) : [])));
}

export function addDnsServerResourceRecordA(state: DirectoryState, parameters: Parameters, io: ActorIo<unknown>): CmdletOutcome {
  const cmdlet = 'Add-DnsServerResourceRecordA';
  const placed = zoneAndName(cmdlet, state, parameters, true);
  if (!placed.ok) return placed.outcome;
  const rawAddresses = param(parameters, 'IPv4Address');
  if (rawAddresses === undefined) return failed(cmdletErrors.missingParameter('IPv4Address'));
  const addresses = stringList(cmdlet, 'IPv4Address', rawAddresses, directoryLimits.dnsAddressesPerNameMax);
  if (!addresses.ok) return failed(addresses.failure);
  const bad = addresses.value.find((address) => !isIpv4(address));
  if (bad !== undefined) return failed(cmdletErrors.invalidParameter(cmdlet, 'IPv4Address', bad, 'an IPv4 address'));
  const ttlValue = param(parameters, 'TimeToLive');
  const ttlSeconds = ttlValue === undefined ? directoryDefaults.staticRecordTtlSeconds : parseTimeToLiveSeconds(ttlValue);
  if (ttlSeconds === undefined) return failed(cmdletErrors.invalidParameter(cmdlet, 'TimeToLive', ttlValue, 'a TimeSpan such as 01:00:00'));
  const allowUpdateAny = boolParam(cmdlet, parameters, 'AllowUpdateAny');
  if (!allowUpdateAny.ok) return failed(allowUpdateAny.failure);
  const { db } = state;
  const existing = db.zone[placed.relative];
  const fqdn = fqdnOf(db.domain, placed.relative);
  const createFailed = (why: string) =>
    failed(cmdletErrors.dnsServer(cmdlet, 9711, 'ResourceExists', `Failed to create resource record ${placed.name} in ${db.domain} zone on server ${state.config.name}: ${why}.`));
  const duplicate = addresses.value.find((address) => existing?.addresses.includes(address));
  if (duplicate !== undefined) return createFailed(`${fqdn} already has an A record for ${duplicate}`);
  const merged = [...(existing?.addresses ?? []), ...new Set(addresses.value)];
  if (merged.length > directoryLimits.dnsAddressesPerNameMax) return createFailed(`over dnsAddressesPerNameMax ${directoryLimits.dnsAddressesPerNameMax}`);
  if (existing === undefined && Object.keys(db.zone).length >= directoryLimits.dnsNamesMax) return createFailed(`the zone holds dnsNamesMax ${directoryLimits.dnsNamesMax} names`);
  const node: DnsNode = existing ?? { HostName: placed.relative, addresses: [], owner: computerKey(state.config.name), allowUpdateAny: false, ttlSeconds, timestampMs: undefined };
  Object.assign(node, { addresses: merged, ttlSeconds, allowUpdateAny: node.allowUpdateAny || allowUpdateAny.value === true });
  db.zone[placed.relative] = node;
  io.emit({ type: 'DnsRecordChanged', name: fqdn, change: existing ? 'Updated' : 'Registered', addresses: merged, by: 'Administrator' });
  return done(switchParam(parameters, 'PassThru') ? recordRows(db.domain, node) : null, true);
}

export function removeDnsServerResourceRecord(state: DirectoryState, parameters: Parameters, io: ActorIo<unknown>): CmdletOutcome {
  const cmdlet = 'Remove-DnsServerResourceRecord';
  const placed = zoneAndName(cmdlet, state, parameters, true);
  if (!placed.ok) return placed.outcome;
  const rrType = stringParam(cmdlet, parameters, 'RRType', true);
  if (!rrType.ok) return failed(rrType.failure);
  if (rrType.value?.toUpperCase() !== 'A') return failed(cmdletErrors.invalidParameter(cmdlet, 'RRType', rrType.value, 'A (the lab keeps A records only)'));
  const recordData = stringParam(cmdlet, parameters, 'RecordData', false);
  if (!recordData.ok) return failed(recordData.failure);
  const { db } = state;
  const node = db.zone[placed.relative];
  const name = placed.name ?? placed.relative;
  if (node === undefined) return notFound(cmdlet, name, state);
  const remaining = recordData.value === undefined ? [] : node.addresses.filter((address) => address !== recordData.value);
  if (remaining.length === node.addresses.length) return notFound(cmdlet, `${name} ${recordData.value}`, state);
  if (remaining.length === 0) delete db.zone[placed.relative];
  else node.addresses = remaining;
  const fqdn = fqdnOf(db.domain, placed.relative);
  io.emit({ type: 'DnsRecordChanged', name: fqdn, change: remaining.length === 0 ? 'Deleted' : 'Updated', addresses: remaining, by: 'Administrator' });
  return done(null, true);
}

/**
 * Resolve-DnsName's reply for a DnsAnswer (the node agent answers the cmdlet with this when the
 * DnsAnswer arrives): one row per address, or "<name> : DNS name does not exist".
 */
export function resolveDnsNameReply(queriedName: string, answer: Pick<DnsLookup, 'rcode' | 'addresses' | 'ttlSeconds'> & { name: string }): CommandReply {
  if (answer.rcode === 'NXDOMAIN') return { ok: false, error: cmdletErrors.dnsNameError(queriedName).error };
  return { ok: true, output: answer.addresses.map((IPAddress) => ({ Name: answer.name, Type: 'A', TTL: answer.ttlSeconds, Section: 'Answer', IPAddress })) };
}

export function resolveDnsName(state: DirectoryState, parameters: Parameters): CmdletOutcome {
  const name = stringParam('Resolve-DnsName', parameters, 'Name', true);
  if (!name.ok) return failed(name.failure);
  const type = param(parameters, 'Type');
  const answer = lookUp(state.db, name.value ?? '');
  state.counters.dnsQueries += 1;
  if (answer.rcode === 'NXDOMAIN') {
    state.counters.dnsNameErrors += 1;
    return failed(cmdletErrors.dnsNameError(name.value ?? ''));
  }
  if (type !== undefined && String(type).toUpperCase() !== 'A') return done([]);
  const reply = resolveDnsNameReply(name.value ?? '', { ...answer, name: answer.fqdn });
  return reply.ok ? done(reply.output) : done([]);
}
