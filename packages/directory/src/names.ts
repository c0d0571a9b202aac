// Names as AD DS and DNS check and compare them. Computer names are NetBIOS names (at most 15
// characters, letters, digits and hyphens, not all digits) and compare without regard to case, as
// AD does. DNS names are compared in lower case, relative to the zone ('@' is the zone apex). A
// service principal name is `service/host`; its host is compared as the computer's short name, so
// `cifs/node02` and `cifs/node02.wsfc.local` name the same service (the lab's simple rule: the real
// KDC matches the SPN strings registered on the account, which normally include both forms).

/** NetBIOS computer names are at most 15 characters (the 16th byte is the suffix). */
export const computerNameCharsMax = 15;
const dnsLabelCharsMax = 63;
const dnsNameCharsMax = 253;

/** The key a computer object is stored under: its name in lower case. */
export const computerKey = (name: string): string => name.trim().toLowerCase();

/** Why `name` is not a valid computer name, or undefined when it is. */
export function computerNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name.length > computerNameCharsMax) return `"${name}" is ${name.length} characters, over the NetBIOS limit of ${computerNameCharsMax}`;
  if (!/^[A-Za-z0-9-]+$/.test(name)) return `"${name}" may hold only letters, digits and hyphens`;
  if (/^[0-9]+$/.test(name)) return `"${name}" is all digits`;
  if (name.startsWith('-') || name.endsWith('-')) return `"${name}" starts or ends with a hyphen`;
  return undefined;
}

/** `wsfc.local` → `WSFC`: the domain's NetBIOS name, the lab's rule (its first label, upper case). */
export const netbiosDomainName = (domain: string): string => (domain.split('.')[0] ?? domain).toUpperCase();

/** `wsfc.local` → `DC=wsfc,DC=local`. */
export const domainDn = (domain: string): string =>
  domain
    .split('.')
    .map((label) => `DC=${label}`)
    .join(',');

export const normalizeDnsName = (name: string): string => name.trim().toLowerCase().replace(/\.$/, '');

function dnsLabelsProblem(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name.length > dnsNameCharsMax) return `"${name}" is over ${dnsNameCharsMax} characters`;
  for (const label of name.split('.')) {
    if (label.length === 0 || label.length > dnsLabelCharsMax) return `"${name}" has a label of ${label.length} characters`;
    if (!/^[a-z0-9_-]+$/.test(label)) return `"${name}" has a label "${label}" with characters other than letters, digits, '-' and '_'`;
  }
  return undefined;
}

export type ZoneName =
  | { type: 'InZone'; relative: string; fqdn: string }
  | { type: 'OutsideZone'; fqdn: string }
  | { type: 'Invalid'; problem: string };

/**
 * Places `name` in `zone`: `node01`, `node01.wsfc.local`, `NODE01.WSFC.LOCAL.` are all `node01`,
 * and `wsfc.local` is `@`. A single-label name is taken relative to the zone (the client appends
 * its primary DNS suffix); a dotted name that does not end in the zone is outside it.
 */
export function zoneName(zone: string, name: string): ZoneName {
  const normalized = normalizeDnsName(name);
  const problem = dnsLabelsProblem(normalized);
  if (problem !== undefined) return { type: 'Invalid', problem };
  if (normalized === zone) return { type: 'InZone', relative: '@', fqdn: zone };
  if (normalized.endsWith(`.${zone}`)) {
    return { type: 'InZone', relative: normalized.slice(0, -(zone.length + 1)), fqdn: normalized };
  }
  if (!normalized.includes('.')) return { type: 'InZone', relative: normalized, fqdn: `${normalized}.${zone}` };
  return { type: 'OutsideZone', fqdn: normalized };
}

export const fqdnOf = (zone: string, relative: string): string => (relative === '@' ? zone : `${relative}.${zone}`);

/** True for a dotted-quad IPv4 address with each part 0–255 and no leading zeros. */
export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  return parts.every((part) => /^(0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255);
}

export interface ServicePrincipal {
  /** Lower case, e.g. `microsoft virtual system migration service`. */
  serviceClass: string;
  /** The host's computer key (short name, lower case). */
  host: string;
  /** The canonical form the lab compares: `<class>/<host>`, lower case. */
  canonical: string;
}

/** Parses `service/host` or `service/host.domain`; undefined when malformed or in another domain. */
export function parseServicePrincipal(spn: string, domain: string): ServicePrincipal | undefined {
  const slash = spn.indexOf('/');
  if (slash <= 0 || slash !== spn.lastIndexOf('/')) return undefined;
  const serviceClass = spn.slice(0, slash).trim().toLowerCase();
  const hostText = spn.slice(slash + 1).replace(/:\d+$/, '');
  const placed = zoneName(normalizeDnsName(domain), hostText);
  if (serviceClass.length === 0 || placed.type !== 'InZone' || placed.relative === '@' || placed.relative.includes('.')) return undefined;
  return { serviceClass, host: placed.relative, canonical: `${serviceClass}/${placed.relative}` };
}
