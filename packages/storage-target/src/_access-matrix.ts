// The expected medium access per reservation type (SPC-3 Table 31, SBC-3 Table 13), shared by the
// pure test of `accessFor` and the test through the actor's READ and WRITE.
import type { ReservationType } from '@wsfc-lab/protocol';

export type Access = 'Allowed' | 'ReservationConflict';

/** [holder Read, holder Write, registrant Read, registrant Write, unregistered Read, unregistered Write] */
export const accessMatrix: Record<ReservationType, [Access, Access, Access, Access, Access, Access]> = {
  WriteExclusive: ['Allowed', 'Allowed', 'Allowed', 'ReservationConflict', 'Allowed', 'ReservationConflict'],
  ExclusiveAccess: ['Allowed', 'Allowed', 'ReservationConflict', 'ReservationConflict', 'ReservationConflict', 'ReservationConflict'],
  WriteExclusiveRegistrantsOnly: ['Allowed', 'Allowed', 'Allowed', 'Allowed', 'Allowed', 'ReservationConflict'],
  ExclusiveAccessRegistrantsOnly: ['Allowed', 'Allowed', 'Allowed', 'Allowed', 'ReservationConflict', 'ReservationConflict'],
  WriteExclusiveAllRegistrants: ['Allowed', 'Allowed', 'Allowed', 'Allowed', 'Allowed', 'ReservationConflict'],
  ExclusiveAccessAllRegistrants: ['Allowed', 'Allowed', 'Allowed', 'Allowed', 'ReservationConflict', 'ReservationConflict'],
};
