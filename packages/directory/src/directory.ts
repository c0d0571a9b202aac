// The directory actor: the lab's domain controller, serving AD DS (computer accounts), the
// AD-integrated DNS zone of the domain, and a KDC stand-in (tickets). It reacts to wire requests
// from the machines (the requester is always the frame's source) and to the administrator's
// cmdlets; it sets no timers. What AD keeps on disk (database.ts) survives a restart.
import { notANode, DirectoryAccepts, assertNever, AssertionError, type ActorDefinition, type DirectoryMessage, type LabCommand } from '@wsfc-lab/protocol';
import type { DirectoryConfig } from './config.js';
import { loadDatabase, saveDatabase, seedDatabase } from './database.js';
import { runDirectoryCmdlet } from './cmdlets.js';
import { checkDirectoryInvariants } from './invariants.js';
import { onRequest } from './requests.js';
import { resolveDirectoryConfig } from './resolve-config.js';
import { newCounters, type DirectoryState } from './state.js';
import type { ActorIo } from '@wsfc-lab/protocol';

/** The directory sets no timers. */
export type DirectoryTimer = never;

function onCommand(state: DirectoryState, requestId: string, command: LabCommand, io: ActorIo<DirectoryTimer>): void {
  switch (command.type) {
    case 'Inspect':
      io.reply(requestId, { ok: true, output: { database: state.db, counters: state.counters } });
      return;
    case 'Cmdlet':
      io.reply(requestId, runDirectoryCmdlet(state, command.name, command.parameters, io));
      return;
    case 'WorkloadWrite':
    case 'WorkloadRead':
      io.reply(requestId, notANode('directory', command));
      return;
    default:
      assertNever(command, 'lab command');
  }
}

export const directoryActor: ActorDefinition<DirectoryConfig, DirectoryState, DirectoryMessage, DirectoryTimer> = {
  kind: 'directory',
  accepts: DirectoryAccepts,

  init(config, io) {
    const resolved = resolveDirectoryConfig(config);
    const stored = loadDatabase(resolved, io);
    const db = stored ?? seedDatabase(resolved, io);
    if (stored === undefined) saveDatabase(db, io);
    io.emit({
      type: 'DirectoryDatabaseLoaded',
      domain: db.domain,
      restored: stored !== undefined,
      computers: Object.keys(db.computers).length,
      dnsNames: Object.keys(db.zone).length,
    });
    return { config: resolved, db, counters: newCounters() };
  },

  step(state, input, io) {
    switch (input.type) {
      case 'Frame':
        onRequest(state, input, io);
        return;
      case 'Timer':
        throw new AssertionError(`the directory sets no timers, yet timer ${input.timerId} fired`);
      case 'Command':
        onCommand(state, input.requestId, input.command, io);
        return;
      default:
        assertNever(input, 'directory input');
    }
  },

  checkInvariants: checkDirectoryInvariants,
};
