// Network tests (facts §12, §15): the cluster networks the servers would form, their addresses
// (one per network, in its subnet, none used twice), and whether every server reaches every other
// on each network. Interfaces are named "<node> - <network>", as the cluster names them. A pair of
// servers joined by only one working network is a single point of failure: the real product warns
// about it, and so does the lab (the seed-000 lab, with one network, gets this warning).
import { inSubnet } from '../subnet.js';
import { testNames } from './catalog.js';
import type { NodeInventory, Reachability, ValidationNetwork } from './facts.js';
import { TestRecorder, type TestOutcome } from './result.js';

const carriesClusterTraffic = (network: ValidationNetwork): boolean => network.role !== 'None';

export function judgeClusterNetworks(networks: readonly ValidationNetwork[], nodes: readonly NodeInventory[]): TestOutcome {
  const test = new TestRecorder(testNames.clusterNetworks);
  const members = (network: ValidationNetwork) => nodes.filter((n) => n.addresses[network.name] !== undefined).map((n) => n.node);
  test.table('Cluster networks', ['Network', 'Subnet', 'Role', 'Nodes with an address'], networks.map((n) => [n.name, n.subnet, n.role, members(n).join(', ')]));
  if (!networks.some(carriesClusterTraffic)) return test.fail('No network carries cluster traffic: every network has the role None, so the nodes would have no path for heartbeats.').done();
  if (!networks.some((n) => n.role === 'ClusterAndClient')) {
    test.warn('No network has the role ClusterAndClient, so no network allows client access: the cluster IP address cannot come online on any network (event 1223).');
  }
  for (const network of networks) {
    const on = members(network);
    if (on.length < nodes.length) test.warn(`Network ${network.name} (${network.subnet}) is reached only by ${on.length === 0 ? 'no server' : on.join(', ')}; it cannot connect every node.`);
  }
  if (test.resultSoFar() === 'Success') test.info(`The servers form ${networks.length} cluster network${networks.length === 1 ? '' : 's'}.`);
  return test.done();
}

function duplicateAddresses(nodes: readonly NodeInventory[]): Map<string, { node: string; network: string }[]> {
  const users = new Map<string, { node: string; network: string }[]>();
  for (const node of nodes) for (const [network, address] of Object.entries(node.addresses)) users.set(address, [...(users.get(address) ?? []), { node: node.node, network }]);
  return new Map([...users].filter(([, list]) => list.length > 1));
}

export function judgeIpConfiguration(networks: readonly ValidationNetwork[], nodes: readonly NodeInventory[]): TestOutcome {
  const test = new TestRecorder(testNames.ipConfiguration);
  test.table('Addresses', ['Node', 'Network', 'Address'], nodes.flatMap((n) => networks.map((net) => [n.node, net.name, n.addresses[net.name] ?? '(none)'])));
  for (const [address, users] of duplicateAddresses(nodes)) {
    test.fail(`Found duplicate IP address ${address} on ${users.map((u) => `node ${u.node} (network ${u.network})`).join(' and ')}. Every address must be unique.`);
  }
  for (const node of nodes) {
    for (const network of networks) {
      const address = node.addresses[network.name];
      if (address === undefined) test.warn(`${node.node} has no address on network ${network.name} (${network.subnet}).`);
      else if (!inSubnet(address, network.subnet)) test.warn(`Address ${address} of ${node.node} on network ${network.name} is not in the network's subnet ${network.subnet}.`);
    }
  }
  if (test.resultSoFar() === 'Success') test.info('Every server has one address on each network, in its subnet, and no address is used twice.');
  return test.done();
}

type PairPaths = { a: NodeInventory; b: NodeInventory; working: string[] };

function reaches(facts: readonly Reachability[], network: string, from: string, to: string): Reachability | undefined {
  return facts.find((r) => r.network === network && r.from === from && r.to === to);
}

function checkNetworkPairs(test: TestRecorder, o: { networks: readonly ValidationNetwork[]; nodes: readonly NodeInventory[]; facts: readonly Reachability[] }): PairPaths[] {
  const pairs: PairPaths[] = [];
  for (let i = 0; i < o.nodes.length; i++) {
    for (let j = i + 1; j < o.nodes.length; j++) {
      const [a, b] = [o.nodes[i]!, o.nodes[j]!];
      const pair: PairPaths = { a, b, working: [] };
      for (const network of o.networks) {
        const [addressA, addressB] = [a.addresses[network.name], b.addresses[network.name]];
        if (addressA === undefined || addressB === undefined) continue;
        let both = true;
        for (const [from, to, fromAddress, toAddress] of [[a, b, addressA, addressB], [b, a, addressB, addressA]] as const) {
          if (reaches(o.facts, network.name, from.node, to.node)?.reachable) continue;
          both = false;
          test.warn(`Network interfaces ${from.node} - ${network.name} and ${to.node} - ${network.name} are on the same cluster network, yet address ${toAddress} is not reachable from ${fromAddress} using UDP on port 3343.`);
        }
        if (both && carriesClusterTraffic(network)) pair.working.push(network.name);
      }
      pairs.push(pair);
    }
  }
  return pairs;
}

export function judgeNetworkCommunication(networks: readonly ValidationNetwork[], nodes: readonly NodeInventory[], facts: readonly Reachability[]): TestOutcome {
  const test = new TestRecorder(testNames.networkCommunication);
  const rows = facts.map((r) => [r.network, r.from, r.to, r.reachable ? 'Yes' : 'No', r.roundTripMs === null ? '' : r.roundTripMs.toFixed(2)]);
  test.table('Reachability on UDP port 3343', ['Network', 'Source', 'Destination', 'Reachable', 'Round trip (ms)'], rows);
  for (const { a, b, working } of checkNetworkPairs(test, { networks, nodes, facts })) {
    if (working.length === 0) {
      test.fail(`Node ${b.node} is not reachable from node ${a.node} on any network that carries cluster traffic. The nodes of a cluster must be able to communicate with each other.`);
    } else if (working.length === 1) {
      test.warn(
        `Node ${b.node} is reachable from Node ${a.node} by only one pair of network interfaces (network ${working[0]}). It is possible that this network path is a single point of failure for communication within the cluster. Please verify that this single path is highly available, or consider adding additional networks to the cluster.`,
      );
    }
  }
  if (test.resultSoFar() === 'Success') test.info('Every server reaches every other server on each network, by more than one path.');
  return test.done();
}
