// Get-ADComputer's output object, with the real property names. The default set is what
// Get-ADComputer shows without -Properties; -Properties adds the extended ones the lab keeps.
import { administrator, distinguishedName, type ComputerObject } from './database.js';

const extendedProperties = ['Description', 'msDS-AllowedToDelegateTo', 'mS-DS-CreatorSID', 'whenCreated'] as const;

/** `-Properties` as given: `*`, one name or a list (names compared without regard to case). */
export function wantedProperties(value: unknown): Set<string> {
  const names = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((name) => String(name).toLowerCase());
  if (names.includes('*')) return new Set(extendedProperties.map((name) => name.toLowerCase()));
  return new Set(names);
}

export function adComputerOutput(domain: string, object: ComputerObject, wanted: Set<string>): Record<string, unknown> {
  const output: Record<string, unknown> = {
    DistinguishedName: distinguishedName(domain, object),
    DNSHostName: `${object.Name.toLowerCase()}.${domain}`,
    Enabled: object.Enabled,
    Name: object.Name,
    ObjectClass: 'computer',
    ObjectGUID: object.ObjectGUID,
    SamAccountName: `${object.Name.toUpperCase()}$`,
    SID: object.SID,
    UserPrincipalName: null,
  };
  const extended: Record<(typeof extendedProperties)[number], unknown> = {
    Description: object.Description ?? null,
    'msDS-AllowedToDelegateTo': [...object.allowedToDelegateTo],
    'mS-DS-CreatorSID': object.createdBy === administrator ? null : object.createdBy,
    /** Simulated ms since the lab's epoch. */
    whenCreated: object.whenCreatedMs,
  };
  for (const name of extendedProperties) {
    if (wanted.has(name.toLowerCase())) output[name] = extended[name];
  }
  return output;
}
