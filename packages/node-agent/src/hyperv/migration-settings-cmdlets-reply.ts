// Move-VM returns when its migration ends, as the real cmdlet does without -AsJob: the source
// answers the waiting cmdlet from the migration's end (migration-source.ts `finish`). A migration
// the cluster service started has no cmdlet waiting here (the cluster answers its own).
import type { CmdletError } from '@wsfc-lab/protocol';
import type { AuthedMigration } from './migration-auth-kerberos.js';
import type { HyperVHost } from './migration-link.js';

/** The Hyper-V module's error for a failed Move-VM: the migration's own text. */
export function moveVmFailed(message: string): CmdletError {
  return { category: 'InvalidOperation', errorId: 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.MoveVM', message };
}

export function answerMoveVm(host: HyperVHost, m: AuthedMigration, outcome: 'Completed' | 'Failed' | 'Cancelled', message: string): void {
  if (m.replyTo === undefined) return;
  if (outcome === 'Completed') return host.io.reply(m.replyTo, { ok: true, output: null });
  const text = outcome === 'Cancelled' ? `The migration of virtual machine '${m.vm}' to ${m.destination} was cancelled.` : message;
  host.io.reply(m.replyTo, { ok: false, error: moveVmFailed(text) });
}
