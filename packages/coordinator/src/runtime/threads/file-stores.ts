// What a machine keeps across a power cycle, on the host's file system: its durable records
// (one JSON file, replaced atomically by rename so a kill mid-write leaves the old or the new
// copy, never half) and its block devices (sparse files, 512-byte blocks).
import { closeSync, existsSync, fstatSync, ftruncateSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { assertBlockRange, assertWholeBlocks, blockSizeBytes, type BlockStore, type DurableStore } from '@wsfc-lab/protocol';

// Byte arrays are kept as base64 in the JSON file and come back as Uint8Array.
const replaceBytes = (_key: string, value: unknown): unknown => (value instanceof Uint8Array ? { $bytes: Buffer.from(value).toString('base64') } : value);
const reviveBytes = (_key: string, value: unknown): unknown =>
  typeof value === 'object' && value !== null && typeof (value as { $bytes?: unknown }).$bytes === 'string'
    ? new Uint8Array(Buffer.from((value as { $bytes: string }).$bytes, 'base64'))
    : value;

export class FileDurableStore implements DurableStore {
  private readonly path: string;
  private records: Record<string, unknown>;

  constructor(directory: string) {
    mkdirSync(directory, { recursive: true });
    this.path = join(directory, 'durable.json');
    this.records = existsSync(this.path) ? (JSON.parse(readFileSync(this.path, 'utf8'), reviveBytes) as Record<string, unknown>) : {};
  }

  get(key: string): unknown {
    const value = this.records[key];
    return value === undefined ? undefined : structuredClone(value);
  }

  put(key: string, value: unknown): void {
    this.records[key] = structuredClone(value);
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.records, replaceBytes));
    renameSync(temporary, this.path);
  }
}

export class FileBlockStore implements BlockStore {
  private readonly devices = new Map<string, { fd: number; sizeBlocks: number }>();

  constructor(private readonly directory: string) {
    mkdirSync(directory, { recursive: true });
  }

  open(name: string, sizeBlocks: number): number {
    const existing = this.devices.get(name);
    if (existing) return existing.sizeBlocks;
    const path = join(this.directory, `${encodeURIComponent(name)}.img`);
    const fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
    const sizeBytes = fstatSync(fd).size;
    if (sizeBytes === 0) ftruncateSync(fd, sizeBlocks * blockSizeBytes); // sparse: no blocks allocated
    const actualBlocks = Math.max(sizeBlocks, sizeBytes / blockSizeBytes);
    this.devices.set(name, { fd, sizeBlocks: actualBlocks });
    return actualBlocks;
  }

  sizeBlocks(name: string): number | undefined {
    return this.devices.get(name)?.sizeBlocks;
  }

  read(name: string, lba: number, blockCount: number): Uint8Array {
    const device = this.device(name, lba, blockCount);
    const out = new Uint8Array(blockCount * blockSizeBytes);
    readSync(device.fd, out, 0, out.byteLength, lba * blockSizeBytes);
    return out;
  }

  write(name: string, lba: number, data: Uint8Array): void {
    assertWholeBlocks(data);
    const device = this.device(name, lba, data.byteLength / blockSizeBytes);
    writeSync(device.fd, data, 0, data.byteLength, lba * blockSizeBytes);
  }

  close(): void {
    for (const device of this.devices.values()) closeSync(device.fd);
    this.devices.clear();
  }

  private device(name: string, lba: number, blockCount: number) {
    const device = this.devices.get(name);
    if (!device) throw new RangeError(`no block device "${name}"`);
    assertBlockRange(name, device.sizeBlocks, lba, blockCount);
    return device;
  }
}
