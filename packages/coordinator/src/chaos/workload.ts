// The chaos run's block workload (issue 7 item 1): while the faults run, every `intervalMs` it
// writes a numbered block to each data disk (a role's clustered disk, not a CSV or the witness)
// through whichever node has the disk online: the command goes to every node that is up, a node
// that does not own the disk refuses at once, the owner writes through its reservation
// (node-agent cluster/workload.ts). A write counts as acknowledged when its node answered GOOD.
// After healing, each block is read back through its owner; the checker (checkers/no-lost-writes)
// compares what was read with the highest sequence acknowledged there.
import type { LabCommand } from '@wsfc-lab/protocol';
import type { AcknowledgedWrite, FinalReads } from '../checkers/mod.js';
import type { Runtime } from '../runtime/runtime.js';

export const workloadSettings = {
  /** Lab rule: one write per data disk every 2 s of simulated time. */
  intervalMs: 2_000,
  /** The blocks written in turn on each disk, from LBA 2048 (1 MiB in, where a first partition starts). */
  firstLba: 2048,
  blocksPerDisk: 4,
  /** A write or read not answered in this long is not acknowledged (simulated ms). */
  replyTimeoutMs: 30_000,
  /** Acknowledgements kept (STYLE 7): a 10-minute run at one write per disk per 2 s is far below. */
  acknowledgedMax: 100_000,
} as const;

const blockBytes = 512;
const magic = 'WSFCLAB-WORKLOAD';

export function encodeBlock(o: { disk: string; lba: number; sequence: number }): Uint8Array {
  const block = new Uint8Array(blockBytes);
  block.set(new TextEncoder().encode(`${magic} seq=${o.sequence} lba=${o.lba} disk=${o.disk}`.slice(0, blockBytes)));
  return block;
}

/** The sequence a block holds, or null when it holds none (never written, or not the workload's). */
export function decodeBlock(data: Uint8Array): number | null {
  const text = new TextDecoder().decode(data.subarray(0, 128));
  const match = new RegExp(`^${magic} seq=(\\d+) `).exec(text);
  return match ? Number(match[1]) : null;
}

export class BlockWorkload {
  readonly acknowledged: AcknowledgedWrite[] = [];
  private readonly sequences = new Map<string, number>();
  private round = 0;

  constructor(
    private readonly runtime: Runtime,
    private readonly disks: readonly string[],
    private readonly nodes: readonly string[],
  ) {}

  get active(): boolean {
    return this.disks.length > 0;
  }

  /** One round: the next block of each disk, through every node that is up. */
  tick(): void {
    const lbaOffset = this.round++ % workloadSettings.blocksPerDisk;
    for (const disk of this.disks) {
      const lba = workloadSettings.firstLba + lbaOffset;
      const key = `${disk}\u0000${lba}`;
      const sequence = (this.sequences.get(key) ?? 0) + 1;
      this.sequences.set(key, sequence);
      const command: LabCommand = { type: 'WorkloadWrite', disk, lba, data: encodeBlock({ disk, lba, sequence }) };
      for (const node of this.nodes) {
        if (!this.runtime.isAlive(node)) continue;
        void this.runtime.command(node, command, workloadSettings.replyTimeoutMs).then((reply) => {
          if (reply?.ok !== true || this.acknowledged.length >= workloadSettings.acknowledgedMax) return;
          this.acknowledged.push({ disk, lba, sequence, node, atMs: this.runtime.nowMs() });
        });
      }
    }
  }

  /** Reads every block written back through the node that owns its disk now. */
  async readBack(): Promise<FinalReads> {
    const reads: Record<string, Record<number, number | null>> = {};
    for (const disk of this.disks) {
      for (let offset = 0; offset < workloadSettings.blocksPerDisk; offset++) {
        const lba = workloadSettings.firstLba + offset;
        if (!this.sequences.has(`${disk}\u0000${lba}`)) continue;
        const value = await this.readOne(disk, lba);
        if (value !== undefined) (reads[disk] ??= {})[lba] = value;
      }
    }
    return reads;
  }

  private async readOne(disk: string, lba: number): Promise<number | null | undefined> {
    for (const node of this.nodes) {
      if (!this.runtime.isAlive(node)) continue;
      const reply = await this.runtime.command(node, { type: 'WorkloadRead', disk, lba }, workloadSettings.replyTimeoutMs);
      if (reply?.ok !== true) continue;
      const data = (reply.output as { data?: unknown }).data;
      return data instanceof Uint8Array ? decodeBlock(data) : null;
    }
    return undefined;
  }
}
