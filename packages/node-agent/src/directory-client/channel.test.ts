// The channel on its own: what it sends, how long each request waits and how often it is sent,
// what the caller gets when nobody answers, and which answers it takes.
import test from 'ava';
import { MemoryBlockStore, MemoryDurableStore, Prng, RecordingIo, type DirectoryRequest, type DirectoryResponse, type Effect } from '@wsfc-lab/protocol';
import { directoryUnreachable } from '@wsfc-lab/directory';
import { cancelRequest, checkChannel, newChannel, onAttemptTimer, onDirectoryFrame, startRequest, type AttemptTimer, type ChannelContext, type DirectoryChannel } from './channel.js';
import { controller, directoryConfigFor, network } from './_fixtures.js';
import { directoryClientLimits } from './limits.js';
import type { DirectoryCompletion } from './operations.js';
import { createComputerObject, requestServiceTicket } from './requests.js';

type Timer = { owner: 'test' } & AttemptTimer;

function setup(options: { joined?: boolean } = {}) {
  const clock = { nowMs: 0 };
  const store = new MemoryDurableStore();
  const io = new RecordingIo<Timer>({ self: 'node01', incarnation: 0, prng: new Prng(3), now: () => clock.nowMs, store, blocks: new MemoryBlockStore() });
  const ctx: ChannelContext<Timer> = { config: directoryConfigFor(options.joined ?? true), io, attemptTimer: (a) => ({ owner: 'test', ...a }) };
  const channel: DirectoryChannel<string> = newChannel<string>();
  return { clock, io, ctx, channel };
}

const sends = (effects: Effect<Timer>[]) => effects.flatMap((e) => (e.type === 'Send' ? [e] : []));
const timers = (effects: Effect<Timer>[]) => effects.flatMap((e) => (e.type === 'SetTimer' ? [e] : []));

/** Fires each attempt timer in turn until the request completes; returns the completion and the send times. */
function runOutTimers(s: ReturnType<typeof setup>): { completion: DirectoryCompletion<string> | undefined; sentAtMs: number[] } {
  const sentAtMs = [0];
  for (let guard = 0; guard < 10; guard++) {
    const [timer] = timers(s.io.drain());
    if (timer === undefined) break;
    s.clock.nowMs += timer.delayMs;
    s.io.timerFired(timer.timerId);
    const completion = onAttemptTimer(s.channel, timer.timer, s.ctx);
    checkChannel(s.channel, 'node01');
    if (completion !== undefined) return { completion, sentAtMs };
    sentAtMs.push(s.clock.nowMs);
  }
  return { completion: undefined, sentAtMs };
}

test('a request goes to the domain controller on its network, from this machine, and waits for its first attempt', (t) => {
  const s = setup();
  const started = startRequest(s.channel, { type: 'DnsQuery', name: 'node02' }, 'why', s.ctx);
  t.is(started.type, 'Pending');
  const effects = s.io.drain();
  const [send] = sends(effects);
  t.is(send?.destination, controller);
  t.is(send?.network, network);
  t.like(send?.message as DirectoryRequest, { type: 'DnsQuery', name: 'node02', requester: 'node01' });
  t.is(timers(effects)[0]?.delayMs, 1000);
  t.is(Object.keys(s.channel.pending).length, 1);
});

test('a DNS query nobody answers is sent at 0, 1, 2, 4 and 8 s and fails at 10 s with the resolver time-out text', (t) => {
  const s = setup();
  startRequest(s.channel, { type: 'DnsQuery', name: 'node02' }, 'why', s.ctx);
  const { completion, sentAtMs } = runOutTimers(s);
  t.deepEqual(sentAtMs, [0, 1000, 2000, 4000, 8000]);
  t.is(s.channel.counters.resent, 4);
  t.is(completion?.type, 'DnsQuery');
  t.false(completion?.result.ok);
  if (completion?.result.ok === false) {
    t.is(completion.result.failure.type, 'Unreachable');
    t.true(completion.result.failure.message.startsWith(directoryUnreachable.dnsTimeout));
    t.true(completion.result.failure.message.includes('no answer in 10000 ms'));
  }
  t.is(completion?.tag, 'why');
  t.deepEqual(s.channel.pending, {});
});

test('a ticket request nobody answers is one attempt of KdcWaitTime (10 s) and fails with "No authority could be contacted"', (t) => {
  const s = setup();
  const started = requestServiceTicket(s.channel, { service: 'cifs/node02' }, 'ticket', s.ctx);
  t.is(started.type, 'Pending');
  const { completion, sentAtMs } = runOutTimers(s);
  t.deepEqual(sentAtMs, [0]);
  t.is(s.clock.nowMs, 10_000);
  t.true(completion?.result.ok === false && completion.result.failure.message.startsWith('No authority could be contacted for authentication.'));
});

test('a domain join is sent once, keeps no password, and fails after 10 s with "The specified domain either does not exist or could not be contacted."', (t) => {
  const s = setup({ joined: false });
  startRequest(s.channel, { type: 'DomainJoin', domainName: 'wsfc.local', userName: 'WSFC\\Administrator', password: 'P@ssw0rd!' }, 'join', s.ctx);
  const pending = Object.values(s.channel.pending)[0];
  t.false(pending !== undefined && 'password' in pending.request, 'the password is not kept');
  t.false(JSON.stringify(s.channel).includes('P@ssw0rd!'));
  const { completion, sentAtMs } = runOutTimers(s);
  t.deepEqual(sentAtMs, [0]);
  t.true(completion?.result.ok === false && completion.result.failure.message.startsWith('The specified domain either does not exist or could not be contacted.'));
});

test('an answer completes its request once; a late, foreign or mismatched answer is not taken', (t) => {
  const s = setup();
  const started = startRequest(s.channel, { type: 'DnsQuery', name: 'node02' }, 'why', s.ctx);
  if (started.type !== 'Pending') return t.fail();
  const { requestId } = started;
  const answer: DirectoryResponse = { type: 'DnsAnswer', requestId, name: 'node02.wsfc.local', rcode: 'NOERROR', addresses: ['172.16.1.10'], ttlSeconds: 1200 };
  t.is(onDirectoryFrame(s.channel, { source: 'node02', message: answer }, s.ctx), undefined, 'only the domain controller answers');
  const mismatched = { type: 'TicketGrant', requestId, ticket: { realm: 'WSFC.LOCAL', client: 'NODE01', service: 'cifs/node02', issuedAtMs: 0, expiresAtMs: 1, nonce: 'n', signature: 's' } } as const;
  t.is(onDirectoryFrame(s.channel, { source: controller, message: mismatched }, s.ctx), undefined);
  t.is(s.channel.counters.mismatched, 1);
  const completion = onDirectoryFrame(s.channel, { source: controller, message: answer }, s.ctx);
  t.true(completion?.result.ok);
  t.true(s.io.drain().some((e) => e.type === 'CancelTimer'), 'the attempt timer is cancelled');
  t.is(onDirectoryFrame(s.channel, { source: controller, message: answer }, s.ctx), undefined, 'a second copy is nobody’s');
  t.deepEqual(s.channel.dnsCache['node02.wsfc.local']?.addresses, ['172.16.1.10']);
});

test('a refusal completes the request with the directory’s status and text', (t) => {
  const s = setup();
  const started = createComputerObject(s.channel, { name: 'wsfc-cluster', objectKind: 'ClusterNameObject' }, 'cno', s.ctx);
  if (started.type !== 'Pending') return t.fail();
  const completion = onDirectoryFrame(
    s.channel,
    { source: controller, message: { type: 'DirectoryRefused', requestId: started.requestId, request: 'ComputerObjectCreate', status: 'NERR_UserExists', message: 'The account already exists. (x)' } },
    s.ctx,
  );
  t.deepEqual(completion?.result, { ok: false, failure: { type: 'Refused', status: 'NERR_UserExists', message: 'The account already exists. (x)' } });
});

test('a channel waits for at most pendingRequestsMax requests; the next completes at once as Overloaded and is not sent', (t) => {
  const s = setup();
  for (let i = 0; i < directoryClientLimits.pendingRequestsMax; i++) startRequest(s.channel, { type: 'DnsQuery', name: `n${i}` }, 'x', s.ctx);
  s.io.drain();
  const started = startRequest(s.channel, { type: 'DnsQuery', name: 'one-more' }, 'x', s.ctx);
  t.is(started.type, 'Completed');
  t.true(started.type === 'Completed' && !started.completion.result.ok && started.completion.result.failure.type === 'Overloaded');
  t.is(sends(s.io.drain()).length, 0);
  t.is(s.channel.counters.overloaded, 1);
  checkChannel(s.channel, 'node01');
});

test('a cancelled request stops waiting and its answer is nobody’s', (t) => {
  const s = setup();
  const started = startRequest(s.channel, { type: 'DnsQuery', name: 'node02' }, 'x', s.ctx);
  if (started.type !== 'Pending') return t.fail();
  t.true(cancelRequest(s.channel, started.requestId, s.io));
  t.false(cancelRequest(s.channel, started.requestId, s.io));
  const answer: DirectoryResponse = { type: 'DnsAnswer', requestId: started.requestId, name: 'node02.wsfc.local', rcode: 'NXDOMAIN', addresses: [], ttlSeconds: 0 };
  t.is(onDirectoryFrame(s.channel, { source: controller, message: answer }, s.ctx), undefined);
});

test('computer-object requests from a workgroup machine complete at once as NotJoined, without a round trip', (t) => {
  const s = setup({ joined: false });
  const started = createComputerObject(s.channel, { name: 'wsfc-cluster', objectKind: 'ClusterNameObject' }, 'cno', s.ctx);
  t.true(started.type === 'Completed' && !started.completion.result.ok && started.completion.result.failure.type === 'NotJoined');
  t.is(sends(s.io.drain()).length, 0);
});
