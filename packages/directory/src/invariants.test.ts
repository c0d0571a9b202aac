// checkInvariants catches the states that must never exist.
import test from 'ava';
import { directoryActor } from './directory.js';
import { Harness } from './_harness.js';

const check = (h: Harness) => () => directoryActor.checkInvariants?.(h.state);

test('a healthy directory passes', (t) => {
  t.notThrows(check(new Harness()));
});

test('a DNS record owned by an unknown computer is caught', (t) => {
  const h = new Harness();
  const node = h.state.db.zone['node01'];
  if (node) node.owner = 'ghost';
  t.throws(check(h), { message: /owned by "ghost"/ });
});

test('two objects under one name are caught', (t) => {
  const h = new Harness();
  const node01 = h.state.db.computers['node01'];
  if (node01) h.state.db.computers['node01-copy'] = { ...node01, SID: `${h.state.db.domainSid}-1` };
  t.throws(check(h), { message: /stored under "node01-copy"/ });
});

test('a VCO controlled by something other than a CNO is caught', (t) => {
  const h = new Harness();
  const node02 = h.state.db.computers['node02'];
  if (node02) node02.controlledBy = 'node01';
  t.throws(check(h), { message: /controlled by/ });
});

test('a shared SID, a missing DC account and uncounted refusals are caught', (t) => {
  const sid = new Harness();
  const [a, b] = [sid.state.db.computers['node01'], sid.state.db.computers['node02']];
  if (a && b) b.SID = a.SID;
  t.throws(check(sid), { message: /held by two objects/ });
  const dc = new Harness();
  delete dc.state.db.computers['dc01'];
  t.throws(check(dc), { message: /DC's own account/ });
  const counters = new Harness();
  counters.state.counters.refusals = 1;
  t.throws(check(counters), { message: /counted by status/ });
});

test('the directory sets no timers, so a timer input is a programmer error', (t) => {
  const h = new Harness();
  t.throws(() => directoryActor.step(h.state, { type: 'Timer', timerId: 1, timer: undefined as never }, h.io), { message: /no timers/ });
});
