// What a node asks the directory, and what comes back, as data. A request is a wire request
// without its envelope (requestId, requester); a completion names the request, carries the
// caller's tag and either the value or the failure. Callers switch on `completion.type`; there are
// no callbacks anywhere, so a channel's state is plain data that survives Inspect and msgpack.
import type { DirectoryRequest, DirectoryRequestType, DirectoryStatus, Ticket } from '@wsfc-lab/protocol';

/** A caller's note of why it asked: plain data only (no functions), kept with the pending request. */
export type ChannelTag = string | number | boolean | null | readonly ChannelTag[] | { readonly [key: string]: ChannelTag };

type Envelope = 'requestId' | 'requester';
type WithoutEnvelope<R> = R extends unknown ? Omit<R, Envelope> : never;

/** A request as the caller states it. */
export type DirectoryOperation = WithoutEnvelope<DirectoryRequest>;
export type OperationOf<K extends DirectoryRequestType> = Extract<DirectoryOperation, { type: K }>;

/** A request as a channel keeps it: a domain join's password is sent once and never kept. */
export type KeptOperation = DirectoryOperation extends infer O ? (O extends { type: 'DomainJoin' } ? Omit<O, 'password'> : O) : never;
export type KeptOperationOf<K extends DirectoryRequestType> = Extract<KeptOperation, { type: K }>;

/** What a name look-up found: NXDOMAIN is an answer, not a failure. */
export type NameResolution =
  | { rcode: 'NOERROR'; fqdn: string; addresses: string[]; ttlSeconds: number; fromCache: boolean }
  | { rcode: 'NXDOMAIN'; fqdn: string };

export interface DirectoryResults {
  DnsQuery: NameResolution;
  TicketRequest: { ticket: Ticket; fromCache: boolean };
  DomainJoin: { computerName: string; domainName: string; distinguishedName: string };
  DnsRegister: { name: string; addresses: string[] };
  DnsDeregister: { name: string; addresses: string[] };
  ComputerObjectCreate: { name: string; objectKind: 'ClusterNameObject' | 'VirtualComputerObject'; distinguishedName: string; sid: string };
  ComputerObjectChange: { name: string; change: 'Enable' | 'Disable' | 'Delete' };
}

/** Why a request did not succeed. `message` is the text the real client shows. */
export type DirectoryFailure =
  /** The directory answered no (a wrong password, a record another computer owns…). */
  | { type: 'Refused'; status: DirectoryStatus; message: string }
  /** Nobody answered within the client's timeout: the directory is down or cut off. */
  | { type: 'Unreachable'; waitedMs: number; message: string }
  /** The request needs a domain member and this machine is not one (yet). */
  | { type: 'NotJoined'; message: string }
  /** The channel already waits for `pendingRequestsMax` requests; this one was not sent. */
  | { type: 'Overloaded'; message: string };

export type DirectoryResult<T> = { ok: true; value: T } | { ok: false; failure: DirectoryFailure };

export type DirectoryCompletion<Tag extends ChannelTag = ChannelTag> = {
  [K in DirectoryRequestType]: { type: K; requestId: string; tag: Tag; request: KeptOperationOf<K>; result: DirectoryResult<DirectoryResults[K]> };
}[DirectoryRequestType];

export type CompletionOf<K extends DirectoryRequestType, Tag extends ChannelTag = ChannelTag> = Extract<DirectoryCompletion<Tag>, { type: K }>;

/** What starting a request gives: its id to wait on, or its completion when it needed no round trip. */
export type Started<Tag extends ChannelTag = ChannelTag> = { type: 'Pending'; requestId: string } | { type: 'Completed'; completion: DirectoryCompletion<Tag> };

/** Drops what a channel must not keep (the join password). */
export function keptOperation(operation: DirectoryOperation): KeptOperation {
  if (operation.type !== 'DomainJoin') return operation;
  const { password: _password, ...kept } = operation;
  return kept;
}
