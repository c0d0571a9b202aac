// The interactive lab: starts the machines, shows each as it comes up, then reads cmdlets at a
// PowerShell-like prompt. `kill X`, `restart X`, `pause X 10s` and `heal` inject faults; `exit` or
// the end of input stops the lab.
import { createInterface } from 'node:readline';
import { parseDurationMs, renderEvent, type HistoryEntry } from '@wsfc-lab/protocol';
import { formatOutput, formatTable } from '../cmdlets/format.js';
import type { LabInstance } from '../lab/start-lab.js';
import { runCmdlet } from '../scenario/run-cmdlet.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)}s`;

function describeEntry(entry: HistoryEntry): string | undefined {
  const { event } = entry;
  switch (event.type) {
    case 'ActorStarted':
      return `${entry.source} is running (${event.kind === 'node' ? 'Hyper-V host, cluster service' : event.kind === 'storage' ? 'iSCSI target server' : 'AD DS + DNS'})`;
    case 'NodeStateChanged':
      return event.node === entry.source ? `${entry.source} cluster service: ${event.State}` : undefined;
    case 'ClusterNodeRemoved':
    case 'ClusterQuorumLost':
    case 'ResourceFailed':
    case 'GroupTerminalFailure':
    case 'ActorKilled':
    case 'ActorCrashed':
    case 'ActorRestarted':
    case 'FaultInjected':
      return `${entry.source}: ${renderEvent(event).Message}`;
    default:
      return undefined;
  }
}

function machinesTable(lab: LabInstance): string {
  const rows = lab.built.actors.map((actor) => ({
    Name: actor.id,
    Role: actor.kind === 'node' ? 'Cluster node' : actor.kind === 'storage' ? 'iSCSI target' : 'AD DS / DNS',
    Address: actor.kind === 'node' ? Object.values(lab.spec.nodes.find((n) => n.name === actor.id)?.addresses ?? {}).join(', ') : actor.kind === 'storage' ? lab.spec.storageTarget.address : lab.spec.directory.address,
    State: !lab.runtime.isAlive(actor.id) ? 'Off' : actor.kind === 'node' ? (lab.view.viewOf(actor.id)?.get(actor.id) ?? 'Starting') : 'Running',
  }));
  return formatTable(rows);
}

async function labCommand(line: string, lab: LabInstance): Promise<string | undefined> {
  const [verb, target, duration] = line.split(/\s+/);
  const machine = target === undefined ? undefined : (lab.built.machines.get(target) ?? target);
  switch (verb) {
    case 'kill':
    case 'restart':
      if (!machine || !lab.built.machines.has(machine)) return `usage: ${verb} <machine> (one of ${[...lab.built.machines.keys()].join(', ')})`;
      await (verb === 'kill' ? lab.runtime.kill(machine) : lab.runtime.restart(machine));
      return `${verb === 'kill' ? 'killed' : 'restarted'} ${machine}`;
    case 'pause': {
      const forMs = parseDurationMs(duration ?? '');
      if (!machine || forMs === undefined) return 'usage: pause <machine> <duration, e.g. 20s>';
      await lab.runtime.pause(machine, forMs);
      return `paused ${machine} for ${forMs} ms`;
    }
    case 'heal':
      lab.runtime.updateFabric((f) => f.healAll());
      return 'healed every network fault';
    case 'machines':
      return machinesTable(lab);
    default:
      return undefined;
  }
}

/** In `sim` nothing moves unless someone runs the clock: pace it with the wall clock. */
function paceSimulatedClock(lab: LabInstance, timeScale: number): () => void {
  const tickWallMs = 50;
  const timer = setInterval(() => void lab.runtime.runUntil(() => false, lab.runtime.nowMs() + tickWallMs / timeScale), tickWallMs);
  return () => clearInterval(timer);
}

export async function runInteractive(lab: LabInstance, labName: string, timeScale: number): Promise<number> {
  const out = process.stdout;
  out.write(`wsfc-lab: lab ${labName} on ${lab.runtime.name} (seed ${lab.runtime.seed})\n`);
  lab.runtime.onEntry((entry) => {
    const text = describeEntry(entry);
    if (text) out.write(`${seconds(entry.atMs)}  ${text}\n`);
  });
  await lab.runtime.start();
  const stopPacing = lab.runtime.name === 'sim' ? paceSimulatedClock(lab, timeScale) : () => undefined;
  const allUp = () => lab.built.nodes.every((node) => lab.built.nodes.every((peer) => lab.view.viewOf(node)?.get(peer) === 'Up'));
  if (lab.spec.cluster) await lab.runtime.runUntil(allUp, lab.runtime.nowMs() + 60_000);
  out.write(`\n${machinesTable(lab)}\n\nType cmdlets (Get-ClusterNode), or kill/restart/pause <machine>, heal, machines, exit.\n`);
  const prompt = createInterface({ input: process.stdin, output: out, prompt: 'PS C:\\> ', terminal: process.stdin.isTTY === true });
  prompt.prompt();
  for await (const raw of prompt) {
    const line = raw.trim();
    if (line === 'exit' || line === 'quit') break;
    if (line !== '') {
      const labText = await labCommand(line, lab);
      if (labText !== undefined) out.write(`${labText}\n`);
      else {
        const outcome = await runCmdlet(line, { lab: lab.built, runtime: lab.runtime, view: lab.view });
        out.write(outcome.ok ? `${formatOutput(outcome.source, outcome.output, outcome.display)}\n` : `${outcome.message}\n`);
      }
    }
    prompt.prompt();
  }
  prompt.close();
  stopPacing();
  await lab.runtime.stop();
  out.write('lab stopped\n');
  return 0;
}
