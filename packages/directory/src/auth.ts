// Who is asking. The requester is the frame's source (the fabric delivers frames with their true
// source); the `requester` field of a request is only a claim, and a claim that differs from the
// source is a forgery. A member is a computer that joined the domain and whose account is enabled.
// The same failure reads differently to each service: the directory says access denied, the DNS
// server refuses the update, the KDC does not know the client.
import type { DirectoryStatus } from '@wsfc-lab/protocol';
import type { ComputerObject, ComputerObjectKind, DirectoryDatabase } from './database.js';
import { allow, deny, type Decision } from './errors.js';
import { computerKey } from './names.js';

export type Service = 'ds' | 'dns' | 'kdc';

export interface Principal {
  key: string;
  object: ComputerObject;
}

/** The refusal for a forged requester, or undefined when the claim matches the frame source. */
export function forgery(requester: string, source: string): Decision<undefined> {
  if (computerKey(requester) === computerKey(source)) return allow(undefined);
  return deny('ERROR_ACCESS_DENIED', `the request says it is from "${requester}" but the frame came from "${source}"`);
}

const unknownStatus: Record<Service, DirectoryStatus> = {
  ds: 'ERROR_ACCESS_DENIED',
  dns: 'DNS_ERROR_RCODE_REFUSED',
  kdc: 'KDC_ERR_C_PRINCIPAL_UNKNOWN',
};

const disabledStatus: Record<Service, DirectoryStatus> = {
  ds: 'ERROR_TRUSTED_RELATIONSHIP_FAILURE',
  dns: 'DNS_ERROR_RCODE_REFUSED',
  kdc: 'KDC_ERR_CLIENT_REVOKED',
};

/** The joined, enabled member computer `source` is, or the refusal `service` gives. */
export function authenticateMember(db: DirectoryDatabase, source: string, service: Service): Decision<Principal> {
  const key = computerKey(source);
  const object = db.computers[key];
  if (object === undefined || !object.joined || object.kind !== 'Computer') {
    return deny(unknownStatus[service], `computer "${source}" is not a member of domain ${db.domain}`);
  }
  if (!object.Enabled) return deny(disabledStatus[service], `the computer account of "${source}" is disabled`);
  return allow({ key, object });
}

/**
 * The account a member acts as (a CNO, or a VCO for DNS), which must exist, be of one of `kinds`
 * and be enabled (events 1685–1688 on the node when not).
 */
export function resolveActingAs(db: DirectoryDatabase, name: string, kinds: readonly ComputerObjectKind[], service: Service): Decision<Principal> {
  const key = computerKey(name);
  const object = db.computers[key];
  const refused = service === 'dns' ? 'DNS_ERROR_RCODE_REFUSED' : undefined;
  if (object === undefined) return deny(refused ?? 'ERROR_DS_NO_SUCH_OBJECT', `no computer object "${name}" in ${db.domain}`);
  if (!kinds.includes(object.kind)) {
    return deny(refused ?? 'ERROR_ACCESS_DENIED', `"${object.Name}" is a ${object.kind}, not a ${kinds.join(' or ')}`);
  }
  if (!object.Enabled) return deny(refused ?? 'ERROR_ACCOUNT_DISABLED', `the computer account "${object.Name}" is disabled`);
  return allow({ key, object });
}
