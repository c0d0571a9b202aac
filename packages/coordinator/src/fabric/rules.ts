// The fabric's rules as plain data, so the same rules can be handed to worker threads and applied
// there by the same code (`Fabric`), and printed in a report.

export interface FabricNetwork {
  name: string;
  role: 'None' | 'ClusterOnly' | 'ClusterAndClient';
  bandwidthGbps: number;
  latencyMs: number;
  lossPercent: number;
}

export interface FabricPartition {
  /** Absent: every network. */
  network?: string;
  groups: string[][];
}

export interface FabricRules {
  networks: FabricNetwork[];
  /** The networks each actor has a NIC on. */
  attachments: Record<string, string[]>;
  /** NICs that are down, as `actor|network`. */
  nicsDown: string[];
  partitions: FabricPartition[];
  /** Actor pairs with no path at all, as `a|b` with a < b (a node's storage path). */
  pathsDown: string[];
  /**
   * Actors whose every frame rides a TCP session (the iSCSI target's, port 3260): a frame lost on
   * the wire is sent again after the retransmission time-out, not lost (fabric.ts tcpRetransmit).
   */
  tcpEndpoints?: string[];
}

export type Verdict =
  | { deliver: true; delayMs: number }
  | { deliver: false; reason: 'noNic' | 'nicDown' | 'partitioned' | 'pathDown' | 'loss' };

export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
export const nicKey = (actor: string, network: string): string => `${actor}|${network}`;
