// The KDC's answers to the tickets a migration waits for (migration-auth-kerberos.ts) reach the
// Hyper-V host here: the node hands it every directory frame its own directory client did not
// claim. An answer that completes a migration's tickets (or refuses one) lets the queue move on:
// the migration is offered, or fails with the real text.
import type { NodeMessage } from '@wsfc-lab/protocol';
import { recordKdcAnswer } from './migration-auth-kerberos.js';
import type { HyperVHost } from './migration-link.js';
import { admit } from './migration-source.js';
import type { HyperVState } from './types.js';

/** True when the frame was the KDC's answer to one of this host's migration tickets. */
export function onMigrationAuthFrame(h: HyperVState, frame: { source: string; message: NodeMessage }, host: HyperVHost): boolean {
  const m = recordKdcAnswer(h, frame, host.directory?.()?.controller);
  if (m === undefined) return false;
  admit(h, host);
  return true;
}
