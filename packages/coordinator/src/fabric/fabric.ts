// The simulated network fabric. Every frame from A to B on network N is judged here and nowhere
// else: NIC down, partitions, a lost storage path and loss drop it; latency and serialisation at
// the network's bandwidth delay it (DESIGN "The network fabric").
import { nicKey, pairKey, type FabricNetwork, type FabricPartition, type FabricRules, type Verdict } from './rules.js';

/**
 * TCP's answer to a lost segment: send it again after the retransmission time-out, doubling each
 * time (Windows' minimum RTO, 300 ms), each copy lost again with the same chance. After
 * `retransmissionsMax` tries the connection is given up and the frame is lost.
 */
export const tcpRetransmit = { minRtoMs: 300, retransmissionsMax: 5 } as const;

function retransmitDelayMs(lossPercent: number, random: () => number): number | undefined {
  let delayMs = 0;
  let rtoMs: number = tcpRetransmit.minRtoMs;
  for (let attempt = 0; attempt < tcpRetransmit.retransmissionsMax; attempt++) {
    delayMs += rtoMs;
    if (random() * 100 >= lossPercent) return delayMs;
    rtoMs *= 2;
  }
  return undefined;
}

export class Fabric {
  private rules: FabricRules;
  private networks = new Map<string, FabricNetwork>();
  private attachments = new Map<string, Set<string>>();
  private nicsDown = new Set<string>();
  private pathsDown = new Set<string>();
  private partitionIndex: { network: string | undefined; groupOf: Map<string, number> }[] = [];

  constructor(rules: FabricRules) {
    this.rules = rules;
    this.index();
  }

  snapshot(): FabricRules {
    return structuredClone(this.rules);
  }

  replace(rules: FabricRules): void {
    this.rules = structuredClone(rules);
    this.index();
  }

  isAttached(actor: string, network: string): boolean {
    return this.attachments.get(actor)?.has(network) ?? false;
  }

  /** Judges one frame. `random` is drawn only when the network has loss. */
  route(source: string, destination: string, networkName: string, sizeBytes: number, random: () => number): Verdict {
    const network = this.networks.get(networkName);
    if (!network || !this.isAttached(source, networkName) || !this.isAttached(destination, networkName)) {
      return { deliver: false, reason: 'noNic' };
    }
    if (this.nicsDown.has(nicKey(source, networkName)) || this.nicsDown.has(nicKey(destination, networkName))) {
      return { deliver: false, reason: 'nicDown' };
    }
    if (this.pathsDown.has(pairKey(source, destination))) return { deliver: false, reason: 'pathDown' };
    for (const partition of this.partitionIndex) {
      if (partition.network !== undefined && partition.network !== networkName) continue;
      const a = partition.groupOf.get(source);
      const b = partition.groupOf.get(destination);
      if (a !== undefined && b !== undefined && a !== b) return { deliver: false, reason: 'partitioned' };
    }
    const serialisationMs = (sizeBytes * 8) / (network.bandwidthGbps * 1e6);
    let retransmitMs = 0;
    if (network.lossPercent > 0 && random() * 100 < network.lossPercent) {
      if (!this.overTcp(source, destination)) return { deliver: false, reason: 'loss' };
      const resent = retransmitDelayMs(network.lossPercent, random);
      if (resent === undefined) return { deliver: false, reason: 'loss' };
      retransmitMs = resent;
    }
    return { deliver: true, delayMs: network.latencyMs + serialisationMs + retransmitMs };
  }

  private overTcp(source: string, destination: string): boolean {
    const endpoints = this.rules.tcpEndpoints;
    return endpoints !== undefined && (endpoints.includes(source) || endpoints.includes(destination));
  }

  setNic(actor: string, network: string, up: boolean): void {
    const key = nicKey(actor, network);
    this.rules.nicsDown = this.rules.nicsDown.filter((k) => k !== key);
    if (!up) this.rules.nicsDown.push(key);
    this.index();
  }

  setPath(a: string, b: string, up: boolean): void {
    const key = pairKey(a, b);
    this.rules.pathsDown = this.rules.pathsDown.filter((k) => k !== key);
    if (!up) this.rules.pathsDown.push(key);
    this.index();
  }

  partition(partition: FabricPartition): void {
    this.rules.partitions.push(structuredClone(partition));
    this.index();
  }

  setLoss(networkName: string, percent: number): void {
    const network = this.rules.networks.find((n) => n.name === networkName);
    if (!network) throw new RangeError(`no network "${networkName}"`);
    if (!(percent >= 0 && percent <= 100)) throw new RangeError(`loss percent must be 0–100, got ${percent}`);
    network.lossPercent = percent;
    this.index();
  }

  /** Heals every fault: NICs up, partitions joined, paths restored, loss zero. */
  healAll(): void {
    this.rules.nicsDown = [];
    this.rules.partitions = [];
    this.rules.pathsDown = [];
    for (const network of this.rules.networks) network.lossPercent = 0;
    this.index();
  }

  private index(): void {
    this.networks = new Map(this.rules.networks.map((n) => [n.name, n]));
    this.attachments = new Map(Object.entries(this.rules.attachments).map(([actor, nets]) => [actor, new Set(nets)]));
    this.nicsDown = new Set(this.rules.nicsDown);
    this.pathsDown = new Set(this.rules.pathsDown);
    this.partitionIndex = this.rules.partitions.map((p) => {
      const groupOf = new Map<string, number>();
      p.groups.forEach((group, index) => group.forEach((actor) => groupOf.set(actor, index)));
      return { network: p.network, groupOf };
    });
  }
}
