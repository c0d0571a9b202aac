// Service tickets: a documented stand-in for Kerberos (STYLE: "where the real product keeps a
// detail secret, the lab picks a documented, simple rule"). A member asks the directory (the KDC)
// for a ticket to another machine's service (`cifs/node02`); the ticket names the client, the
// service, when it was issued and when it expires (10 hours by default, the Kerberos default
// service-ticket lifetime), and carries a signature. The service checks it offline with
// `verifyTicket`, with no round trip to the directory, as a real service decrypts a ticket with its
// own key: so tickets already issued keep working while the directory is down, until they expire.
//
// What the signature proves, and what it does not: it is a keyed hash (hash.ts) over every field,
// keyed with the lab's realm key and the ticket's nonce, which the directory draws from its seeded
// random stream. A ticket whose fields were changed, or which was put together by hand, fails the
// check (KRB_AP_ERR_MODIFIED). It is not cryptographic: code that imports the signer could mint a
// ticket, and only the directory does. The failure texts are the RFC 4120 ones.
import { Ticket as TicketSchema, type Ticket } from '@wsfc-lab/protocol';
import { keyedHash } from './hash.js';
import { parseServicePrincipal } from './names.js';

/** The realm key the signatures are keyed with (see the file comment: a stand-in, not a secret). */
const realmKey = 'wsfc-lab/kdc/realm-key/v1';

/** Kerberos' default maximum clock skew (Default Domain Policy: 5 minutes). */
export const clockSkewMsMax = 5 * 60_000;

export type TicketFields = Omit<Ticket, 'signature'>;

function canonical(fields: TicketFields): string {
  return JSON.stringify([fields.realm, fields.client, fields.service, fields.onBehalfOf ?? null, fields.issuedAtMs, fields.expiresAtMs, fields.nonce]);
}

/** Signs a ticket. Only the directory calls this; it is not exported from the package. */
export function signTicket(fields: TicketFields): Ticket {
  const signature = keyedHash(`${realmKey}/${fields.nonce}`, canonical(fields));
  const ticket: Ticket = { ...fields, signature };
  if (fields.onBehalfOf === undefined) delete ticket.onBehalfOf;
  return ticket;
}

export type TicketVerdictFailure = 'KRB_AP_ERR_MODIFIED' | 'KRB_AP_ERR_NOT_US' | 'KRB_AP_ERR_TKT_NYV' | 'KRB_AP_ERR_TKT_EXPIRED';

export type TicketVerdict =
  | { ok: true; client: string; service: string; onBehalfOf: string | undefined; expiresAtMs: number }
  | { ok: false; reason: TicketVerdictFailure; message: string };

const verdictText: Record<TicketVerdictFailure, string> = {
  KRB_AP_ERR_MODIFIED: 'Message stream modified',
  KRB_AP_ERR_NOT_US: "The ticket isn't for us",
  KRB_AP_ERR_TKT_NYV: 'Ticket not yet valid',
  KRB_AP_ERR_TKT_EXPIRED: 'Ticket expired',
};

const fail = (reason: TicketVerdictFailure, detail: string): TicketVerdict => ({ ok: false, reason, message: `${verdictText[reason]} (${detail})` });

/**
 * Checks a ticket offline: untouched since the directory signed it, for `expectedService`
 * (`service/host`, host short or fully qualified, compared without regard to case), and valid at
 * `nowMs` (not before `issuedAtMs` less the allowed clock skew, and before `expiresAtMs`).
 * Pure: takes anything (a ticket off the wire) and never throws.
 */
export function verifyTicket(ticket: unknown, nowMs: number, expectedService: string): TicketVerdict {
  const parsed = TicketSchema.safeParse(ticket);
  if (!parsed.success) return fail('KRB_AP_ERR_MODIFIED', `not a ticket: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const { signature, ...fields } = parsed.data;
  if (keyedHash(`${realmKey}/${fields.nonce}`, canonical(fields)) !== signature) {
    return fail('KRB_AP_ERR_MODIFIED', `the signature of the ticket for ${fields.service} does not match its fields`);
  }
  const held = parseServicePrincipal(fields.service, fields.realm);
  const wanted = parseServicePrincipal(expectedService, fields.realm);
  if (held === undefined || wanted === undefined || held.canonical !== wanted.canonical) {
    return fail('KRB_AP_ERR_NOT_US', `the ticket is for "${fields.service}", this service is "${expectedService}"`);
  }
  if (nowMs + clockSkewMsMax < fields.issuedAtMs) return fail('KRB_AP_ERR_TKT_NYV', `issued at ${fields.issuedAtMs} ms, now is ${nowMs} ms`);
  if (nowMs >= fields.expiresAtMs) return fail('KRB_AP_ERR_TKT_EXPIRED', `expired at ${fields.expiresAtMs} ms, now is ${nowMs} ms`);
  return { ok: true, client: fields.client, service: fields.service, onBehalfOf: fields.onBehalfOf, expiresAtMs: fields.expiresAtMs };
}
