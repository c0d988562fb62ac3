import { NpyArray } from './npyArray';

/**
 * Values as NumPy prints them (the readout follows NumPy 2.4.6's `str()` of a scalar):
 * True, -3, 0.1, nan, 1.234e+03, (1.5-2j).
 */
export function formatElement(array: NpyArray, offset: number): string {
  const { dtype } = array.header;
  const raw = array.raw;
  switch (dtype.kind) {
    case 'bool':
      return raw[offset] ? 'True' : 'False';
    case 'int':
    case 'uint':
      return String(raw[offset]);
    case 'float':
      return formatFloat(array.values[offset], dtype.itemSize);
    case 'complex':
      return formatComplex(Number(raw[2 * offset]), Number(raw[2 * offset + 1]), dtype.itemSize / 2);
  }
}

interface FloatFormat {
  /** Significand bits, the implicit one included. */
  precision: number;
  /** Exponent of the smallest normal number. */
  minExponent: number;
  /** From this magnitude on NumPy prints scalars of this size in scientific notation. */
  positionalLimit: number;
}
const FORMATS: Record<number, FloatFormat> = {
  2: { precision: 11, minExponent: -14, positionalLimit: 1e3 },
  4: { precision: 24, minExponent: -126, positionalLimit: 1e6 },
  8: { precision: 53, minExponent: -1022, positionalLimit: 1e16 },
};

/**
 * A float of `size` bytes as NumPy prints a scalar: the shortest digits that read back as the
 * same value of that size (Dragon4's "unique" mode), positional from 1e-4 up to a limit that
 * depends on the size (1e3, 1e6, 1e16), scientific outside it.
 */
export function formatFloat(value: number, size: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const format = FORMATS[size];
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  const { digits, exponent } = shortestDigits(magnitude, format);
  if (magnitude >= 1e-4 && magnitude < format.positionalLimit) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
  }
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** Python's complex style: (re+imj), integral parts without ".0", a lone imaginary part for +0 real. */
function formatComplex(re: number, im: number, size: number): string {
  const part = (v: number) => formatFloat(v, size).replace(/\.0$/, '');
  const imText = `${part(Math.abs(im))}j`;
  const sign = im < 0 || Object.is(im, -0) ? '-' : '+';
  if (re === 0 && !Object.is(re, -0)) return `${sign === '-' ? '-' : ''}${imText}`;
  return `(${part(re)}${sign}${imText})`;
}

/**
 * The fewest significant digits that identify `value` (positive, finite) among the floats of
 * this format, and the decimal exponent of the first digit: 1234 -> "1234", 3. Among
 * candidates of the shortest length the nearest to the value wins, a tie going to an even
 * last digit. Exact: every comparison is made in integers (BigInt).
 */
function shortestDigits(value: number, format: FloatFormat): { digits: string; exponent: number } {
  // value = m * 2^u exactly, with m the significand in this format's precision.
  const binaryExponent = Math.max(floorLog2(value), format.minExponent);
  const u = binaryExponent - format.precision + 1;
  const m = BigInt(value / 2 ** u); // exact: value is a float of this format
  // The values that read back as `value` lie between the midpoints to its neighbours (below a
  // power of two the lower neighbour is half as far); a midpoint itself reads back as the
  // neighbour with the even significand (round half to even), so it counts when m is even.
  const q = u - 2;
  const V = 4n * m;
  const H = V + 2n;
  const L = m === 1n << BigInt(format.precision - 1) && binaryExponent > format.minExponent ? V - 1n : V - 2n;
  let first = Math.floor(Math.log10(value));
  for (let k = 1; k <= 17; k++) {
    // c = floor(value / 10^E): the k-digit decimals nearest below and above are c and c + 1.
    const E = first - k + 1;
    const c = floorScaled(V, q, E);
    if (k === 1 && (c >= 10n || c === 0n)) {
      first += c >= 10n ? 1 : -1;
      k = 0;
      continue;
    }
    const edge = m % 2n === 0n ? 0 : 1;
    const inside = [c, c + 1n].filter((d) => compare(d, E, L, q) >= edge && compare(d, E, H, q) <= -edge);
    if (inside.length === 0) continue;
    let best = inside[0];
    if (inside.length === 2) {
      // Nearer of c and c + 1 to the value: compare 2 * value with (2c + 1) * 10^E.
      const order = compare(2n * c + 1n, E, 2n * V, q);
      best = order > 0 ? c : order < 0 ? c + 1n : c % 2n === 0n ? c : c + 1n;
    }
    const text = best.toString();
    const digits = text.replace(/0+$/, '') || '0';
    return { digits, exponent: E + text.length - 1 };
  }
  throw new Error(`no shortest representation for ${value}`);
}

/** Exponent of the highest set bit of a positive finite double. */
function floorLog2(value: number): number {
  let e = Math.floor(Math.log2(value));
  if (2 ** e > value) e--;
  else if (2 ** (e + 1) <= value) e++;
  return e;
}

/** floor(X * 2^q / 10^E) */
function floorScaled(X: bigint, q: number, E: number): bigint {
  const num = X * pow2(Math.max(q, 0)) * pow10(Math.max(-E, 0));
  const den = pow2(Math.max(-q, 0)) * pow10(Math.max(E, 0));
  return num / den;
}

/** The sign of d * 10^E - X * 2^q. */
function compare(d: bigint, E: number, X: bigint, q: number): number {
  const left = d * pow10(Math.max(E, 0)) * pow2(Math.max(-q, 0));
  const right = X * pow10(Math.max(-E, 0)) * pow2(Math.max(q, 0));
  return left > right ? 1 : left < right ? -1 : 0;
}

const pow2 = (n: number) => 1n << BigInt(n);
const pow10 = (n: number) => 10n ** BigInt(n);
