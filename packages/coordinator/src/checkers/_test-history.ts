// Hand-made histories for the checkers' tests: `[atMs, source, event]` in the order written.
import type { HistoryEntry, LabEvent, ReservationKey, ReservationType } from '@wsfc-lab/protocol';

export const historyOf = (items: readonly [number, string, LabEvent][]): HistoryEntry[] => items.map(([atMs, source, event], seq) => ({ atMs, source, seq, event }));

export const iqnOf = (node: string): string => `iqn.1991-05.com.microsoft:${node}.wsfc.local`;
export const keyOf = (nodeId: number): ReservationKey => `0xef0a92dd${nodeId.toString(16).padStart(8, '0')}`;
const nodeIdOf = (node: string): number => Number(node.replace(/\D/g, '')) || 1;

/** A WRITE the target logged: by `node` (registered when `registered`), under `holder`'s WERO reservation. */
export function scsiWrite(o: { node: string; disk?: string; generation: number; lba?: number; registered?: boolean; holder?: string | null; accepted?: boolean; targetIncarnation?: number; reservationType?: ReservationType | null }): LabEvent {
  const holder = o.holder === undefined ? o.node : o.holder;
  const accepted = o.accepted ?? true;
  return {
    type: 'ScsiWrite',
    disk: o.disk ?? 'Cluster Disk 1',
    target: 'iqn.1991-05.com.microsoft:host-wsfc-target',
    lun: 0,
    node: o.node,
    initiator: iqnOf(o.node),
    key: (o.registered ?? true) ? keyOf(nodeIdOf(o.node)) : null,
    holder: holder === null ? null : iqnOf(holder),
    holderKey: holder === null ? null : keyOf(nodeIdOf(holder)),
    reservationType: o.reservationType === undefined ? 'WriteExclusiveRegistrantsOnly' : o.reservationType,
    generation: o.generation,
    targetIncarnation: o.targetIncarnation ?? 0,
    lba: o.lba ?? 2048,
    blockCount: 1,
    status: accepted ? 'Good' : 'ReservationConflict',
  };
}

/** A PERSISTENT RESERVE OUT the target logged, with the state it left (holder, generation, removed keys). */
export function reserveOut(o: { node: string; disk?: string; serviceAction: 'Register' | 'RegisterAndIgnoreExistingKey' | 'Reserve' | 'Preempt' | 'Clear'; generation: number; holder: string | null; removed?: string[]; serviceActionKey?: ReservationKey }): LabEvent {
  const key = keyOf(nodeIdOf(o.node));
  const registering = o.serviceAction === 'Register' || o.serviceAction === 'RegisterAndIgnoreExistingKey';
  return {
    type: 'PersistentReserveOut',
    disk: o.disk ?? 'Cluster Disk 1',
    node: o.node,
    initiator: iqnOf(o.node),
    serviceAction: o.serviceAction,
    requestedType: registering ? null : 'WriteExclusiveRegistrantsOnly',
    key: registering ? '0x0000000000000000' : key,
    serviceActionKey: o.serviceActionKey ?? (registering ? key : keyOf(nodeIdOf(o.removed?.[0] ?? o.node))),
    status: 'Good',
    generation: o.generation,
    holder: o.holder === null ? null : iqnOf(o.holder),
    holderKey: o.holder === null ? null : keyOf(nodeIdOf(o.holder)),
    reservationType: o.holder === null ? null : 'WriteExclusiveRegistrantsOnly',
    registeredKeys: 1,
    removed: (o.removed ?? []).map((n) => ({ initiator: iqnOf(n), key: keyOf(nodeIdOf(n)) })),
    aptpl: false,
    targetIncarnation: 0,
  };
}
