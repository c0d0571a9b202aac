// The validation subsystem on hand-wired nodes (_net-harness.ts): the runner asks each node on every
// shared network and is answered once, pings judge each network's paths, a node that answers nothing
// is unreachable after the facts timeout, one run at a time, and a one-node run goes through the
// loopback alone. The storage tests against the real target are in coordinator lab/validation.test.ts.
import test from 'ava';
import type { CommandReply } from '@wsfc-lab/protocol';
import { ValidationNet } from './_net-harness.js';
import { lastValidationOf } from './subsystem.js';
import { validationTiming } from './timing.js';

const two = ['node01', 'node02'];
const errorOf = (reply: CommandReply | undefined): string => (reply && !reply.ok ? reply.error.message : `not an error: ${JSON.stringify(reply)}`);

function report(net: ValidationNet, node = 'node01') {
  const last = lastValidationOf(net.state(node));
  if (!last) throw new Error(`${node} has no report`);
  return last.report;
}

const outcome = (net: ValidationNet, name: string) => report(net).tests.find((t) => t.name === name);
const warnings = (net: ValidationNet, name: string) => (outcome(net, name)?.details ?? []).flatMap((d) => (d.type === 'Text' && d.severity !== 'Success' ? [d.text] : []));

test('two nodes on two networks: node02 is asked on both, serves once, and every path is reachable, so the network tests succeed', (t) => {
  const net = new ValidationNet(two);
  const reply = net.cmdlet('node01', { Node: 'node01,node02', Include: ['Network', 'Inventory'] });
  t.true(reply?.ok, errorOf(reply));
  const requests = net.sent.filter((f) => f.message.type === 'ValidationFactsRequest');
  t.deepEqual(requests.map((f) => `${f.to}/${f.network}`), ['node02/Management', 'node02/Cluster']);
  t.is(net.sent.filter((f) => f.message.type === 'ValidationFactsResponse').length, 1, 'answered once');
  t.is(net.sent.filter((f) => f.message.type === 'ValidationPing').length, 2 * 2 * validationTiming.pingsPerPath, 'both nodes ping each other on both networks');
  t.is(outcome(net, 'Validate Network Communication')?.result, 'Success');
  t.true(report(net).status.hadUnselectedTests);
});

test('a copy of the facts request arriving late on a slow network is not served again', (t) => {
  const net = new ValidationNet(two);
  net.delayMs = (f) => (f.network === 'Cluster' && f.message.type === 'ValidationFactsRequest' ? 3000 : 0);
  t.true(net.cmdlet('node01', { Node: ['node01', 'node02'], Include: 'Network' })?.ok);
  net.runUntil(() => false, net.nowMs + 5000);
  t.deepEqual(
    net.sent.filter((f) => f.message.type === 'ValidationFactsResponse').map((f) => f.network),
    ['Management'],
  );
  t.is(net.state('node01').counters.messagesUnmatched, 0);
});

test("pings lost on node02's Cluster NIC: that network's paths are unreachable, and the pair is left with one path (a warning)", (t) => {
  const net = new ValidationNet(two);
  net.drop = (f) => f.network === 'Cluster' && (f.from === 'node02' || f.to === 'node02') && f.message.type.startsWith('ValidationPing');
  t.true(net.cmdlet('node01', { Node: ['node01', 'node02'], Include: 'Validate Network Communication' })?.ok);
  const text = warnings(net, 'Validate Network Communication').join('\n');
  t.regex(text, /Network interfaces node01 - Cluster and node02 - Cluster are on the same cluster network, yet address 10\.0\.1\.12 is not reachable from 10\.0\.1\.11 using UDP on port 3343\./);
  t.regex(text, /Node node02 is reachable from Node node01 by only one pair of network interfaces \(network Management\)/);
  t.true(net.nowMs >= validationTiming.pingTimeoutMs, 'unreachable only once the ping timeout passed');
});

test("a node that answers nothing is unreachable after factsReplyTimeoutMs, with WMI's text; the runner is free again", (t) => {
  const net = new ValidationNet(two);
  net.kill('node02');
  const reply = net.cmdlet('node01', { Node: ['node01', 'node02'] });
  t.regex(errorOf(reply), /^Test-Cluster : Unable to connect to node02 via WMI\. {2}This may be due to networking issues or firewall configuration on node02\.\n {4}The RPC server is unavailable\./);
  t.is(net.nowMs, validationTiming.factsReplyTimeoutMs);
  t.is(net.state('node01').run, null);
  t.deepEqual(
    net.events.map((e) => e.event.type),
    ['ValidationStarted', 'ValidationAborted'],
  );
});

test('a second Test-Cluster while one runs is refused, naming the run; names resolve from FQDNs and any case', (t) => {
  const net = new ValidationNet(two);
  net.startCmdlet('node01', { Node: ['NODE01.wsfc.local', 'node02.wsfc.local'] });
  t.deepEqual(net.state('node01').run?.plan.nodes, ['node01', 'node02']);
  const refused = net.cmdlet('node01', { Node: 'node01' }, 0);
  t.is(errorOf(refused), 'Test-Cluster : A validation of node01, node02 is already running on node01. Wait for it to finish, then run Test-Cluster again.');
  net.runUntil(() => net.state('node01').run === null, 60_000);
  t.deepEqual(report(net).nodes.map((n) => n.name), ['node01', 'node02']);
});

test('a one-node run goes through the loopback alone: no frame is sent, the storage tests warn that two servers are needed', (t) => {
  const net = new ValidationNet(two);
  const reply = net.cmdlet('node01', { Node: 'node01' });
  t.true(reply?.ok, errorOf(reply));
  t.deepEqual(net.sent, []);
  t.is(net.nowMs, 0, 'answered at once: nothing to wait for');
  t.regex(warnings(net, 'Validate SCSI-3 Persistent Reservation').join('\n'), /needs at least two servers/);
  t.regex(reply?.ok ? String(reply.output) : '', /Test report file path: C:\\Windows\\Cluster\\Reports\\Validation Report 2024\.02\.07 At 10\.15\.00\.htm/);
});

test('wrong parameters are refused with PowerShell conversion errors; -Pool and an unknown -Cluster with their own texts', (t) => {
  const net = new ValidationNet(two);
  t.is(errorOf(net.cmdlet('node01', { Node: { kind: 'hashTable', entries: {} } })), `Test-Cluster : Cannot process argument transformation on parameter 'Node'. Cannot convert value "{"kind":"hashTable","entries":{}}" to type "System.String[]".`);
  t.is(errorOf(net.cmdlet('node01', { ReportName: ['a', 'b'] })), `Test-Cluster : Cannot process argument transformation on parameter 'ReportName'. Cannot convert value "["a","b"]" to type "System.String".`);
  t.regex(errorOf(net.cmdlet('node01', { Node: 'node01', Include: 'Validate Everything' })), /'Validate Everything' given to -Include is not the name of a validation test or category/);
  t.regex(errorOf(net.cmdlet('node01', { Node: 'node01', Pool: 'Pool1' })), /No storage pool named 'Pool1'/);
  t.regex(errorOf(net.cmdlet('node01', { Cluster: 'other-cluster' })), /^Test-Cluster : Unable to connect to other-cluster via WMI\./);
  t.regex(errorOf(net.cmdlet('node01', {})), /No servers were given to validate/, 'not in a cluster and no -Node');
  t.is(net.state('node01').run, null);
});
