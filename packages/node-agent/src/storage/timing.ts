// The initiator's timers, in simulated ms, with the real Microsoft iSCSI initiator's defaults
// where it has one (its registry values under the iSCSI adapter's Parameters key; Microsoft's
// "iSCSI Software Initiator and iSNS Server timers quick reference", and NetApp KB "parameters
// that control how MS iSCSI survives lost TCP connections").
import { assert, iscsiTimingDefaults } from '@wsfc-lab/protocol';

export interface IscsiInitiatorTiming {
  /**
   * How often a NOP-Out goes out on a logged-in session. The Microsoft initiator ships with
   * EnableNOPOut 0; the lab's target drops a session silent for 45 s (protocol
   * `iscsiTimingDefaults`), so the lab's initiator pings at the target's interval, 15 s.
   */
  nopOutIntervalMs: number;
  /** Silence after a NOP-Out before the connection is taken as lost. Lab rule: 15 s. */
  nopInTimeoutMs: number;
  /** How long a login may take before the attempt fails: TCPConnectTime, 15 s. */
  loginTimeoutMs: number;
  /** How long a SCSI command may take: the disk class driver's TimeOutValue, 60 s. */
  scsiRequestTimeoutMs: number;
  /** Wait between reconnect attempts of a lost session: DelayBetweenReconnect, 5 s. */
  delayBetweenReconnectMs: number;
}

export const iscsiInitiatorDefaults: IscsiInitiatorTiming = {
  nopOutIntervalMs: iscsiTimingDefaults.nopOutIntervalMs,
  nopInTimeoutMs: 15_000,
  loginTimeoutMs: 15_000,
  scsiRequestTimeoutMs: 60_000,
  delayBetweenReconnectMs: 5_000,
};

// A healthy session must never look idle to the target: a NOP-Out and its answer fit in the
// target's idle timeout.
assert(
  iscsiInitiatorDefaults.nopOutIntervalMs + iscsiInitiatorDefaults.nopInTimeoutMs < iscsiTimingDefaults.sessionIdleTimeoutMs,
  'NOP-Out interval plus its answer timeout must be shorter than the target idle timeout',
);
