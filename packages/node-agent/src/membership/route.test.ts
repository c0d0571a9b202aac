import test from 'ava';
import { acknowledgeRoute, newRoute, tickRoute } from './route.js';

const fresh = () => newRoute({ peer: 'node02', network: 'Cluster', localAddress: '10.0.1.5', remoteAddress: '10.0.1.10', crossSubnet: false });

test('a route goes down after exactly Threshold unanswered heartbeats in a row', (t) => {
  const route = fresh();
  let nowMs = 0;
  tickRoute(route, { threshold: 10, nowMs, historyLength: 10 });
  acknowledgeRoute(route, { sequence: 1, incarnation: 0, nowMs: 1, historyLength: 10 });
  t.is(route.state, 'Up');
  const downAt: number[] = [];
  for (let tick = 1; tick <= 12; tick++) {
    nowMs += 1000;
    if (tickRoute(route, { threshold: 10, nowMs, historyLength: 10 }).wentDown) downAt.push(tick);
  }
  // Tick 1 sends the request that is never answered; ticks 2..11 count misses 1..10.
  t.deepEqual(downAt, [11]);
  t.is(route.state, 'Down');
});

test('one response resets the miss count and brings a down route back up', (t) => {
  const route = fresh();
  for (let i = 0; i < 6; i++) tickRoute(route, { threshold: 5, nowMs: i * 1000, historyLength: 3 });
  t.is(route.state, 'Down');
  t.is(route.history.length, 3, 'RouteHistoryLength bounds the history');
  const result = acknowledgeRoute(route, { sequence: 6, incarnation: 0, nowMs: 6000, historyLength: 3 });
  t.true(result.wentUp);
  t.is(route.missedHeartbeats, 0);
});

test('stale and future responses are ignored; a new incarnation is reported', (t) => {
  const route = fresh();
  tickRoute(route, { threshold: 5, nowMs: 0, historyLength: 0 });
  tickRoute(route, { threshold: 5, nowMs: 1000, historyLength: 0 });
  t.false(acknowledgeRoute(route, { sequence: 9, incarnation: 0, nowMs: 1001, historyLength: 0 }).wentUp, 'never-sent sequence');
  t.true(acknowledgeRoute(route, { sequence: 2, incarnation: 0, nowMs: 1002, historyLength: 0 }).wentUp);
  t.false(acknowledgeRoute(route, { sequence: 1, incarnation: 0, nowMs: 1003, historyLength: 0 }).wentUp, 'older than the newest');
  tickRoute(route, { threshold: 5, nowMs: 2000, historyLength: 0 });
  t.true(acknowledgeRoute(route, { sequence: 3, incarnation: 1, nowMs: 2001, historyLength: 0 }).peerRestarted);
});
