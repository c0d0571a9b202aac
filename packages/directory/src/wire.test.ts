// The directory's messages survive the msgpack codec and the receiver's schema: requests as the
// directory accepts them, responses (with a ticket) as a node accepts them.
import test from 'ava';
import { decodeFrame, decodeMessage, encodeFrame, type ActorKind, type WireMessage } from '@wsfc-lab/protocol';
import { Harness } from './_harness.js';
import { verifyTicket } from './ticket.js';

function roundTrip(kind: ActorKind, message: WireMessage): WireMessage {
  const bytes = encodeFrame({ source: 'node01', destination: kind === 'directory' ? 'dc01' : 'node01', network: 'Management', sequence: 1 }, message);
  const frame = decodeFrame(bytes);
  if (!frame.ok) throw new Error(frame.detail);
  const decoded = decodeMessage(kind, frame.frame);
  if (!decoded.ok) throw new Error(decoded.detail);
  return decoded.message;
}

test('every request type passes the codec and the directory schema', (t) => {
  const requests: WireMessage[] = [
    { type: 'DomainJoin', requestId: 'a', requester: 'node03', domainName: 'wsfc.local', userName: 'WSFC\\Administrator', password: 'x' },
    { type: 'ComputerObjectCreate', requestId: 'b', requester: 'node01', name: 'fs01', objectKind: 'VirtualComputerObject', actingAs: 'wsfc-cluster' },
    { type: 'ComputerObjectChange', requestId: 'c', requester: 'node01', name: 'fs01', change: 'Disable' },
    { type: 'DnsRegister', requestId: 'd', requester: 'node01', name: 'node01', addresses: ['172.16.1.5'], ttlSeconds: 1200 },
    { type: 'DnsDeregister', requestId: 'e', requester: 'node01', name: 'node01' },
    { type: 'DnsQuery', requestId: 'f', requester: 'node01', name: 'node02' },
    { type: 'TicketRequest', requestId: 'g', requester: 'node01', service: 'cifs/node02' },
  ];
  for (const request of requests) t.deepEqual(roundTrip('directory', request), request);
});

test('an over-long or malformed request is rejected by the schema before the directory sees it', (t) => {
  t.throws(() => roundTrip('directory', { type: 'DnsQuery', requestId: 'f', requester: 'node01', name: 'x'.repeat(300) }), { message: /name/ });
  t.throws(() => roundTrip('directory', { type: 'DnsRegister', requestId: 'd', requester: 'node01', name: 'n', addresses: [] }), { message: /addresses/ });
});

test('a granted ticket crosses the wire to a node and still verifies', (t) => {
  const h = new Harness();
  const { sends } = h.frame('node01', { type: 'TicketRequest', requestId: 't', requester: 'node01', service: 'cifs/node02' });
  const grant = sends[0]?.message;
  t.is(grant?.type, 'TicketGrant');
  if (grant?.type !== 'TicketGrant') return;
  const received = roundTrip('node', grant);
  t.deepEqual(received, grant);
  if (received.type === 'TicketGrant') t.true(verifyTicket(received.ticket, 1, 'cifs/node02').ok);
  const refused = h.frame('node03', { type: 'TicketRequest', requestId: 'u', requester: 'node03', service: 'cifs/node02' }).sends[0]?.message;
  if (refused) t.deepEqual(roundTrip('node', refused), refused);
});
