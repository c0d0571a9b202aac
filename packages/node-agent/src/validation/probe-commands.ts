// From a probe step to the storage API (storage/commands.ts): every probe command but RewriteBlock
// is one StorageCommand; RewriteBlock is a READ of one block and, when the READ is GOOD, a WRITE of
// the same bytes, whose answer is the step's answer.
import { blockSizeBytes } from '@wsfc-lab/protocol';
import type { StorageCommand, StorageResult } from '../storage/commands.js';
import type { ProbeCommand } from './probe.js';

export type DirectProbeCommand = Exclude<ProbeCommand, { type: 'RewriteBlock' }>;

export function storageCommandOf(command: DirectProbeCommand): StorageCommand {
  switch (command.type) {
    case 'RegisterAndIgnoreExistingKey':
      return { type: 'RegisterAndIgnoreExistingKey', newKey: command.newKey };
    case 'Reserve':
      return { type: 'Reserve', key: command.key, reservationType: command.reservationType };
    case 'Release':
      return { type: 'Release', key: command.key, reservationType: command.reservationType };
    case 'Preempt':
      return { type: 'Preempt', key: command.key, victimKey: command.victimKey, reservationType: command.reservationType };
    case 'ReadKeys':
    case 'ReadReservation':
      return { type: command.type };
  }
}

/** The READ that starts a RewriteBlock. */
export function rewriteReadOf(lba: number): StorageCommand {
  return { type: 'Read', lba, blockCount: 1 };
}

/** What to do once the READ of a RewriteBlock is answered: write the block back, or stop with the READ's answer. */
export function afterRewriteRead(lba: number, read: StorageResult): { write: StorageCommand } | { result: StorageResult } {
  if (read.type !== 'Data' || read.data.byteLength !== blockSizeBytes) return { result: read.type === 'Data' ? { type: 'Failed', reason: 'Rejected', detail: `READ of block ${lba} returned ${read.data.byteLength} bytes, not ${blockSizeBytes}` } : read };
  return { write: { type: 'Write', lba, data: read.data } };
}
