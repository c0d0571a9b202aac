// A node's iSCSI initiator configuration from the lab file, as seed 000 leaves the machines: every
// node the target's access list admits has the host's portal discovered and the target logged in
// with Quick Connect (a favourite, logged in again at every start); any other node has nothing
// configured, and a Connect-IscsiTarget from it is refused by the target. The portal is reached on
// each network that holds the target's address and on which the node has an address.
import { inSubnet, type NodeConfig } from '@wsfc-lab/node-agent';
import { initiatorAllowed, microsoftInitiatorIqn, parseInitiatorId, storageTargetConfigFromLab, targetIqnFor, type InitiatorId } from '@wsfc-lab/storage-target';
import type { LabSpec } from '../config/mod.js';

type NodeStorageConfig = NonNullable<NodeConfig['storage']>;

function initiatorIdsOf(texts: readonly string[]): InitiatorId[] {
  return texts.flatMap((text) => {
    const parsed = parseInitiatorId(text);
    return parsed.ok ? [parsed.id] : [];
  });
}

export function nodeStorageConfig(lab: LabSpec, index: number): NodeStorageConfig {
  const node = lab.nodes[index]!;
  const target = lab.storageTarget;
  const initiatorName = microsoftInitiatorIqn(`${node.name}.${lab.domain}`);
  const portalRoutes = lab.networks
    .filter((n) => inSubnet(target.address, n.subnet) && node.addresses[n.name] !== undefined)
    .map((n) => ({ address: target.address, machine: target.name, network: n.name }));
  const route = portalRoutes[0];
  const allowedTargets = storageTargetConfigFromLab(target).targets.filter((t) =>
    initiatorAllowed(initiatorIdsOf(t.initiatorIds), { initiatorName, node: node.name, address: route ? node.addresses[route.network] : undefined }),
  );
  if (!route || allowedTargets.length === 0) return { initiatorName, portalRoutes, targetPortals: [], persistentTargets: [] };
  return {
    initiatorName,
    portalRoutes,
    targetPortals: [target.address],
    persistentTargets: allowedTargets.map((t) => ({ nodeAddress: t.iqn ?? targetIqnFor(target.name, t.name), targetPortalAddress: target.address })),
  };
}
