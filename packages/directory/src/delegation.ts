// msDS-AllowedToDelegateTo edits from Set-ADComputer -Remove/-Add/-Replace/-Clear, applied in the
// order the real cmdlet applies them (Remove, Add, Replace, Clear). The edit is computed in full
// before anything changes, so a failed edit leaves the object as it was.
import { adServerErrors, cmdletErrors, type CmdletFailure } from './errors.js';
import { directoryLimits } from './limits.js';
import { stringList, type Read } from './cmdlet-params.js';

export const delegationAttribute = 'msDS-AllowedToDelegateTo';
const cmdlet = 'Set-ADComputer';

export interface DelegationEdit {
  remove: Record<string, unknown> | undefined;
  add: Record<string, unknown> | undefined;
  replace: Record<string, unknown> | undefined;
  clear: string[];
}

/** `service/host` (a service class, a slash, a host; the class may hold spaces). */
export const isSpnShape = (text: string): boolean => /^[^/]+\/[^/\s]+(?:\/[^/\s]+)?$/.test(text.trim());

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function failure(code: { code: number; text: string }, name: string, detail: string): CmdletFailure {
  return cmdletErrors.adServer(cmdlet, code.code, code.text, `${name}: ${detail}`);
}

/** The SPN values of one hashtable, or the failure for an attribute the lab does not keep. */
function valuesOf(table: Record<string, unknown> | undefined, parameter: string, name: string): Read<string[] | undefined> {
  if (table === undefined) return { ok: true, value: undefined };
  let values: string[] | undefined;
  for (const [attribute, raw] of Object.entries(table)) {
    if (!same(attribute, delegationAttribute)) {
      return { ok: false, failure: failure(adServerErrors.noAttribute, name, `-${parameter} names "${attribute}"; the lab keeps only ${delegationAttribute}`) };
    }
    const list = stringList(cmdlet, parameter, raw, directoryLimits.delegationEntriesMax);
    if (!list.ok) return list;
    const bad = list.value.find((value) => !isSpnShape(value));
    if (bad !== undefined) return { ok: false, failure: cmdletErrors.invalidParameter(cmdlet, parameter, bad, 'a service principal name such as cifs/node02') };
    values = list.value.map((value) => value.trim());
  }
  return { ok: true, value: values };
}

export function applyDelegationEdit(current: readonly string[], edit: DelegationEdit, name: string): Read<string[]> {
  const remove = valuesOf(edit.remove, 'Remove', name);
  if (!remove.ok) return remove;
  const add = valuesOf(edit.add, 'Add', name);
  if (!add.ok) return add;
  const replace = valuesOf(edit.replace, 'Replace', name);
  if (!replace.ok) return replace;
  const badClear = edit.clear.find((attribute) => !same(attribute, delegationAttribute));
  if (badClear !== undefined) return { ok: false, failure: failure(adServerErrors.noAttribute, name, `-Clear names "${badClear}"`) };
  let next = [...current];
  for (const value of remove.value ?? []) {
    if (!next.some((entry) => same(entry, value))) return { ok: false, failure: failure(adServerErrors.valueMissing, name, `"${value}" is not in ${delegationAttribute}`) };
    next = next.filter((entry) => !same(entry, value));
  }
  for (const value of add.value ?? []) {
    if (next.some((entry) => same(entry, value))) return { ok: false, failure: failure(adServerErrors.valueExists, name, `"${value}" is already in ${delegationAttribute}`) };
    next.push(value);
  }
  if (replace.value !== undefined) next = [...new Set(replace.value)];
  if (edit.clear.length > 0) next = [];
  if (next.length > directoryLimits.delegationEntriesMax) {
    return { ok: false, failure: failure(adServerErrors.adminLimit, name, `${next.length} entries, over delegationEntriesMax ${directoryLimits.delegationEntriesMax}`) };
  }
  return { ok: true, value: next };
}
