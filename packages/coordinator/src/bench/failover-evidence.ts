// When a failover trial goes wrong, the history says why: the last significant entries (no
// heartbeats, block I/O or key reads, which drown the rest), oldest first, one line each, so the
// JSON and the report carry the evidence rather than a bare "never came Online".
import type { HistoryEntry } from '@wsfc-lab/protocol';

/** Event types too frequent to be evidence. */
const noise = new Set(['HeartbeatSent', 'HeartbeatReceived', 'ScsiRead', 'ScsiWrite', 'PersistentReserveIn']);
/** Lines kept per failed trial, and characters per line (STYLE 7). */
export const evidenceLinesMax = 60;
const lineCharsMax = 240;

export function historyExcerpt(history: readonly HistoryEntry[], fromMs: number): string[] {
  const significant = history.filter((entry) => entry.atMs >= fromMs && !noise.has(entry.event.type));
  // threads: entries arrive in the order the lab heard them, not as stamped.
  const ordered = [...significant].sort((a, b) => a.atMs - b.atMs).slice(-evidenceLinesMax);
  return ordered.map((entry) => {
    const { type, ...fields } = entry.event;
    return `${entry.atMs.toFixed(1)} ${entry.source} ${type} ${JSON.stringify(fields)}`.slice(0, lineCharsMax);
  });
}
