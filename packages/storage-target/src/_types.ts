// Type aliases for protocol types the protocol's entry point does not name directly.
import type { StorageEvent } from '@wsfc-lab/protocol';

export type { ActorIo } from '@wsfc-lab/protocol';
export type ScsiCommandRefusedEvent = Extract<StorageEvent, { type: 'ScsiCommandRefused' }>;
export type ScsiRefusalReasonOf = ScsiCommandRefusedEvent['reason'];
export type IscsiLoginRefusedEvent = Extract<StorageEvent, { type: 'IscsiLoginRefused' }>;
export type IscsiSessionEndReasonOf = Extract<StorageEvent, { type: 'IscsiSessionEnded' }>['reason'];
