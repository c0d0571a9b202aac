import test from 'ava';
import { MemoryBlockStore, MemoryDurableStore, Prng, RecordingIo, type ActorInput, type Effect, type NodeMessage } from '@wsfc-lab/protocol';
import { pingerActor, pingerCommands, type FloodOutput, type PingerState, type PingPongOutput } from './pinger-actor.js';

function harness() {
  let nowMs = 0;
  const io = new RecordingIo<never>({ self: 'pinger', incarnation: 0, prng: new Prng(1), now: () => nowMs, store: new MemoryDurableStore(), blocks: new MemoryBlockStore() });
  const state: PingerState = pingerActor.init({ target: 'node01', network: 'Cluster' }, io);
  const step = (input: ActorInput<NodeMessage, never>): Effect[] => {
    pingerActor.step(state, input, io);
    pingerActor.checkInvariants?.(state);
    return io.drain();
  };
  const command = (name: string, parameters: Record<string, unknown>) => step({ type: 'Command', requestId: 'r1', command: { type: 'Cmdlet', name, parameters } });
  const respond = (sequence: number, source = 'node01') =>
    step({ type: 'Frame', source, network: 'Cluster', message: { type: 'HeartbeatResponse', sequence, incarnation: 0, sentAtMs: nowMs } });
  return { state, step, command, respond, advance: (ms: number) => (nowMs += ms) };
}

const sends = (effects: Effect[]) => effects.filter((e) => e.type === 'Send');
const reply = (effects: Effect[]) => effects.find((e) => e.type === 'Reply');

test('a flood keeps a window of requests in flight and replies when every one is answered', (t) => {
  const h = harness();
  const first = sends(h.command(pingerCommands.flood, { requests: 5, window: 2 }));
  t.is(first.length, 2, 'the window is sent at once');
  let next = 3;
  for (let sequence = 1; sequence <= 4; sequence++) {
    const effects = h.respond(sequence);
    t.is(sends(effects).length, next <= 5 ? 1 : 0, `one more request per answer while any are left (after ${sequence})`);
    next++;
    t.is(reply(effects), undefined);
  }
  h.advance(40);
  const done = reply(h.respond(5));
  t.deepEqual(done, { type: 'Reply', requestId: 'r1', reply: { ok: true, output: { requests: 5, responses: 5, elapsedMs: 40 } satisfies FloodOutput } });
  t.is(h.state.run, undefined);
});

test('ping-pong sends one request at a time and reports each round trip', (t) => {
  const h = harness();
  const [request] = sends(h.command(pingerCommands.pingPong, { count: 2 }));
  t.like(request, { destination: 'node01', network: 'Cluster', message: { type: 'HeartbeatRequest', sequence: 1, hearsYou: false } });
  h.advance(3);
  t.is(sends(h.respond(99)).length, 0, 'an answer to another request is not this round trip');
  const [second] = sends(h.respond(1));
  t.like(second, { message: { sequence: 2, hearsYou: true } });
  h.advance(2);
  const done = reply(h.respond(2));
  t.deepEqual(done?.type === 'Reply' ? done.reply : undefined, { ok: true, output: { rttMs: [3, 2] } satisfies PingPongOutput });
});

test('the pinger answers its target\'s heartbeats, ignores strangers and refuses bad commands', (t) => {
  const h = harness();
  const answer = sends(h.step({ type: 'Frame', source: 'node01', network: 'Cluster', message: { type: 'HeartbeatRequest', sequence: 7, incarnation: 0, sentAtMs: 0, hearsYou: false } }));
  t.like(answer[0], { destination: 'node01', message: { type: 'HeartbeatResponse', sequence: 7 } });
  const bad = reply(h.command(pingerCommands.flood, { requests: 0, window: 2 }));
  t.like(bad, { reply: { ok: false, error: { errorId: 'InvalidPingerParameter' } } });
  t.regex(bad?.type === 'Reply' && !bad.reply.ok ? bad.reply.error.message : '', /"requests".*got 0/);
  t.like(reply(h.command('Start-Nothing', {})), { reply: { ok: false, error: { errorId: 'UnknownPingerCommand' } } });
  h.command(pingerCommands.flood, { requests: 3, window: 1 });
  t.is(sends(h.respond(1, 'node02')).length, 0, 'a response from another node is not counted');
  t.like(reply(h.command(pingerCommands.pingPong, { count: 1 })), { reply: { ok: false, error: { errorId: 'PingerBusy' } } });
});
