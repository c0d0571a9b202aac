// The later stages of a pipeline, after its first cmdlet has answered. The console's own cmdlets
// run here on the objects (Select-Object, Where-Object, Out-Null, Out-Host); `| Format-List` and
// `| Format-Table` only say how to show them, so the output a scenario reads stays the objects.
// Any other cmdlet goes to its machine once per input object, the object bound as PowerShell
// binds a cluster object to the next cmdlet's InputObject: by its Name, sent as `-Name <Name>`
// (so `Get-ClusterGroup "File Server" | Move-ClusterGroup -Node node02` moves that group).
import type { Display } from './format.js';
import { findCmdlet } from './names.js';
import { namedArguments, type CmdletCall } from './parse.js';
import { pipelineItems, propertyValue } from './properties.js';
import { namesOf, selectObject, type LocalResult } from './select-object.js';
import { whereObject } from './where-object.js';

export type StageReply = { ok: true; output: unknown } | { ok: false; message: string };

/** Runs one stage on its machine for one input object; `bound` holds what the object binds. */
export type SendStage = (call: CmdletCall, bound: Record<string, string>) => Promise<StageReply>;

export type PipelineOutcome =
  | {
      ok: true;
      output: unknown;
      /** The cmdlet whose objects the output is, for its default columns. */
      source: string;
      display?: Display;
    }
  | { ok: false; message: string };

/** PowerShell's own text when an object cannot be bound to the next cmdlet. */
export const inputObjectNotBound =
  'The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.';
export const parameterSetNotResolved = 'Parameter set cannot be resolved using the specified named parameters.';

const formatKinds: Record<string, Display['kind']> = { 'Format-List': 'list', 'Format-Table': 'table' };
const consoleModules = new Set<string>(['Microsoft.PowerShell.Utility', 'Microsoft.PowerShell.Core']);

function consoleStage(stage: CmdletCall, items: unknown[]): LocalResult | { ok: false; message: string } {
  const parameters = namedArguments(stage);
  switch (stage.name) {
    case 'Select-Object':
      return selectObject(items, parameters, stage.switches);
    case 'Where-Object':
      return whereObject(items, parameters, stage.switches);
    case 'Out-Null':
      return { ok: true, items: [] };
    case 'Out-Host':
      return { ok: true, items };
    default:
      return {
        ok: false,
        message: `${stage.name} is not available in a pipeline in the lab: the console runs Select-Object, Where-Object, Format-List, Format-Table, Out-Null and Out-Host, and sends other cmdlets to their machine.`,
      };
  }
}

function formatStage(stage: CmdletCall, kind: Display['kind']): { ok: true; display: Display } | { ok: false; message: string } {
  const names = namesOf(namedArguments(stage).Property, stage.name, 'Property');
  if (!names.ok) return { ok: false, message: names.error.message };
  return { ok: true, display: names.names === undefined ? { kind } : { kind, properties: names.names } };
}

/** Get-/Set-ClusterParameter: -Name names a private property, so the piped object binds to -InputObject. */
const inputObjectFirst = new Set(['Get-ClusterParameter', 'Set-ClusterParameter']);

/**
 * The parameter an input object binds to `stage` (its -Name, or for a cmdlet with no -Name, such
 * as Add-ClusterDisk, its -InputObject, sent as the object's name), or PowerShell's refusal.
 */
export function bindInput(stage: CmdletCall, item: unknown): { ok: true; bound: Record<string, string>; computerName?: string } | { ok: false; message: string } {
  const hyperV = bindHyperVObject(stage, item);
  if (hyperV !== undefined) return { ok: true, ...hyperV };
  const info = findCmdlet(stage.name);
  const takes = (parameter: string) => info === undefined || !info.complete || info.parameters.some((p) => p.name === parameter);
  const parameter = inputObjectFirst.has(stage.name) ? 'InputObject' : takes('Name') ? 'Name' : takes('InputObject') ? 'InputObject' : undefined;
  const name = typeof item === 'string' ? item : propertyValue(item, 'Name');
  if (parameter === undefined || typeof name !== 'string') return { ok: false, message: `${stage.name} : ${inputObjectNotBound}` };
  if (parameter in stage.parameters) return { ok: false, message: `${stage.name} : ${parameterSetNotResolved}` };
  return { ok: true, bound: { [parameter]: name } };
}

const text = (object: unknown, name: string): string | undefined => {
  const value = propertyValue(object, name);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * Hyper-V cmdlets take the objects before them by value, as seed 002 pipes them
 * (`Get-ClusterGroup VM1 | Get-VM | Get-VMNetworkAdapter | Set-VMNetworkAdapter …`, from any node):
 * a VM role to Get-VM (-ClusterObject), a VM to the -VMName of a VM cmdlet, an adapter to its VM and
 * -Name. Each runs on the machine the object lives on (its OwnerNode or ComputerName), unless the
 * stage names one itself.
 */
function bindHyperVObject(stage: CmdletCall, item: unknown): { bound: Record<string, string>; computerName?: string } | undefined {
  if (item === null || typeof item !== 'object' || stage.computerName !== undefined || !/^(Get|Set)-VM/.test(stage.name)) return undefined;
  const on = (machine: string | undefined) => (machine === undefined ? {} : { computerName: machine });
  const name = text(item, 'Name');
  if (name === undefined) return undefined;
  if (text(item, 'GroupType') === 'VirtualMachine') return stage.name === 'Get-VM' ? { bound: { Name: name }, ...on(text(item, 'OwnerNode')) } : undefined;
  const vmName = text(item, 'VMName');
  const computerName = text(item, 'ComputerName');
  if (computerName === undefined) return undefined;
  // An adapter (it names its VM) or a VM (its own name is the VM's).
  if (vmName !== undefined && vmName !== name) return stage.name.includes('NetworkAdapter') ? { bound: { VMName: vmName, Name: name }, computerName } : undefined;
  return { bound: stage.name === 'Get-VM' ? { Name: name } : { VMName: name }, computerName };
}

async function machineStage(stage: CmdletCall, items: unknown[], send: SendStage): Promise<{ ok: true; items: unknown[]; single: boolean } | { ok: false; message: string }> {
  const out: unknown[] = [];
  let single = items.length === 1;
  for (const item of items) {
    const binding = bindInput(stage, item);
    if (!binding.ok) return binding;
    const reply = await send(binding.computerName === undefined ? stage : { ...stage, computerName: binding.computerName }, binding.bound);
    if (!reply.ok) return reply;
    if (Array.isArray(reply.output)) single = false;
    out.push(...pipelineItems(reply.output));
  }
  return { ok: true, items: out, single };
}

/** Runs `stages` on the first cmdlet's `output`; the first failure ends the pipeline. */
export async function runPipeline(o: { output: unknown; source: string; stages: readonly CmdletCall[]; send: SendStage }): Promise<PipelineOutcome> {
  let items = pipelineItems(o.output);
  let single = items.length === 1 && !Array.isArray(o.output);
  let source = o.source;
  let display: Display | undefined;
  for (const stage of o.stages) {
    if (display !== undefined && stage.name !== 'Out-Host') {
      return { ok: false, message: `${stage.name} after Format-${display.kind === 'list' ? 'List' : 'Table'}: in the lab a Format cmdlet ends the pipeline (it only says how to show the objects).` };
    }
    const kind = formatKinds[stage.name];
    if (kind !== undefined) {
      const format = formatStage(stage, kind);
      if (!format.ok) return format;
      display = format.display;
      continue;
    }
    if (consoleModules.has(stage.module)) {
      const result = consoleStage(stage, items);
      if (!result.ok) return { ok: false, message: 'message' in result ? result.message : result.error.message };
      items = result.items;
      single = single && items.length === 1;
      if (stage.name === 'Select-Object') source = stage.name;
      continue;
    }
    const result = await machineStage(stage, items, o.send);
    if (!result.ok) return result;
    ({ items, single } = result);
    source = stage.name;
  }
  return { ok: true, output: single && items.length === 1 ? items[0] : items, source, ...(display ? { display } : {}) };
}
