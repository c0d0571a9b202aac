// The KDC side of the ticket stand-in (ticket.ts): who may get a ticket for what. The client is a
// member computer; the service's host is a computer object in the domain (the lab's simple rule:
// every computer account serves every service class, as its HOST/ SPN maps `cifs` and Hyper-V
// registers `Microsoft Virtual System Migration Service/<host>`). With `onBehalfOf` the request is
// constrained delegation: the client's msDS-AllowedToDelegateTo must hold that SPN (facts §6.3:
// Kerberos live migration needs `cifs/<host>` and `Microsoft Virtual System Migration
// Service/<host>` there), or the KDC answers KDC_ERR_BADOPTION.
import type { ResolvedDirectoryConfig } from './config.js';
import type { DirectoryDatabase } from './database.js';
import { allow, deny, type Decision } from './errors.js';
import { authenticateMember } from './auth.js';
import { parseServicePrincipal } from './names.js';
import type { RequestOf } from './computers.js';
import type { TicketFields } from './ticket.js';

/** True when `entries` (msDS-AllowedToDelegateTo) holds `spn`, compared as the lab compares SPNs. */
export function delegationAllows(entries: readonly string[], spn: string, domain: string): boolean {
  const wanted = parseServicePrincipal(spn, domain);
  if (wanted === undefined) return false;
  return entries.some((entry) => parseServicePrincipal(entry, domain)?.canonical === wanted.canonical);
}

/** The ticket to issue, without its nonce and signature, or the KDC's refusal. */
export function decideTicket(
  state: { config: ResolvedDirectoryConfig; db: DirectoryDatabase },
  source: string,
  message: RequestOf<'TicketRequest'>,
  nowMs: number,
): Decision<Omit<TicketFields, 'nonce'>> {
  const { config, db } = state;
  const client = authenticateMember(db, source, 'kdc');
  if (!client.ok) return client;
  const spn = parseServicePrincipal(message.service, db.domain);
  if (spn === undefined) return deny('KDC_ERR_S_PRINCIPAL_UNKNOWN', `"${message.service}" is not a service/host name in ${db.domain}`);
  const host = db.computers[spn.host];
  if (host === undefined) return deny('KDC_ERR_S_PRINCIPAL_UNKNOWN', `no computer account "${spn.host}" holds "${message.service}"`);
  if (!host.Enabled) return deny('KDC_ERR_SERVICE_REVOKED', `the computer account "${host.Name}" of "${message.service}" is disabled`);
  if (message.onBehalfOf !== undefined && !delegationAllows(client.value.object.allowedToDelegateTo, message.service, db.domain)) {
    return deny(
      'KDC_ERR_BADOPTION',
      `"${client.value.object.Name}" may not delegate to "${message.service}": it is not in its msDS-AllowedToDelegateTo [${client.value.object.allowedToDelegateTo.join(', ')}]`,
    );
  }
  const fields: Omit<TicketFields, 'nonce'> = {
    realm: db.domain.toUpperCase(),
    client: client.value.object.Name,
    service: message.service,
    issuedAtMs: nowMs,
    expiresAtMs: nowMs + config.ticketLifetimeMs,
  };
  if (message.onBehalfOf !== undefined) fields.onBehalfOf = message.onBehalfOf;
  return allow(fields);
}
