// Looking names up in a lab for a scenario: machines (with the spec's `storage` and `directory`
// standing for the storage target and the directory server), nodes and networks. Windows names
// compare without case; a match gives the lab's own spelling.
import { inSubnet } from '@wsfc-lab/node-agent';
import { listNames } from './issues.js';
import { machineNames, type LabSpec } from './lab-types.js';
import { canonicalName } from './properties.js';

export type NameLookup = { ok: true; name: string } | { ok: false; message: string };

export function findMachine(lab: LabSpec, typed: string): NameLookup {
  const lower = typed.toLowerCase();
  if (lower === 'storage') return { ok: true, name: lab.storageTarget.name };
  if (lower === 'directory') return { ok: true, name: lab.directory.name };
  const names = machineNames(lab);
  const name = canonicalName(typed, names);
  return name !== undefined ? { ok: true, name } : { ok: false, message: `unknown machine "${typed}" (the lab has ${listNames(names)})` };
}

export function findNode(lab: LabSpec, typed: string): NameLookup {
  const names = lab.nodes.map((node) => node.name);
  const name = canonicalName(typed, names);
  return name !== undefined ? { ok: true, name } : { ok: false, message: `unknown node "${typed}" (the lab's nodes are ${listNames(names)})` };
}

export function findNetwork(lab: LabSpec, typed: string): NameLookup {
  const names = lab.networks.map((network) => network.name);
  const name = canonicalName(typed, names);
  return name !== undefined ? { ok: true, name } : { ok: false, message: `unknown network "${typed}" (the lab has ${listNames(names)})` };
}

/** The networks a machine has a NIC on: every network for a node, the address's for the others. */
export function networksOf(lab: LabSpec, machine: string): string[] {
  if (lab.nodes.some((node) => node.name === machine)) return lab.networks.map((network) => network.name);
  const address = machine === lab.storageTarget.name ? lab.storageTarget.address : machine === lab.directory.name ? lab.directory.address : undefined;
  if (address === undefined) return [];
  return lab.networks.filter((network) => inSubnet(address, network.subnet)).map((network) => network.name);
}
