// Every refusal is counted by status and emitted, up to refusalEventsMax events; past that it is
// only counted, so a flood of bad requests cannot flood the log.
import test from 'ava';
import { Harness } from './_harness.js';
import { directoryLimits } from './limits.js';

test('refusal events stop at refusalEventsMax while the counters go on', (t) => {
  const h = new Harness();
  const total = directoryLimits.refusalEventsMax + 5;
  let emitted = 0;
  for (let i = 0; i < total; i++) {
    const { events, sends } = h.frame('node03', { type: 'DnsRegister', requestId: `r${i}`, requester: 'node03', name: 'node03', addresses: ['172.16.1.15'] });
    emitted += events.filter((event) => event.type === 'DirectoryRequestRefused').length;
    t.is(sends[0]?.message.type, 'DirectoryRefused');
  }
  t.is(emitted, directoryLimits.refusalEventsMax);
  t.is(h.state.counters.refusals, total);
  t.is(h.state.counters.refusalsByStatus['DNS_ERROR_RCODE_REFUSED'], total);
  t.is(h.state.counters.refusalEventsSuppressed, 5);
  t.is(h.io.probesHit.get('directory refusal events suppressed'), 5);
});

test('a refusal answers the sender on the network it came in on, echoing the requestId', (t) => {
  const h = new Harness();
  const { effects } = h.frame('node03', { type: 'ComputerObjectCreate', requestId: 'abc', requester: 'node03', name: 'c1', objectKind: 'ClusterNameObject' });
  const send = effects.find((effect) => effect.type === 'Send');
  t.true(send?.type === 'Send' && send.destination === 'node03' && send.network === 'Management');
  t.like(send?.type === 'Send' ? send.message : {}, { type: 'DirectoryRefused', requestId: 'abc', request: 'ComputerObjectCreate', status: 'ERROR_ACCESS_DENIED' });
});
