// Which initiators may log in to a target: its InitiatorIds, in the form the IscsiTarget cmdlets
// take, "IdType:Value" with IdType one of DNSName, IPAddress, IPv6Address, IQN and MACAddress
// (Set-IscsiServerTarget). "IQN:*" admits everyone. A bare name (the lab file's
// `allowedInitiators: [node01]`) names a lab machine.
//
// How the lab matches, since it has no TCP connections to look at: a DNSName matches the machine
// whose host name is its first label (the target resolving the name to the machine it connects
// from); IPAddress/IPv6Address match the portal address the initiator gives in its login; IQN
// matches the initiator name; MACAddress never matches, as the lab has no MAC addresses.
import { storageLimits } from '@wsfc-lab/protocol';

export const initiatorIdKinds = ['DNSName', 'IPAddress', 'IPv6Address', 'IQN', 'MACAddress'] as const;
export type InitiatorIdKind = (typeof initiatorIdKinds)[number];

export type InitiatorId = { kind: InitiatorIdKind; value: string } | { kind: 'Machine'; value: string };

export type ParsedInitiatorId = { ok: true; id: InitiatorId } | { ok: false; why: string };

const machineNamePattern = /^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/;

export function parseInitiatorId(text: string): ParsedInitiatorId {
  if (text.length === 0 || text.length > 255) return { ok: false, why: 'must be 1 to 255 characters' };
  const colon = text.indexOf(':');
  if (colon < 0) {
    return machineNamePattern.test(text)
      ? { ok: true, id: { kind: 'Machine', value: text } }
      : { ok: false, why: `is not of the form IdType:Value (IdType one of ${initiatorIdKinds.join(', ')}) nor a machine name` };
  }
  const kindText = text.slice(0, colon);
  const value = text.slice(colon + 1);
  const kind = initiatorIdKinds.find((k) => k.toLowerCase() === kindText.toLowerCase());
  if (!kind) return { ok: false, why: `has IdType "${kindText}", not one of ${initiatorIdKinds.join(', ')}` };
  if (value.length === 0) return { ok: false, why: 'has an empty value' };
  return { ok: true, id: { kind, value } };
}

export function formatInitiatorId(id: InitiatorId): string {
  return id.kind === 'Machine' ? id.value : `${id.kind}:${id.value}`;
}

/** Parses a list, or says which entry is wrong. */
export function parseInitiatorIds(texts: readonly string[]): { ok: true; ids: InitiatorId[] } | { ok: false; why: string } {
  if (texts.length > storageLimits.initiatorIdsPerTargetMax) {
    return { ok: false, why: `has ${texts.length} entries, over initiatorIdsPerTargetMax ${storageLimits.initiatorIdsPerTargetMax}` };
  }
  const ids: InitiatorId[] = [];
  for (const text of texts) {
    const parsed = parseInitiatorId(text);
    if (!parsed.ok) return { ok: false, why: `entry ${JSON.stringify(text)} ${parsed.why}` };
    ids.push(parsed.id);
  }
  return { ok: true, ids };
}

export interface LoginIdentity {
  /** The IQN the initiator presented. */
  initiatorName: string;
  /** The lab machine the login came from (the frame's source, vouched for by the runtime). */
  node: string;
  /** The initiator portal address the login gave, if any. */
  address?: string | undefined;
}

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function initiatorIdMatches(id: InitiatorId, who: LoginIdentity): boolean {
  switch (id.kind) {
    case 'Machine':
      return sameText(id.value, who.node);
    case 'IQN':
      return id.value === '*' || sameText(id.value, who.initiatorName);
    case 'DNSName':
      return sameText(id.value.split('.')[0] ?? '', who.node);
    case 'IPAddress':
    case 'IPv6Address':
      return who.address !== undefined && sameText(id.value, who.address);
    case 'MACAddress':
      return false;
  }
}

export function initiatorAllowed(ids: readonly InitiatorId[], who: LoginIdentity): boolean {
  return ids.some((id) => initiatorIdMatches(id, who));
}
