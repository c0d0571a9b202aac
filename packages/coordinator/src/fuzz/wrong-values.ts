// The values a wrong-typed field takes, and the one-field mutations of a valid message. Each
// mutation changes exactly one place (a leaf, a key, a list's length), so a rejected frame says
// which field the receiver checked; values of the field's own type (a huge number, a string one
// character too long) test the bounds, values of another type test the shape checks.
import fc from 'fast-check';

/** A list nested `depth` deep around a 1: the decoder and the checks must not recurse unbounded. */
export function nestedList(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

export const wrongValueArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, true, false, 0, -1, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.constantFrom<unknown>(2 ** 53, 2 ** 53 + 2, -(2 ** 63), 2 ** 64, Number.MAX_VALUE, Number.MIN_VALUE, 0xffff_ffff + 1, 0x1_0000),
  fc.constantFrom<unknown>('', ' ', 'node09', '../../etc/passwd', '0x00', 'x'.repeat(300), 'é'.repeat(70), '\u0000', 'Up', '{}'),
  fc.constantFrom<unknown>([], [1, 2], [null], {}, { type: 'HeartbeatRequest' }, new Uint8Array(3), new Uint8Array(513)),
  fc.integer({ min: 2, max: 120 }).map(nestedList),
  fc.jsonValue({ maxDepth: 3 }),
);

export type Path = (string | number)[];

/** Every place in a message that a mutation can touch (objects' keys and lists' items), except `type`. */
export function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push([...prefix, i]);
      pathsOf(item, [...prefix, i], out);
    });
  } else if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    for (const [key, item] of Object.entries(value)) {
      if (prefix.length === 0 && key === 'type') continue;
      out.push([...prefix, key]);
      pathsOf(item, [...prefix, key], out);
    }
  }
  return out;
}

export type Mutation =
  | { op: 'replace'; path: Path; value: unknown }
  | { op: 'delete'; path: Path }
  | { op: 'addKey'; path: Path; key: string; value: unknown }
  | { op: 'lengthen'; path: Path; extra: number };

function parentOf(root: unknown, path: Path): Record<string | number, unknown> | undefined {
  let node = root;
  for (const step of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>) : undefined;
}

/** The message with one mutation applied (a copy; the example is left as it was). */
export function applyMutation(message: Record<string, unknown>, mutation: Mutation): Record<string, unknown> {
  const copy = structuredClone(message);
  const parent = mutation.op === 'addKey' ? parentOf(copy, [...mutation.path, '_']) : parentOf(copy, mutation.path);
  const last = mutation.path[mutation.path.length - 1];
  if (parent === undefined) return copy;
  switch (mutation.op) {
    case 'replace':
      if (last !== undefined) parent[last] = mutation.value;
      return copy;
    case 'delete':
      if (last !== undefined) delete parent[last];
      return copy;
    case 'addKey':
      // defineProperty, so that "__proto__" becomes an own key on the wire, not a prototype here.
      Object.defineProperty(parent, mutation.key, { value: mutation.value, enumerable: true, writable: true, configurable: true });
      return copy;
    case 'lengthen': {
      const target = last === undefined ? undefined : parent[last];
      if (typeof target === 'string') parent[last as string] = target + 'x'.repeat(mutation.extra);
      else if (Array.isArray(target)) parent[last as string] = [...target, ...Array.from({ length: mutation.extra }, () => target[0] ?? 0)];
      return copy;
    }
  }
}

/** One mutation of `message`, drawn from its paths (the top level when it has no other field). */
export function mutationArbitrary(message: Record<string, unknown>): fc.Arbitrary<Mutation> {
  const paths = pathsOf(message);
  const objectPaths: Path[] = [[], ...paths.filter((p) => isObjectAt(message, p))];
  const path = paths.length > 0 ? fc.constantFrom(...paths) : fc.constant<Path>([]);
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ op: fc.constant('replace' as const), path, value: wrongValueArbitrary }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), path }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('addKey' as const), path: fc.constantFrom(...objectPaths), key: fc.constantFrom('extra', '__proto__', 'constructor', 'Type'), value: wrongValueArbitrary }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('lengthen' as const), path, extra: fc.constantFrom(1, 64, 300, 5000) }) },
  );
}

function isObjectAt(root: unknown, path: Path): boolean {
  let node = root;
  for (const step of path) node = (node as Record<string | number, unknown> | undefined)?.[step];
  return node !== null && typeof node === 'object' && !Array.isArray(node) && !(node instanceof Uint8Array);
}
