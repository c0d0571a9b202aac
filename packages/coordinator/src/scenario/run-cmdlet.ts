// Runs a cmdlet line (a scenario `run:` step, or a line typed at the lab prompt) as PowerShell
// would: on the machine it names (-ComputerName, -CimSession, Invoke-Command), else cluster
// cmdlets through any node that is up, AD and DNS cmdlets on the domain controller, and machine
// cmdlets on the first node.
import type { CommandReply } from '@wsfc-lab/protocol';
import { namedArguments, parseCommandLine, type ArgValue, type CommandLine } from '../cmdlets/parse.js';
import type { BuiltLab } from '../lab/build-lab.js';
import type { ClusterView } from '../observe/cluster-view.js';
import type { Runtime } from '../runtime/runtime.js';

export interface CmdletContext {
  lab: BuiltLab;
  runtime: Runtime;
  view: ClusterView;
}

/** PowerShell's text when the machine a cmdlet talks to does not answer. */
export const rpcUnavailable = (machine: string) => `The RPC server is unavailable. (Exception from HRESULT: 0x800706BA) [${machine}]`;

export type CmdletOutcome = { ok: true; output: unknown; machine: string; command: CommandLine } | { ok: false; message: string; machine: string | undefined };

const directoryModules = new Set(['ActiveDirectory', 'DnsServer']);

function targetMachine(command: CommandLine, ctx: CmdletContext): string | undefined {
  const named = command.computerName ?? command.cimSession;
  if (named !== undefined) return ctx.lab.machines.get(named) ?? ctx.lab.machines.get(named.split('.')[0] ?? '') ?? named;
  if (command.module === 'FailoverClusters') return ctx.view.spokesman(ctx.runtime);
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

/** Runs a parsed cmdlet; `background` starts it without running the clock (as -AsJob). */
export async function runParsedCmdlet(command: CommandLine, ctx: CmdletContext, options: { background?: boolean } = {}): Promise<CmdletOutcome> {
  const machine = targetMachine(command, ctx);
  if (machine === undefined) return { ok: false, message: 'No cluster node is up to run the command: the cluster service is not running on any node.', machine };
  if (!ctx.lab.machines.has(machine)) return { ok: false, message: `No such host is known: '${machine}'.`, machine: undefined };
  const named = Object.entries(namedArguments(command)).map(([key, value]): [string, unknown] => [key, plainValue(value)]);
  const parameters: Record<string, unknown> = { ...Object.fromEntries(named), ...command.switches };
  if (command.positional.length > 0) parameters.$positional = command.positional.map(plainValue);
  if (command.assignment) parameters.$assignment = command.assignment;
  if (command.member !== undefined) parameters.$member = command.member;
  const labCommand = { type: 'Cmdlet' as const, name: command.name, parameters };
  const reply: CommandReply | undefined = await (options.background ? ctx.runtime.startCommand(machine, labCommand) : ctx.runtime.command(machine, labCommand));
  if (reply === undefined) return { ok: false, message: rpcUnavailable(machine), machine };
  return reply.ok ? { ok: true, output: reply.output, machine, command } : { ok: false, message: reply.error.message, machine };
}

export async function runCmdlet(line: string, ctx: CmdletContext): Promise<CmdletOutcome> {
  const parsed = parseCommandLine(line);
  if (!parsed.ok) return { ok: false, message: parsed.error.message, machine: undefined };
  return runParsedCmdlet(parsed.value, ctx);
}
