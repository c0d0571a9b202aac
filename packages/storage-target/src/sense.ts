// SCSI sense data the target returns with CHECK CONDITION: a sense key and an additional sense
// code/qualifier pair from SPC-3 Annex D (the table lives in protocol, where initiators read it).
import { additionalSense } from '@wsfc-lab/protocol';
import type { AdditionalSenseName, Sense, SenseKey } from '@wsfc-lab/protocol';

export function sense(senseKey: SenseKey, name: AdditionalSenseName): Sense {
  const { asc, ascq } = additionalSense[name];
  return { senseKey, asc, ascq };
}

/** The SPC-3 text of a sense triple, e.g. "ILLEGAL REQUEST: LOGICAL UNIT NOT SUPPORTED (25h/00h)". */
export function describeSense(data: Sense): string {
  const entry = Object.values(additionalSense).find((s) => s.asc === data.asc && s.ascq === data.ascq);
  const code = `${hex2(data.asc)}h/${hex2(data.ascq)}h`;
  return `${data.senseKey}: ${entry ? entry.text : 'additional sense'} (${code})`;
}

function hex2(value: number): string {
  return value.toString(16).padStart(2, '0').toUpperCase();
}
