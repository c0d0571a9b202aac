// Reading a cmdlet's parameters as PowerShell binds them: names without regard to case, a value
// given by position (`Resolve-DnsName node02`) bound to the parameter at that position, switches
// present unless `:$false`, and a hash table literal (`@{ UserName = …; Password = … }`) read as
// the object it stands for.

export type Parameters = Record<string, unknown>;

/** The value of parameter `name` (matched without case), else the positional argument at `position`. */
export function param(parameters: Parameters, name: string, position?: number): unknown {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(parameters)) {
    if (key.toLowerCase() === wanted) return value;
  }
  if (position === undefined) return undefined;
  const positional = parameters.$positional;
  return Array.isArray(positional) ? positional[position] : undefined;
}

/** A switch: present and not `:$false`. */
export function switchOn(parameters: Parameters, name: string): boolean {
  const value = param(parameters, name);
  return value !== undefined && value !== null && value !== false && value !== '$false';
}

/** A hash table argument as a plain object with its keys as typed, or undefined when it is not one. */
export function hashTable(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const table = value as { kind?: unknown; entries?: unknown };
  if (table.kind === 'hashTable' && typeof table.entries === 'object' && table.entries !== null) return table.entries as Record<string, unknown>;
  if (table.kind === undefined) return value as Record<string, unknown>;
  return undefined;
}

/** The first of `names` given, for parameters the lab does not model. */
export function firstGiven(parameters: Parameters, names: readonly string[]): string | undefined {
  return names.find((name) => {
    const value = param(parameters, name);
    return value !== undefined && value !== null && value !== false;
  });
}
