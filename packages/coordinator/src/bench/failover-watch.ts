// Folds the event stream of a failover trial (STYLE 20) into the moments that make up the
// survivor's failover, each as the survivor stamped it (entry.atMs, simulated ms) and as the lab
// heard of it (wall ms): its PeerUnreachable for the victim (the failure detector's verdict), its
// RegroupViewInstalled without the victim (the new membership, after the witness arbitration), and
// its DiskArbitrationEnded Won for the role's disk (it holds the disk at the target). Only entries
// from the moment the watch is armed count. Anything that should not happen in a clean failover
// (a crash, a lost arbitration, lost quorum, a resource failure) is kept as an anomaly.
import type { HistoryEntry } from '@wsfc-lab/protocol';
import { wallNowMs } from './lab-helpers.js';

/** When something happened: as stamped by its actor (simulated ms) and as seen here (wall ms). */
export interface Moment {
  atMs: number;
  seenWallMs: number;
}

export interface FailoverNames {
  victim: string;
  survivor: string;
  disk: string;
}

/** Anomalies kept per trial: a bound on the list (STYLE 7). */
const anomaliesMax = 20;

export class FailoverWatch {
  /** Entries stamped before this simulated ms are ignored; undefined: not armed yet. */
  private armedAtMs: number | undefined;
  detection: Moment | undefined;
  /** How long the survivor says it had not heard the victim when it gave up (detectedAfterMs). */
  detectionSilenceMs: number | undefined;
  regroup: Moment | undefined;
  arbitration: Moment | undefined;
  /** durationMs the survivor reported for the witness arbitration and for the disk's. */
  witnessArbitrationMs: number | undefined;
  diskArbitrationMs: number | undefined;
  /** The survivor preempted the victim's key on the disk (a challenge, with its wait). */
  diskPreempted = false;
  readonly anomalies: string[] = [];
  /** PeerUnreachable verdicts before the kill: no node had failed, so each is a false detection. */
  falseDetectionsBeforeArm = 0;

  constructor(private readonly names: FailoverNames) {}

  arm(atMs: number): void {
    this.armedAtMs = atMs;
  }

  apply(entry: HistoryEntry): void {
    if (this.armedAtMs === undefined || entry.atMs < this.armedAtMs) {
      if (entry.event.type === 'PeerUnreachable') this.falseDetectionsBeforeArm++;
      return;
    }
    const event = entry.event;
    const seen = (): Moment => ({ atMs: entry.atMs, seenWallMs: wallNowMs() });
    const { victim, survivor, disk } = this.names;
    const fromSurvivor = entry.source === survivor;
    switch (event.type) {
      case 'PeerUnreachable':
        if (!fromSurvivor || event.node !== victim || this.detection !== undefined) return;
        this.detection = seen();
        this.detectionSilenceMs = event.detectedAfterMs;
        return;
      case 'RegroupViewInstalled':
        if (fromSurvivor && !event.members.includes(victim)) this.regroup ??= seen();
        return;
      case 'DiskKeysPreempted':
        if (fromSurvivor && event.disk === disk) this.diskPreempted = true;
        return;
      case 'DiskArbitrationEnded':
        this.onArbitrationEnded(entry, event, seen);
        return;
      case 'ActorCrashed':
        return this.note(`${event.actor} crashed: ${event.error}`);
      case 'ClusterQuorumLost':
        return this.note(`${entry.source} lost quorum: ${event.detail}`);
      case 'ResourceFailed':
        return this.note(`${entry.source}: resource ${event.resource} failed (1069)`);
      case 'DiskReservationLost':
        return this.note(`${entry.source} lost ${event.disk} (1038, ${event.cause})`);
      default:
        return;
    }
  }

  private onArbitrationEnded(entry: HistoryEntry, event: Extract<HistoryEntry['event'], { type: 'DiskArbitrationEnded' }>, seen: () => Moment): void {
    if (entry.source !== this.names.survivor) return;
    if (event.outcome === 'Lost') {
      this.note(`${entry.source} lost the arbitration for ${event.disk}: ${event.reason}`);
      return;
    }
    if (event.purpose === 'Witness') this.witnessArbitrationMs ??= event.durationMs;
    else if (event.disk === this.names.disk && this.arbitration === undefined) {
      this.arbitration = seen();
      this.diskArbitrationMs = event.durationMs;
    }
  }

  private note(anomaly: string): void {
    if (this.anomalies.length < anomaliesMax) this.anomalies.push(anomaly);
  }
}
