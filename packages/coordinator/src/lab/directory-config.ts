// What a node is told about the domain: the lab's domain, its controller (also the DNS server)
// and the network on which the node reaches it: the first network, in the lab's order, whose
// subnet holds both the node's address and the controller's (the same rule by which the
// directory's own configuration picks the address a machine registers). At lab start every node
// is joined (spec "A lab"). A node with no address on the controller's subnet gets no directory.
import { inSubnet, type NodeConfig } from '@wsfc-lab/node-agent';
import type { LabSpec, NodeSpec } from '../config/mod.js';

export type NodeDirectoryConfig = NonNullable<NodeConfig['directory']>;

export function nodeDirectoryConfig(lab: LabSpec, node: NodeSpec): NodeDirectoryConfig | undefined {
  const network = lab.networks.find((n) => {
    const address = node.addresses[n.name];
    return address !== undefined && inSubnet(address, n.subnet) && inSubnet(lab.directory.address, n.subnet);
  });
  if (network === undefined) return undefined;
  return { domain: lab.domain, controller: lab.directory.name, controllerAddress: lab.directory.address, network: network.name, joined: true };
}
