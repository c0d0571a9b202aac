// The CSV subsystem's clocks and bounds (STYLE 5, 7). The real product keeps its CSV health
// timers to itself; these are the lab's documented rules.
//
// - Every ioIntervalMs each node writes one block to each CSV (its own "heartbeat" block, lab rule
//   below): directly when it can, through the coordinator when it is block redirected. That small
//   periodic I/O is what notices a lost storage path and, once redirected, a path that is back
//   (each tick a redirected node also probes the LUN with READ KEYS).
// - A direct command or a redirected write that has no answer after ioTimeoutMs has failed. This
//   is shorter than the initiator's own 60 s TimeOutValue, as CSV's own I/O health watch is: a
//   cut path is noticed in about ioTimeoutMs + ioIntervalMs, not after the session times out.
// - Each node's heartbeat block is LBA (last usable LBA − 1 − node ID): below the witness tag block
//   (arbitration/tag-block.ts) and the backup GPT, so neither is ever overwritten.
import { assert } from '@wsfc-lab/protocol';

export const csvTiming = {
  /** Lab rule: one small write per CSV per node every 3 s. */
  ioIntervalMs: 3_000,
  /** Lab rule: a CSV I/O unanswered this long has failed. */
  ioTimeoutMs: 9_000,
  /** Lab rule: Get-ClusterSharedVolumeState waits this long for the other nodes' answers. */
  queryTimeoutMs: 2_000,
} as const;

export const csvLimits = {
  /** CSVs one node tracks. */
  volumesMax: 64,
  /** Redirected writes a coordinator carries out at once; more are answered Busy. */
  servedWritesMax: 256,
  /** Get-ClusterSharedVolumeState calls waiting for answers at once. */
  queriesInFlightMax: 16,
} as const;

assert(csvTiming.ioTimeoutMs > csvTiming.ioIntervalMs, 'a CSV I/O must be given longer than one tick to answer');
assert(csvTiming.queryTimeoutMs < csvTiming.ioTimeoutMs, 'a state query must not outwait the I/O timeout');
