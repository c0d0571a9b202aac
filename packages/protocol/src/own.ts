// A table keyed by ids that arrive from the wire is read as its own keys only: an id such as
// "toString" or "__proto__" must find nothing, not a member of Object.prototype.
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
