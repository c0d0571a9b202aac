// Runs a cmdlet line (a scenario `run:` step, or a line typed at the lab prompt) as PowerShell
// would: on the machine it names (-ComputerName, -CimSession, Invoke-Command), else cluster
// cmdlets through any node that is up, AD and DNS cmdlets on the domain controller, and machine
// cmdlets on the first node. A pipeline's later stages run as cmdlets/pipeline.ts says: each
// machine cmdlet once per input object, bound by its Name.
import { limits } from '@wsfc-lab/protocol';
import type { CommandReply } from '@wsfc-lab/protocol';
import type { Display } from '../cmdlets/format.js';
import { namedArguments, parseCommandLine, type ArgValue, type CmdletCall, type CommandLine } from '../cmdlets/parse.js';
import { runPipeline } from '../cmdlets/pipeline.js';
import { pipelineItems, propertyValue } from '../cmdlets/properties.js';
import type { BuiltLab } from '../lab/build-lab.js';
import type { ClusterView } from '../observe/cluster-view.js';
import type { Runtime } from '../runtime/runtime.js';

export interface CmdletContext {
  lab: BuiltLab;
  runtime: Runtime;
  view: ClusterView;
}

/**
 * Cmdlets that return only when the cluster has done what they asked (a drain of many VMs, a live
 * migration of a large one): their answer may take far longer than an RPC's usual wait.
 */
const longRunningCmdlets = new Set(['Move-VM', 'Suspend-ClusterNode', 'Resume-ClusterNode', 'Move-ClusterVirtualMachineRole', 'Move-ClusterGroup', 'Stop-ClusterNode', 'Save-VM', 'Stop-VM']);
const longRunningReplyMs = 30 * 60_000;

/** PowerShell's text when the machine a cmdlet talks to does not answer. */
export const rpcUnavailable = (machine: string) => `The RPC server is unavailable. (Exception from HRESULT: 0x800706BA) [${machine}]`;

export type CmdletOutcome =
  | {
      ok: true;
      /** The objects, as the last stage gave them; formatting never changes them. */
      output: unknown;
      machine: string;
      command: CommandLine;
      /** The cmdlet whose objects `output` holds, for its default columns. */
      source: string;
      /** How `| Format-List` or `| Format-Table` asked to show them. */
      display?: Display;
    }
  | { ok: false; message: string; machine: string | undefined };

const directoryModules = new Set(['ActiveDirectory', 'DnsServer']);

/**
 * Cluster cmdlets that run on the machine they are typed on: those that work before a cluster
 * exists, and Add-ClusterVirtualMachineRole, which makes highly available a VM of that host.
 */
const localClusterCmdlets = new Set(['Test-Cluster', 'New-Cluster', 'Add-ClusterVirtualMachineRole']);

function targetMachine(command: CmdletCall, ctx: CmdletContext): string | undefined {
  const named = command.computerName ?? command.cimSession;
  if (named !== undefined) return ctx.lab.machines.get(named) ?? ctx.lab.machines.get(named.split('.')[0] ?? '') ?? named;
  if (command.module === 'FailoverClusters' && !localClusterCmdlets.has(command.name)) return ctx.view.spokesman(ctx.runtime);
  if (directoryModules.has(command.module)) return ctx.lab.directory;
  return ctx.lab.nodes[0];
}

/** An argument as an actor receives it: hashtables as plain objects, script blocks as their text. */
function plainValue(value: ArgValue): unknown {
  if (Array.isArray(value)) return value.map(plainValue);
  if (value === null || typeof value !== 'object') return value;
  switch (value.kind) {
    case 'hashTable':
      return Object.fromEntries(Object.entries(value.entries).map(([key, entry]) => [key, plainValue(entry)]));
    case 'scriptBlock':
      return value.text;
    case 'command':
      return value;
  }
}

interface SendOptions {
  background: boolean;
  /** What an input object binds to this stage (cmdlets/pipeline.ts). */
  bound?: Record<string, string>;
  /** `(Get-Cluster).X`: read on the machine. */
  member?: string;
  /** `(Get-Cluster).X = v`: set on the machine. */
  assignment?: CommandLine['assignment'];
}

/** Sends one cmdlet call to the machine it runs on, with its parameters by canonical name. */
async function sendCall(call: CmdletCall, ctx: CmdletContext, o: SendOptions): Promise<{ ok: true; output: unknown; machine: string } | { ok: false; message: string; machine: string | undefined }> {
  const machine = targetMachine(call, ctx);
  if (machine === undefined) return { ok: false, message: 'No cluster node is up to run the command: the cluster service is not running on any node.', machine };
  if (!ctx.lab.machines.has(machine)) return { ok: false, message: `No such host is known: '${machine}'.`, machine: undefined };
  const named = Object.entries(namedArguments({ ...call, parameters: { ...call.parameters, ...o.bound } })).map(([key, value]): [string, unknown] => [key, plainValue(value)]);
  const parameters: Record<string, unknown> = { ...Object.fromEntries(named), ...call.switches };
  // With an input object bound, the positional arguments are bound by namedArguments alone.
  if (call.positional.length > 0 && o.bound === undefined) parameters.$positional = call.positional.map(plainValue);
  if (o.assignment) parameters.$assignment = o.assignment;
  if (o.member !== undefined) parameters.$member = o.member;
  // The administrator's session: the machine of Invoke-Command, else the lab's console for a cmdlet sent with -ComputerName.
  if (call.name === 'Move-VM') parameters.$session = call.invokedOn ?? (call.computerName !== undefined || call.cimSession !== undefined ? 'console' : machine);
  const labCommand = { type: 'Cmdlet' as const, name: call.name, parameters };
  const timeoutMs = longRunningCmdlets.has(call.name) ? longRunningReplyMs : limits.commandReplyTimeoutMs;
  const reply: CommandReply | undefined = await (o.background ? ctx.runtime.startCommand(machine, labCommand, timeoutMs) : ctx.runtime.command(machine, labCommand, timeoutMs));
  if (reply === undefined) return { ok: false, message: rpcUnavailable(machine), machine };
  return reply.ok ? { ok: true, output: reply.output, machine } : { ok: false, message: reply.error.message, machine };
}

/** PowerShell's member enumeration: `(Get-ClusterGroup | …).State` reads State of every object; one object gives one value. */
function memberOf(output: unknown, member: string): unknown {
  const values = pipelineItems(output).map((item) => propertyValue(item, member) ?? null);
  return values.length === 1 ? values[0] : values;
}

/**
 * Runs a parsed cmdlet line: its first cmdlet on its machine, then the pipeline's later stages
 * (cmdlets/pipeline.ts). `background` starts it without running the clock (as -AsJob).
 */
export async function runParsedCmdlet(command: CommandLine, ctx: CmdletContext, options: { background?: boolean } = {}): Promise<CmdletOutcome> {
  const background = options.background ?? false;
  const piped = command.pipeline.length > 0;
  if (piped && command.assignment) {
    return { ok: false, message: `Setting ${command.assignment.property} on a pipeline's output is not available in the lab: set it on one cmdlet's output, as (Get-Cluster).${command.assignment.property} = value.`, machine: undefined };
  }
  const first = await sendCall(command, ctx, piped ? { background } : { background, member: command.member, assignment: command.assignment });
  if (!first.ok) return first;
  const machine = first.machine;
  // `(Get-Cluster).SameSubnetThreshold` reads the property (the node is not asked to: it answers the object).
  if (!piped) return { ok: true, output: command.member === undefined || command.assignment ? first.output : memberOf(first.output, command.member), machine, command, source: command.name };
  const outcome = await runPipeline({
    output: first.output,
    source: command.name,
    stages: command.pipeline,
    send: (call, bound) => sendCall(call, ctx, { background, bound }),
  });
  if (!outcome.ok) return { ok: false, message: outcome.message, machine };
  const output = command.member === undefined ? outcome.output : memberOf(outcome.output, command.member);
  return { ok: true, output, machine, command, source: outcome.source, ...(outcome.display ? { display: outcome.display } : {}) };
}

export async function runCmdlet(line: string, ctx: CmdletContext): Promise<CmdletOutcome> {
  const parsed = parseCommandLine(line);
  if (!parsed.ok) return { ok: false, message: parsed.error.message, machine: undefined };
  return runParsedCmdlet(parsed.value, ctx);
}
