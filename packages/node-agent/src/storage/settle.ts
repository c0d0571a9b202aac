// Handing completions to their consumers at the end of a step. The storage subsystem's own (layout
// reads, disk-cmdlet writes) are consumed here; every other goes to the outbox that node.ts
// drains and routes by tag. The outbox is bounded: past `completionsQueuedMax` a completion is
// dropped and counted.
import type { StorageCompletion } from './commands.js';
import { isOperationToken, onLayoutReadDone, onOperationWriteCompletion } from './disk-operation.js';
import { isLayoutToken, onLayoutReadCompletion } from './layout-refresh.js';
import { storageLimits } from './limits.js';
import type { StorageIo, StorageState } from './state.js';

export const storageSubsystemName = 'storage';

function consumeOwn(state: StorageState, io: StorageIo, completion: StorageCompletion): void {
  if (isLayoutToken(completion.tag.token)) {
    for (const opId of onLayoutReadCompletion(state, io, completion)) onLayoutReadDone(state, io, opId);
  } else if (isOperationToken(completion.tag.token)) {
    onOperationWriteCompletion(state, io, completion);
  } else {
    io.probe('storage completion with an unknown token of its own');
  }
}

export function settle(state: StorageState, io: StorageIo): void {
  for (let settled = 0; state.settling.length > 0 && settled < storageLimits.completionsSettledPerStepMax; settled++) {
    const completion = state.settling.shift()!;
    if (completion.tag.subsystem === storageSubsystemName) {
      consumeOwn(state, io, completion);
    } else if (state.completions.length >= storageLimits.completionsQueuedMax) {
      state.counters.completionsDropped++;
      io.probe('storage completion dropped: completionsQueuedMax reached');
    } else {
      state.completions.push(completion);
    }
  }
}

/** The completions waiting for other subsystems, oldest first; the outbox is empty afterwards. */
export function takeCompletions(state: StorageState): StorageCompletion[] {
  const out = state.completions;
  state.completions = [];
  return out;
}
