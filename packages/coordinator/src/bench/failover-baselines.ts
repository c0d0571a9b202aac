// What the real product's documentation says a failover of a two-node cluster with a disk witness
// costs, as the sum of its documented timeouts (wsfc-facts.md §1, §3), against which the lab's
// failover is compared in the same run. The node is removed after SameSubnetDelay × SameSubnetThreshold
// of silence on all routes (§1.3; 1000 ms × 10 on 2016+, §1.2). The survivor alone holds one of three
// votes (two nodes and the witness, §2.2), so its regroup must win the disk witness, and a
// challenger waits 7 s after its reset or preempt before it takes a disk (KB309186, the only
// documented number, §3.2; the modern interval is [UNCONFIRMED]; QuorumArbitrationTimeMax, 20 s,
// bounds the witness's, §1.5). The role's Physical Disk is then arbitrated the same way:
// "arbitration adds about 7 s to failover" (MSCS storage-pools-arbitrate, §3.2). The lab's own
// numbers are not read here: the baseline is the documentation, not the code under test.

export interface FailoverBaseline {
  /** SameSubnetDelay default, ms (facts §1.1). */
  sameSubnetDelayMs: number;
  /** SameSubnetThreshold default on Windows Server 2016+ (facts §1.2). */
  sameSubnetThreshold: number;
  /** Delay × Threshold: silence before the node is removed (facts §1.3). */
  detectionMs: number;
  /** The challenger's wait when the survivor wins the disk witness (KB309186, facts §3.2). */
  witnessArbitrationMs: number;
  /** The same wait when it wins the role's disk: "adds about 7 s" (facts §3.2). */
  diskArbitrationMs: number;
  /** QuorumArbitrationTimeMax: the most the witness arbitration may take (facts §1.5). */
  quorumArbitrationTimeMaxMs: number;
  /** detection + witness arbitration + disk arbitration. */
  totalMs: number;
  sources: string[];
}

const documented = { sameSubnetDelayMs: 1000, sameSubnetThreshold: 10, challengerWaitMs: 7000, quorumArbitrationTimeMaxMs: 20_000 };

export function documentedFailover(): FailoverBaseline {
  const detectionMs = documented.sameSubnetDelayMs * documented.sameSubnetThreshold;
  return {
    sameSubnetDelayMs: documented.sameSubnetDelayMs,
    sameSubnetThreshold: documented.sameSubnetThreshold,
    detectionMs,
    witnessArbitrationMs: documented.challengerWaitMs,
    diskArbitrationMs: documented.challengerWaitMs,
    quorumArbitrationTimeMaxMs: documented.quorumArbitrationTimeMaxMs,
    totalMs: detectionMs + 2 * documented.challengerWaitMs,
    sources: [
      'SameSubnetDelay 1000 ms x SameSubnetThreshold 10 (2016+): facts §1.1-1.3 (MSCS clusters-samesubnetdelay/-threshold; TS iaas-sql-failover-cluster)',
      'challenger waits 7 s before it takes a disk: facts §3.2 (KB309186, TS cluster-service-reserves-brings-disk)',
      'arbitration adds about 7 s to failover: facts §3.2 (MSCS storage-pools-arbitrate)',
      'QuorumArbitrationTimeMax 20 s: facts §1.5 (MSCS cluster-quorumarbitrationtimemax)',
    ],
  };
}
