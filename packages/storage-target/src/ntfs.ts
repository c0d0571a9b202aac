// The parts of an NTFS volume that Format-Volume -FileSystem NTFS leaves and Get-Volume reads:
// the boot sector (OEM ID "NTFS    ", geometry, the 64-bit volume serial number, where $MFT and
// $MFTMirr start), its backup in the partition's last sector, and MFT record 3, $Volume, whose
// $VOLUME_NAME attribute holds the label and $VOLUME_INFORMATION the NTFS version (3.1). The record
// is written with its update-sequence fixups, as NTFS writes every multi-sector record.
//
// The lab writes only these records, not a whole file system. Where Windows' choices are not
// published, it follows a simple rule: $MFT at cluster min(786432, a third of the volume), $MFTMirr
// at cluster 2, 1024-byte file records, 4 KiB clusters unless told otherwise.
import { blockSizeBytes } from '@wsfc-lab/protocol';
import type { BlockWrite } from './gpt.js';

export interface NtfsFormat {
  /** The partition's first LBA on the disk. */
  partitionFirstLba: number;
  partitionSizeBlocks: number;
  /** NewFileSystemLabel; at most 32 characters. */
  label: string;
  /** The 64-bit volume serial number, "0x" and 16 hex digits. */
  serialNumber: string;
  /** AllocationUnitSize; a power of two from 512 to 65536. Default 4096. */
  clusterSizeBytes?: number;
}

export interface NtfsBootSector {
  bytesPerSector: number;
  clusterSizeBytes: number;
  /** Sectors in the volume, not counting the backup boot sector. */
  totalSectors: number;
  hiddenSectors: number;
  mftCluster: number;
  mftMirrorCluster: number;
  fileRecordSizeBytes: number;
  serialNumber: string;
}

export interface NtfsVolumeRecord {
  label: string;
  ntfsVersion: string;
}

const fileRecordSizeBytes = 1024;
const volumeRecordNumber = 3;
const updateSequenceNumber = 0x0001;
const labelCharsMax = 32;
const attributeTypes = { VolumeName: 0x60, VolumeInformation: 0x70, End: 0xffff_ffff } as const;

export type EncodedNtfs = { ok: true; writes: BlockWrite[]; boot: NtfsBootSector } | { ok: false; why: string };

function layoutOf(format: NtfsFormat): NtfsBootSector | string {
  const clusterSizeBytes = format.clusterSizeBytes ?? 4096;
  if (!(clusterSizeBytes >= 512 && clusterSizeBytes <= 65536 && (clusterSizeBytes & (clusterSizeBytes - 1)) === 0)) {
    return `AllocationUnitSize ${clusterSizeBytes} is not a power of two from 512 to 65536`;
  }
  if (format.label.length > labelCharsMax) return `label ${JSON.stringify(format.label)} is longer than ${labelCharsMax} characters`;
  if (!/^0x[0-9a-f]{16}$/.test(format.serialNumber)) return `serial number ${JSON.stringify(format.serialNumber)} is not "0x" and 16 hex digits`;
  const totalSectors = format.partitionSizeBlocks - 1;
  const sectorsPerCluster = clusterSizeBytes / blockSizeBytes;
  const totalClusters = Math.floor(totalSectors / sectorsPerCluster);
  if (totalClusters < 16) return `a partition of ${format.partitionSizeBlocks} blocks is too small for NTFS with ${clusterSizeBytes}-byte clusters`;
  return {
    bytesPerSector: blockSizeBytes,
    clusterSizeBytes,
    totalSectors,
    hiddenSectors: format.partitionFirstLba,
    mftCluster: Math.min(786_432, Math.max(4, Math.floor(totalClusters / 3))),
    mftMirrorCluster: 2,
    fileRecordSizeBytes,
    serialNumber: format.serialNumber,
  };
}

function encodeBootSector(boot: NtfsBootSector): Uint8Array {
  const sector = new Uint8Array(blockSizeBytes);
  const view = new DataView(sector.buffer);
  sector.set([0xeb, 0x52, 0x90], 0);
  sector.set(new TextEncoder().encode('NTFS    '), 3);
  view.setUint16(0x0b, boot.bytesPerSector, true);
  sector[0x0d] = boot.clusterSizeBytes / boot.bytesPerSector;
  sector[0x15] = 0xf8; // media descriptor: fixed disk
  view.setUint16(0x18, 63, true); // sectors per track
  view.setUint16(0x1a, 255, true); // heads
  view.setUint32(0x1c, Math.min(boot.hiddenSectors, 0xffff_ffff), true);
  sector.set([0x80, 0x00, 0x80, 0x00], 0x24);
  view.setBigUint64(0x28, BigInt(boot.totalSectors), true);
  view.setBigUint64(0x30, BigInt(boot.mftCluster), true);
  view.setBigUint64(0x38, BigInt(boot.mftMirrorCluster), true);
  view.setInt8(0x40, -Math.log2(boot.fileRecordSizeBytes)); // 0xF6: 2^10-byte records
  sector[0x44] = 1; // clusters per index buffer
  view.setBigUint64(0x48, BigInt(boot.serialNumber), true);
  sector[510] = 0x55;
  sector[511] = 0xaa;
  return sector;
}

export type DecodedNtfsBoot = { ok: true; boot: NtfsBootSector } | { ok: false; why: string };

/** Get-Volume's FileSystem is NTFS when this succeeds, RAW otherwise. */
export function decodeNtfsBootSector(sector: Uint8Array): DecodedNtfsBoot {
  if (sector.length < blockSizeBytes) return { ok: false, why: 'the boot sector was not read' };
  const view = new DataView(sector.buffer, sector.byteOffset, blockSizeBytes);
  if (new TextDecoder().decode(sector.subarray(3, 11)) !== 'NTFS    ') return { ok: false, why: 'OEM ID is not "NTFS    "' };
  if (sector[510] !== 0x55 || sector[511] !== 0xaa) return { ok: false, why: 'no 55AA boot signature' };
  const bytesPerSector = view.getUint16(0x0b, true);
  const sectorsPerCluster = sector[0x0d] ?? 0;
  const recordCode = view.getInt8(0x40);
  if (bytesPerSector !== blockSizeBytes || sectorsPerCluster === 0) return { ok: false, why: `geometry ${bytesPerSector} bytes per sector, ${sectorsPerCluster} per cluster` };
  const clusterSizeBytes = bytesPerSector * sectorsPerCluster;
  return {
    ok: true,
    boot: {
      bytesPerSector,
      clusterSizeBytes,
      totalSectors: Number(view.getBigUint64(0x28, true)),
      hiddenSectors: view.getUint32(0x1c, true),
      mftCluster: Number(view.getBigUint64(0x30, true)),
      mftMirrorCluster: Number(view.getBigUint64(0x38, true)),
      fileRecordSizeBytes: recordCode < 0 ? 2 ** -recordCode : recordCode * clusterSizeBytes,
      serialNumber: `0x${view.getBigUint64(0x48, true).toString(16).padStart(16, '0')}`,
    },
  };
}

/** Where MFT record 3 ($Volume) lies, in blocks from the partition's start. */
export function ntfsVolumeRecordRange(boot: NtfsBootSector): { lbaOffset: number; blockCount: number } {
  const sectorsPerCluster = boot.clusterSizeBytes / boot.bytesPerSector;
  const recordSectors = boot.fileRecordSizeBytes / boot.bytesPerSector;
  return { lbaOffset: boot.mftCluster * sectorsPerCluster + volumeRecordNumber * recordSectors, blockCount: recordSectors };
}

function resident(type: number, id: number, value: Uint8Array): Uint8Array {
  const length = Math.ceil((0x18 + value.length) / 8) * 8;
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, length, true);
  view.setUint16(0x0a, 0x18, true); // name offset (no name)
  view.setUint16(0x0e, id, true);
  view.setUint32(0x10, value.length, true);
  view.setUint16(0x14, 0x18, true); // value offset
  bytes.set(value, 0x18);
  return bytes;
}

function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), true);
  return bytes;
}

function fromUtf16le(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) text += String.fromCharCode(view.getUint16(i, true));
  return text;
}

/** MFT record 3, $Volume, with the label and version 3.1, fixups applied. */
function encodeVolumeRecord(label: string): Uint8Array {
  const record = new Uint8Array(fileRecordSizeBytes);
  const view = new DataView(record.buffer);
  const sectors = fileRecordSizeBytes / blockSizeBytes;
  const usaOffset = 0x30;
  const firstAttribute = Math.ceil((usaOffset + 2 * (1 + sectors)) / 8) * 8;
  const volumeInformation = new Uint8Array(12);
  volumeInformation[8] = 3; // major version
  volumeInformation[9] = 1; // minor version
  const attributes = [resident(attributeTypes.VolumeName, 0, utf16le(label)), resident(attributeTypes.VolumeInformation, 1, volumeInformation)];
  record.set(new TextEncoder().encode('FILE'), 0);
  view.setUint16(0x04, usaOffset, true);
  view.setUint16(0x06, 1 + sectors, true);
  view.setUint16(0x10, volumeRecordNumber, true); // sequence number
  view.setUint16(0x12, 1, true); // hard links
  view.setUint16(0x14, firstAttribute, true);
  view.setUint16(0x16, 0x0001, true); // in use
  let at = firstAttribute;
  for (const attribute of attributes) {
    record.set(attribute, at);
    at += attribute.length;
  }
  view.setUint32(at, attributeTypes.End, true);
  view.setUint32(0x18, at + 8, true); // bytes in use
  view.setUint32(0x1c, fileRecordSizeBytes, true);
  view.setUint16(0x28, attributes.length, true); // next attribute id
  view.setUint32(0x2c, volumeRecordNumber, true);
  // Update sequence: the last two bytes of each sector move to the array; the number takes their place.
  view.setUint16(usaOffset, updateSequenceNumber, true);
  for (let s = 0; s < sectors; s++) {
    const tail = (s + 1) * blockSizeBytes - 2;
    view.setUint16(usaOffset + 2 * (s + 1), view.getUint16(tail, true), true);
    view.setUint16(tail, updateSequenceNumber, true);
  }
  return record;
}

export type DecodedVolumeRecord = { ok: true; record: NtfsVolumeRecord } | { ok: false; why: string };

export function decodeNtfsVolumeRecord(bytes: Uint8Array): DecodedVolumeRecord {
  if (bytes.length < fileRecordSizeBytes) return { ok: false, why: `the record was not read (${bytes.length} bytes)` };
  const record = bytes.slice(0, fileRecordSizeBytes);
  const view = new DataView(record.buffer);
  if (new TextDecoder().decode(record.subarray(0, 4)) !== 'FILE') return { ok: false, why: 'no "FILE" signature' };
  const usaOffset = view.getUint16(0x04, true);
  const usaCount = view.getUint16(0x06, true);
  if (usaCount !== 1 + fileRecordSizeBytes / blockSizeBytes || usaOffset + 2 * usaCount > 0x100) return { ok: false, why: `update sequence of ${usaCount} at ${usaOffset}` };
  const usn = view.getUint16(usaOffset, true);
  for (let s = 0; s < usaCount - 1; s++) {
    const tail = (s + 1) * blockSizeBytes - 2;
    if (view.getUint16(tail, true) !== usn) return { ok: false, why: `sector ${s} of the record is torn (update sequence mismatch)` };
    view.setUint16(tail, view.getUint16(usaOffset + 2 * (s + 1), true), true);
  }
  let label: string | undefined;
  let ntfsVersion: string | undefined;
  for (let at = view.getUint16(0x14, true); at + 8 <= fileRecordSizeBytes; ) {
    const type = view.getUint32(at, true);
    const length = view.getUint32(at + 4, true);
    if (type === attributeTypes.End || length < 0x18 || at + length > fileRecordSizeBytes) break;
    const valueLength = view.getUint32(at + 0x10, true);
    const value = record.subarray(at + view.getUint16(at + 0x14, true), at + view.getUint16(at + 0x14, true) + valueLength);
    if (type === attributeTypes.VolumeName) label = fromUtf16le(value);
    if (type === attributeTypes.VolumeInformation) ntfsVersion = `${value[8]}.${value[9]}`;
    at += length;
  }
  if (label === undefined || ntfsVersion === undefined) return { ok: false, why: 'no $VOLUME_NAME or $VOLUME_INFORMATION attribute' };
  return { ok: true, record: { label, ntfsVersion } };
}

/** The writes Format-Volume -FileSystem NTFS makes, at LBAs on the disk. */
export function encodeNtfsVolume(format: NtfsFormat): EncodedNtfs {
  const boot = layoutOf(format);
  if (typeof boot === 'string') return { ok: false, why: boot };
  const bootSector = encodeBootSector(boot);
  const volumeRecord = encodeVolumeRecord(format.label);
  const recordOffset = ntfsVolumeRecordRange(boot).lbaOffset;
  const mirrorOffset = recordOffset - boot.mftCluster * (boot.clusterSizeBytes / blockSizeBytes) + boot.mftMirrorCluster * (boot.clusterSizeBytes / blockSizeBytes);
  const at = (offset: number) => format.partitionFirstLba + offset;
  return {
    ok: true,
    boot,
    writes: [
      { lba: at(0), data: bootSector },
      { lba: at(boot.totalSectors), data: bootSector },
      { lba: at(recordOffset), data: volumeRecord },
      { lba: at(mirrorOffset), data: volumeRecord },
    ],
  };
}
