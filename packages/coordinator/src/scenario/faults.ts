// Applies a scenario `fault:` step. Killing and restarting go to the runtime (the worker dies as a
// host would); every network fault goes to the fabric, and nowhere else.
import type { Fault } from '../config/mod.js';
import type { BuiltLab } from '../lab/build-lab.js';
import type { Runtime } from '../runtime/runtime.js';

export async function applyFault(fault: Fault, runtime: Runtime, lab: BuiltLab): Promise<string> {
  const machine = (name: string) => lab.machines.get(name) ?? name;
  switch (fault.kind) {
    case 'kill':
      await runtime.kill(machine(fault.target));
      return `killed the worker of ${machine(fault.target)}`;
    case 'restart':
      await runtime.restart(machine(fault.target));
      return `started ${machine(fault.target)} again`;
    case 'pause':
      await runtime.pause(machine(fault.target), fault.forMs);
      return `paused ${machine(fault.target)} for ${fault.forMs} ms`;
    case 'partition':
      runtime.updateFabric((f) => f.partition({ ...(fault.network ? { network: fault.network } : {}), groups: fault.groups.map((g) => g.map(machine)) }));
      return `partitioned ${JSON.stringify(fault.groups)}${fault.network ? ` on ${fault.network}` : ''}`;
    case 'heal':
      runtime.updateFabric((f) => f.healAll());
      return 'healed every network fault';
    case 'nicDown':
    case 'nicUp':
      runtime.updateFabric((f) => f.setNic(machine(fault.node), fault.network, fault.kind === 'nicUp'));
      return `${fault.node} NIC on ${fault.network} ${fault.kind === 'nicUp' ? 'up' : 'down'}`;
    case 'storagePathDown':
    case 'storagePathUp':
      runtime.updateFabric((f) => f.setPath(machine(fault.node), lab.storageTarget, fault.kind === 'storagePathUp'));
      return `${fault.node} storage path ${fault.kind === 'storagePathUp' ? 'up' : 'down'}`;
    case 'loss':
      runtime.updateFabric((f) => f.setLoss(fault.network, fault.percent));
      return `${fault.percent}% loss on ${fault.network}`;
  }
}
