/**
 * The checks every protocol's validator is built from: a check returns a fresh copy of what it
 * accepts (an object holds only the keys its schema names) or REFUSED. Messages come from a
 * webview, so nothing is trusted: no extra key, no prototype key, no value outside its range.
 */

/** What a check returns for a value it does not accept (undefined can be a value). */
export const REFUSED: unique symbol = Symbol('refused');
export type Check<T> = (value: unknown) => T | typeof REFUSED;

/** A key an object may leave out; when present, its value must pass the check. */
interface OptionalField<T> {
  readonly optional: Check<T>;
}
type Field = Check<unknown> | OptionalField<unknown>;
export type Shape = Readonly<Record<string, Field>>;

type Simplify<T> = { [K in keyof T]: T[K] };
type Required<S extends Shape> = {
  -readonly [K in keyof S as S[K] extends OptionalField<unknown> ? never : K]: S[K] extends Check<infer T> ? T : never;
};
type Optional<S extends Shape> = {
  -readonly [K in keyof S as S[K] extends OptionalField<unknown> ? K : never]?: S[K] extends OptionalField<infer T>
    ? T
    : never;
};
/** The object a shape accepts. */
type Fields<S extends Shape> = Simplify<Required<S> & Optional<S>>;
/** The union a tagged schema accepts: each member's shape with its tag. */
type Tagged<Tag extends string, M extends Record<string, Shape>> = {
  [K in keyof M & string]: Simplify<Record<Tag, K> & Fields<M[K]>>;
}[keyof M & string];

export const optional = <T>(check: Check<T>): OptionalField<T> => ({ optional: check });

export function oneOf<const T extends readonly (string | number)[]>(values: T): Check<T[number]> {
  return (v) => (values.includes(v as T[number]) ? (v as T[number]) : REFUSED);
}

export const boolean: Check<boolean> = (v) => (typeof v === 'boolean' ? v : REFUSED);

/** A safe integer in [min, max]. */
export function integer(min: number, max = Number.MAX_SAFE_INTEGER): Check<number> {
  return (v) => (Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : REFUSED);
}

/** A number in [min, max] (so never NaN). */
export function number(min: number, max: number): Check<number> {
  return (v) => (typeof v === 'number' && v >= min && v <= max ? v : REFUSED);
}

/** A string of at most `max` characters (at least `min`), matching `pattern` if given. */
export function text(max: number, { min = 0, pattern }: { min?: number; pattern?: RegExp } = {}): Check<string> {
  return (v) =>
    typeof v === 'string' && v.length >= min && v.length <= max && (!pattern || pattern.test(v)) ? v : REFUSED;
}

/** Bytes: VS Code revives an ArrayBuffer as one, or as a Uint8Array over one. */
export const bytes: Check<ArrayBuffer | Uint8Array> = (v) =>
  v instanceof ArrayBuffer || v instanceof Uint8Array ? v : REFUSED;

/** An array of at most `max` items (at least `min`), each passing `item`; copied. */
export function list<T>(item: Check<T>, max: number, min = 0): Check<T[]> {
  return (v) => {
    if (!Array.isArray(v) || v.length < min || v.length > max) return REFUSED;
    const out: T[] = [];
    for (const x of v as unknown[]) {
      const checked = item(x);
      if (checked === REFUSED) return REFUSED;
      out.push(checked);
    }
    return out;
  };
}

/**
 * An object of at most `max` keys (at most 100 characters each), every value passing `value`;
 * copied into an object without a prototype, so that no key (`toString`, `__proto__`) is inherited.
 */
export function record<T>(value: Check<T>, max: number): Check<Record<string, T>> {
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return REFUSED;
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length > max) return REFUSED;
    const out = Object.create(null) as Record<string, T>;
    for (const [key, item] of entries) {
      const checked = value(item);
      if (key.length > 100 || checked === REFUSED) return REFUSED;
      out[key] = checked;
    }
    return out;
  };
}

/** What `check` accepts and `ok` then holds true of (a relation between fields, say). */
export function satisfying<T>(check: Check<T>, ok: (value: T) => boolean): Check<T> {
  return (v) => {
    const checked = check(v);
    return checked !== REFUSED && ok(checked) ? checked : REFUSED;
  };
}

/** An object with exactly the keys of `shape` (optional ones may be missing). */
export function exact<S extends Shape>(shape: S): Check<Fields<S>> {
  const names = Object.keys(shape);
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return REFUSED;
    const given = v as Record<string, unknown>;
    if (Object.keys(given).some((key) => !Object.hasOwn(shape, key))) return REFUSED;
    const out: Record<string, unknown> = {};
    for (const name of names) {
      const field = shape[name];
      const present = Object.hasOwn(given, name);
      if (!present && typeof field === 'function') return REFUSED;
      if (!present) continue;
      const checked = (typeof field === 'function' ? field : field.optional)(given[name]);
      if (checked === REFUSED) return REFUSED;
      out[name] = checked;
    }
    return out as Fields<S>;
  };
}

/** One of several exact objects, told apart by the value of their `tag` key. */
export function tagged<Tag extends string, M extends Record<string, Shape>>(
  tag: Tag,
  shapes: M,
): Check<Tagged<Tag, M>> {
  const checks = new Map(
    Object.entries(shapes).map(([name, shape]) => [name, exact({ [tag]: oneOf([name]), ...shape })] as const),
  );
  return (v) => {
    if (typeof v !== 'object' || v === null) return REFUSED;
    const name = (v as Record<string, unknown>)[tag];
    const check = typeof name === 'string' ? checks.get(name) : undefined;
    return check ? (check(v) as Tagged<Tag, M> | typeof REFUSED) : REFUSED;
  };
}

/** A check as a parser: the value accepted, or undefined. */
export function parser<T>(check: Check<T>): (value: unknown) => T | undefined {
  return (v) => {
    const checked = check(v);
    return checked === REFUSED ? undefined : checked;
  };
}
