// What is derived from one version of the cluster database, computed once: a copy's entries are
// never changed in place (every update makes new ones), so a value keyed by the entries object
// stays right for as long as that version is current, and goes with it.
const derived = new WeakMap<object, Map<string, unknown>>();

export function perVersion<T>(entries: object, key: string, compute: () => T): T {
  let values = derived.get(entries);
  if (!values) derived.set(entries, (values = new Map()));
  if (!values.has(key)) values.set(key, compute());
  return values.get(key) as T;
}
