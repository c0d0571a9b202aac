// Every refusal, of a wire request or of a cmdlet, is counted by status in the state and logged as
// a DirectoryRequestRefused event; past `refusalEventsMax` events it is only counted (STYLE 7),
// so a misbehaving client cannot flood the cluster log.
import type { ActorIo } from '@wsfc-lab/protocol';
import { directoryLimits } from './limits.js';
import type { DirectoryState } from './state.js';

export interface RefusalRecord {
  /** The request type or the cmdlet name. */
  request: string;
  /** The frame source, or `Administrator` for a cmdlet. */
  requester: string;
  status: string;
  detail: string;
}

export function recordRefusal(state: DirectoryState, io: ActorIo<unknown>, record: RefusalRecord): void {
  const counters = state.counters;
  counters.refusals += 1;
  counters.refusalsByStatus[record.status] = (counters.refusalsByStatus[record.status] ?? 0) + 1;
  const emitted = counters.refusals - 1 - counters.refusalEventsSuppressed;
  if (emitted >= directoryLimits.refusalEventsMax) {
    counters.refusalEventsSuppressed += 1;
    io.probe('directory refusal events suppressed');
    return;
  }
  io.emit({ type: 'DirectoryRequestRefused', ...record });
}
