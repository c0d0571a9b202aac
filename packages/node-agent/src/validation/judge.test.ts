import test from 'ava';
import { clusterNetwork, detailText, management, nodeInventory, outcomeOf, reachableEverywhere, seed000Facts, seed000Request, validate } from './_fixtures.js';
import { statusFlags } from './console.js';

test('seed 000 passes every test but one: its single network is a single point of failure (a warning, as in the real product)', (t) => {
  const { report } = validate({});
  const notSuccess = report.tests.filter((x) => x.result !== 'Success').map((x) => `${x.category} - ${x.name}: ${x.result}`);
  t.deepEqual(notSuccess, ['Network - Validate Network Communication: Warning']);
  t.regex(detailText(report, 'Validate Network Communication'), /Node node02 is reachable from Node node01 by only one pair of network interfaces \(network Management\)\. It is possible that this network path is a single point of failure/);
  t.is(statusFlags(report.status), 'HadUnselectedTests, ClusterConditionallyApproved');
  t.deepEqual(report.eligibleDisks?.map((d) => d.name), ['Cluster Disk 1', 'Witness']);
  t.deepEqual(report.nodes.map((n) => n.fullName), ['node01.wsfc.local', 'node02.wsfc.local']);
});

test('seed 000 with a second cluster network: every test succeeds and the cluster is approved', (t) => {
  const facts = seed000Facts();
  facts.nodes[0]!.addresses.Cluster = '10.0.1.5';
  facts.nodes[1]!.addresses.Cluster = '10.0.1.10';
  facts.reachability = reachableEverywhere(facts.nodes, [management, clusterNetwork]);
  const { report } = validate({ facts, request: seed000Request({ networks: [management, clusterNetwork] }) });
  t.deepEqual(report.tests.filter((x) => x.result !== 'Success').map((x) => x.name), []);
  t.is(report.status.approval, 'ClusterApproved');
  t.true(report.categories.every((c) => c.result === 'Success'));
  for (const category of ['Hyper-V Configuration', 'Inventory', 'Network', 'Storage', 'System Configuration']) t.true(report.categories.some((c) => c.category === category), category);
});

test('a duplicate address fails Validate IP Configuration, naming the address and both nodes', (t) => {
  const facts = seed000Facts();
  facts.nodes[1]!.addresses.Management = '172.16.1.5';
  const { report } = validate({ facts });
  t.is(outcomeOf(report, 'Validate IP Configuration').result, 'Failed');
  t.regex(detailText(report, 'Validate IP Configuration'), /\[Failed\] Found duplicate IP address 172\.16\.1\.5 on node node01 \(network Management\) and node node02 \(network Management\)/);
  t.is(report.status.approval, 'ClusterNotApproved');
});

test('nodes in different domains fail Validate Active Directory Configuration; so does a node not joined at all', (t) => {
  const facts = seed000Facts();
  facts.nodes[1] = { ...facts.nodes[1]!, domain: 'contoso.local' };
  const split = validate({ facts }).report;
  t.is(outcomeOf(split, 'Validate Active Directory Configuration').result, 'Failed');
  t.regex(detailText(split, 'Validate Active Directory Configuration'), /different domains: node01 \(wsfc\.local\), node02 \(contoso\.local\)/);
  const alone = seed000Facts();
  alone.nodes[1] = { ...alone.nodes[1]!, domain: null };
  t.regex(detailText(validate({ facts: alone }).report, 'Validate Active Directory Configuration'), /\[Failed\] The server node02 is not joined to a domain/);
});

test('adjacent OS versions are a mixed-mode warning; versions two releases apart fail', (t) => {
  const mixed = seed000Facts();
  mixed.nodes[0] = { ...mixed.nodes[0]!, osRelease: 2019 };
  const warned = validate({ facts: mixed }).report;
  t.is(outcomeOf(warned, 'Validate Operating System Version').result, 'Warning');
  t.regex(detailText(warned, 'Validate Operating System Version'), /mixed-OS mode.*Update-ClusterFunctionalLevel/);
  const apart = seed000Facts();
  apart.nodes[0] = { ...apart.nodes[0]!, osRelease: 2016 };
  t.is(outcomeOf(validate({ facts: apart }).report, 'Validate Operating System Version').result, 'Failed');
});

test('Hyper-V missing on one node fails Validate Hyper-V Role Installed; without SLAT it fails too', (t) => {
  const facts = seed000Facts();
  facts.nodes[1] = { ...facts.nodes[1]!, hyperVInstalled: false };
  facts.nodes[0] = { ...facts.nodes[0]!, processor: { ...facts.nodes[0]!.processor, slat: false } };
  const { report } = validate({ facts });
  const text = detailText(report, 'Validate Hyper-V Role Installed');
  t.is(outcomeOf(report, 'Validate Hyper-V Role Installed').result, 'Failed');
  t.regex(text, /The Hyper-V role is not installed on node02/);
  t.regex(text, /processor of node01 does not support Second Level Address Translation/);
});

test('without Hyper-V anywhere its tests are not applicable, unless Hyper-V is validated by name', (t) => {
  const facts = seed000Facts();
  facts.nodes = facts.nodes.map((n) => ({ ...n, hyperVInstalled: false }));
  const plain = validate({ facts }).report;
  t.false(plain.tests.some((x) => x.category === 'Hyper-V Configuration'));
  t.true(plain.notRun.some((n) => n.name === 'Validate Hyper-V Role Installed' && n.reason === 'NotApplicable'));
  const asked = validate({ facts, request: seed000Request({ include: ['Hyper-V Configuration'] }) }).report;
  t.is(outcomeOf(asked, 'Validate Hyper-V Role Installed').result, 'Failed');
});

test('processors of different manufacturers are a warning (virtual machines cannot live-migrate between them)', (t) => {
  const facts = seed000Facts();
  facts.nodes[1] = nodeInventory('node02', { Management: '172.16.1.10' }, { processor: { manufacturer: 'AMD', logicalProcessors: 16, slat: true } });
  const { report } = validate({ facts });
  t.is(outcomeOf(report, 'Validate Matching Processor Manufacturers').result, 'Warning');
});

test('a node that cannot reach the other on the only network fails Validate Network Communication', (t) => {
  const facts = seed000Facts();
  facts.reachability = facts.reachability.map((r) => (r.from === 'node02' ? { ...r, reachable: false, roundTripMs: null } : r));
  const { report } = validate({ facts });
  const text = detailText(report, 'Validate Network Communication');
  t.is(outcomeOf(report, 'Validate Network Communication').result, 'Failed');
  t.regex(text, /\[Warning\] Network interfaces node02 - Management and node01 - Management are on the same cluster network, yet address 172\.16\.1\.5 is not reachable from 172\.16\.1\.10 using UDP on port 3343/);
  t.regex(text, /\[Failed\] Node node02 is not reachable from node node01 on any network that carries cluster traffic/);
});
