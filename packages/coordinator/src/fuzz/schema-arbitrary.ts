// Valid examples of every wire message, drawn from the message's own zod schema: the fuzzer
// mutates these one field at a time, so each wrong-typed frame differs from a valid one in exactly
// the field it names. The walk reads zod 4's schema definitions (`_zod.def`: the node's type, its
// children and its checks such as min_length or greater_than) and builds a fast-check arbitrary
// per node. Refinements the walk cannot see (`.refine`, `z.custom`) are honoured by filtering the
// whole message through its schema afterwards (`validMessageArbitrary`).
import fc from 'fast-check';
import type { z } from 'zod';

interface CheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: RegExp;
}

interface SchemaDef {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  format?: string;
  pattern?: RegExp;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, string | number>;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  innerType?: z.ZodType;
  in?: z.ZodType;
}

/** Strings and lists are kept short unless a minimum says otherwise: examples, not stress. */
const exampleLengthMax = 12;

export class SchemaWalkError extends Error {
  override name = 'SchemaWalkError';
}

export function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

function checksOf(def: SchemaDef): CheckDef[] {
  return (def.checks ?? []).map((c) => c._zod.def);
}

/** The declared length bounds, and a short maximum for examples (`example`). */
function lengthBounds(def: SchemaDef): { min: number; max: number; declaredMax: number } {
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const c of checksOf(def)) {
    if (c.check === 'min_length' && c.minimum !== undefined) min = Math.max(min, c.minimum);
    if (c.check === 'max_length' && c.maximum !== undefined) max = Math.min(max, c.maximum);
    if (c.check === 'length_equals' && c.value !== undefined) [min, max] = [c.value, c.value];
  }
  return { min, max: Math.min(max, Math.max(min, exampleLengthMax)), declaredMax: max };
}

function numberArbitrary(def: SchemaDef): fc.Arbitrary<number> {
  let min = -1e9;
  let max = 1e9;
  let integer = false;
  for (const c of checksOf(def)) {
    if (c.check === 'number_format') integer = true;
    if (c.check === 'greater_than' && c.value !== undefined) min = c.inclusive ? c.value : c.value + (integer ? 1 : 1e-6);
    if (c.check === 'less_than' && c.value !== undefined) max = c.inclusive ? c.value : c.value - (integer ? 1 : 1e-6);
  }
  if (integer || Number.isInteger(min + max)) {
    const lo = Math.ceil(Math.max(min, Number.MIN_SAFE_INTEGER));
    const hi = Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER));
    return integer ? fc.integer({ min: lo, max: hi }).map((n) => n) : fc.oneof(fc.integer({ min: Math.max(lo, -1e9), max: Math.min(hi, 1e9) }), fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }));
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function stringArbitrary(def: SchemaDef): fc.Arbitrary<string> {
  const format = def.format ?? checksOf(def).find((c) => c.check === 'string_format')?.format;
  const pattern = def.pattern ?? checksOf(def).find((c) => c.check === 'string_format')?.pattern;
  if (format === 'ipv4') return fc.ipV4();
  if (format === 'ipv6') return fc.ipV6();
  const { min, max, declaredMax } = lengthBounds(def);
  // A pattern fixes its own lengths (a 16-digit digest): only the declared bounds apply to it.
  if (pattern !== undefined) return fc.stringMatching(pattern).filter((s) => s.length >= min && s.length <= declaredMax);
  return fc.string({ minLength: min, maxLength: max });
}

function objectArbitrary(def: SchemaDef): fc.Arbitrary<Record<string, unknown>> {
  const shape = def.shape ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const optionalKeys: string[] = [];
  for (const [key, child] of Object.entries(shape)) {
    model[key] = arbitraryFor(child);
    if (defOf(child).type === 'optional') optionalKeys.push(key);
  }
  const requiredKeys = Object.keys(model).filter((k) => !optionalKeys.includes(k));
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
}

/** A fast-check arbitrary for values `schema` should accept (before its refinements). */
export function arbitraryFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringArbitrary(def);
    case 'number':
      return numberArbitrary(def);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'literal':
      return fc.constantFrom(...(def.values ?? []));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'object':
      return objectArbitrary(def);
    case 'array': {
      const { min, max } = lengthBounds(def);
      return fc.array(arbitraryFor(def.element as z.ZodType), { minLength: min, maxLength: Math.min(max, 4 + min) });
    }
    case 'tuple':
      return fc.tuple(...(def.items ?? []).map(arbitraryFor));
    case 'union':
      return fc.oneof(...(def.options ?? []).map(arbitraryFor));
    case 'record':
      return fc.dictionary(arbitraryFor(def.keyType as z.ZodType) as fc.Arbitrary<string>, arbitraryFor(def.valueType as z.ZodType), { maxKeys: 4 });
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
      return arbitraryFor(def.innerType as z.ZodType);
    case 'nullable':
      return fc.option(arbitraryFor(def.innerType as z.ZodType), { nil: null });
    case 'pipe':
      return arbitraryFor(def.in as z.ZodType);
    case 'custom':
      // The only custom schemas on the wire are block payloads (a Uint8Array of whole blocks).
      return fc.constantFrom(0, 1, 2).map((blocks) => new Uint8Array(blocks * 512));
    default:
      throw new SchemaWalkError(`no arbitrary for a zod "${def.type}" schema`);
  }
}

/** The variants of a discriminated union, by their `type` literal. */
export function variantsByType(union: z.ZodType): Map<string, z.ZodType> {
  const variants = new Map<string, z.ZodType>();
  for (const option of defOf(union).options ?? []) {
    const typeSchema = defOf(option).shape?.type;
    const literal = typeSchema === undefined ? undefined : defOf(typeSchema).values?.[0];
    if (typeof literal !== 'string') throw new SchemaWalkError(`a variant of the union has no string "type" literal`);
    variants.set(literal, option);
  }
  return variants;
}

/** Valid messages of one variant: generated from its shape, kept only when its schema agrees. */
export function validMessageArbitrary(variant: z.ZodType): fc.Arbitrary<Record<string, unknown>> {
  return (arbitraryFor(variant) as fc.Arbitrary<Record<string, unknown>>).filter((value) => variant.safeParse(value).success);
}
