// A hash of a run's event history, for the determinism self-check (STYLE 17): two runs of the
// same scenario and seed in `sim` must hash the same, byte for byte.
import { createHash } from 'node:crypto';
import type { HistoryEntry } from '@wsfc-lab/protocol';

export function historyHash(history: readonly HistoryEntry[]): string {
  const hash = createHash('sha256');
  for (const entry of history) hash.update(JSON.stringify(entry)).update('\n');
  return hash.digest('hex');
}
