// Bounds of the directory's own tables, named in protocol's limits module (STYLE 7). The wire bounds
// (addresses per name, TTL) live in protocol's messages/directory.ts. When a table is full the
// request is refused with the real "limit exceeded" status, counted and emitted; nothing grows.
import { dnsAddressesPerNameMax, subsystemLimits } from '@wsfc-lab/protocol';

export const directoryLimits = { ...subsystemLimits.directory, dnsAddressesPerNameMax } as const;
