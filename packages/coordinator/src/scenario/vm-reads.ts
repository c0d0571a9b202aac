// The `vm:` selector's object and the report's `state.vms`: the VMs as Hyper-V on each host lists
// them. Get-VM is a machine cmdlet, answered by one host for its own VMs, so it goes to every node
// whose machine runs (and is not paused), not to the node that answers for the cluster: Hyper-V
// answers whether or not the node is in the cluster. One command per node, one after another (in
// `sim` each runs the clock until it is answered).
//
// A VM is listed on one host; in the lab a non-running copy may also be listed elsewhere (a VM
// registered on its old host). The selector then takes the active copy, the one whose State is
// neither Off nor Saved.
import { isOutputObject, pipelineItems, propertyValue, type OutputObject } from '../cmdlets/properties.js';
import { readReplyTimeoutMs, type Read, type ReadContext } from './cluster-reads.js';

export interface VmListing {
  /** Every VM every node answered for, each with ComputerName (the node, when it left it out). */
  vms: OutputObject[];
  /** Nodes that answered Get-VM. */
  answered: string[];
  /** Nodes that could not: not running, paused, no answer, or an error; each with why. */
  unanswered: string[];
}

const vmsOf = (output: unknown, node: string): OutputObject[] =>
  pipelineItems(output)
    .filter(isOutputObject)
    .filter((vm) => typeof propertyValue(vm, 'Name') === 'string')
    .map((vm) => (propertyValue(vm, 'ComputerName') === undefined ? { ...vm, ComputerName: node } : vm));

/** Get-VM on every node that runs. */
export async function readVms(ctx: ReadContext): Promise<VmListing> {
  const listing: VmListing = { vms: [], answered: [], unanswered: [] };
  for (const node of ctx.lab.nodes) {
    if (!ctx.runtime.isAlive(node)) {
      listing.unanswered.push(`${node} (not running)`);
      continue;
    }
    if (ctx.runtime.isPaused(node)) {
      listing.unanswered.push(`${node} (paused)`);
      continue;
    }
    const reply = await ctx.runtime.command(node, { type: 'Cmdlet', name: 'Get-VM', parameters: {} }, readReplyTimeoutMs);
    if (reply === undefined) listing.unanswered.push(`${node} (no answer within ${readReplyTimeoutMs} ms)`);
    else if (!reply.ok) listing.unanswered.push(`${node} (${reply.error.message})`);
    else {
      listing.answered.push(node);
      listing.vms.push(...vmsOf(reply.output, node));
    }
  }
  return listing;
}

const inactiveStates = new Set(['off', 'saved']);

const isActive = (vm: OutputObject) => !inactiveStates.has(String(propertyValue(vm, 'State')).toLowerCase());

/** The copy the selector reads among those listed under one name: the active one, else the first. */
export function chooseVm(copies: readonly OutputObject[]): OutputObject | undefined {
  return copies.find(isActive) ?? copies[0];
}

function notFound(name: string, listing: VmListing): string {
  const asked = listing.answered.length === 0 ? 'no node answered Get-VM' : `Get-VM on ${listing.answered.join(', ')} does not list it`;
  const others = listing.unanswered.length === 0 ? '' : `; not asked or no answer: ${listing.unanswered.join(', ')}`;
  return `vm "${name}" was found on no node: ${asked}${others}`;
}

/** One VM by name (without regard to case), as Get-VM on its host reports it. */
export async function readVm(ctx: ReadContext, name: string): Promise<Read<OutputObject> & { label?: string }> {
  const listing = await readVms(ctx);
  const lower = name.toLowerCase();
  const copies = listing.vms.filter((vm) => String(propertyValue(vm, 'Name')).toLowerCase() === lower);
  const chosen = chooseVm(copies);
  if (chosen === undefined) return { ok: false, detail: notFound(name, listing) };
  const host = String(propertyValue(chosen, 'ComputerName'));
  const elsewhere = copies.filter((vm) => vm !== chosen).map((vm) => `${String(propertyValue(vm, 'ComputerName'))} (${String(propertyValue(vm, 'State'))})`);
  const label = `vm "${name}" on ${host}${elsewhere.length === 0 ? '' : ` (also listed on ${elsewhere.join(', ')})`}`;
  return { ok: true, value: chosen, label };
}
