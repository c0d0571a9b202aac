// Move-VM: Hyper-V's own live migration of a VM that is not clustered (facts §6.3, §6.5) [L1] [L4].
// The source host runs it, with the host's network settings (migration-networks.ts) and its
// authentication type (migration-auth.ts), and the cmdlet returns when the migration ends.
//
// Where the administrator's session runs matters to CredSSP: the lab's console passes it as the
// `$session` parameter (the machine of Invoke-Command, or `console` for the lab's own prompt);
// without one, the session is on the machine the cmdlet runs on, as when an administrator types
// it there. A clustered VM is the cluster's to move (Move-ClusterVirtualMachineRole), with the
// cluster's account and networks; the lab refuses Move-VM for one [lab's rule].
import type { CmdletCall } from '../subsystem.js';
import type { MigrationInitiator } from './migration-auth.js';
import type { HyperVHost } from './migration-link.js';
import { requestMigration } from './migration-source.js';
import { moveVmFailed } from './migration-settings-cmdlets-reply.js';
import type { HyperVState } from './types.js';

const positional = (call: CmdletCall, index: number): unknown => (call.parameters.$positional as unknown[] | undefined)?.[index];

/** The session the administrator typed the cmdlet in: `$session`, else this machine. */
export function sessionOf(h: HyperVState, call: CmdletCall): MigrationInitiator {
  const session = call.parameters.$session;
  return { kind: 'Session', machine: typeof session === 'string' && session !== '' ? session : h.node };
}

export function moveVm(h: HyperVState, call: CmdletCall, host: HyperVHost): void {
  const name = String(call.parameters.Name ?? call.parameters.VM ?? positional(call, 0) ?? '');
  const destination = String(call.parameters.DestinationHost ?? positional(call, 1) ?? '');
  const refuse = (message: string) => host.io.reply(call.requestId, { ok: false, error: moveVmFailed(message) });
  if (name === '' || destination === '') return refuse(`Move-VM needs -Name and -DestinationHost (got Name "${name}", DestinationHost "${destination}").`);
  const vm = Object.values(h.vms).find((v) => v.config.name.toLowerCase() === name.toLowerCase());
  if (!vm) {
    return host.io.reply(call.requestId, {
      ok: false,
      error: { category: 'InvalidArgument', errorId: 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.MoveVM', message: `Hyper-V was unable to find a virtual machine with name "${name}" on ${h.node}.` },
    });
  }
  if (vm.config.clustered) {
    return refuse(`'${vm.config.name}' is a clustered virtual machine: move it with Move-ClusterVirtualMachineRole -Name ${vm.config.name} -Node ${destination} (the lab refuses Move-VM for a clustered VM).`);
  }
  const asked = requestMigration(h, host, { vm: vm.config.name, destination, migrationType: 'Live', initiator: sessionOf(h, call), replyTo: call.requestId });
  if (!asked.ok) return refuse(asked.message);
}
