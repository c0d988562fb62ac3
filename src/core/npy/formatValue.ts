import { NpyArray } from './decode';

/** An element as NumPy prints it (True, -3, 0.1, nan, 1.234e+03, (1.5-2j)), from its position in the data. */
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

/** From this magnitude on NumPy (2.x) prints a float of this size in scientific notation. */
const POSITIONAL_LIMIT: Record<number, number> = { 2: 1e3, 4: 1e7, 8: 1e16 };

/**
 * A float as NumPy prints a scalar of `size` bytes: the fewest digits that read back as the
 * same value of that size, positional between 1e-4 and a size-dependent limit, else scientific.
 */
export function formatFloat(value: number, size: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponent] = shortest(value, size).split('e');
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < POSITIONAL_LIMIT[size]) {
    const text = Number(`${mantissa}e${exponent}`).toFixed(Math.max(0, mantissa.replace(/[-.]/g, '').length - 1 - Number(exponent)));
    const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
    return trimmed.includes('.') ? trimmed : `${trimmed}.0`;
  }
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
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
 * The fewest significant digits that read back as `value` at this size, in exponential form
 * ("3.422e+2"); among candidates of that length the nearest, ties to an even last digit
 * (as NumPy's Dragon4 does).
 */
function shortest(value: number, size: number): string {
  for (let digits = 1; digits < 17; digits++) {
    const near = value.toExponential(digits - 1);
    const unit = 10 ** (Number(near.split('e')[1]) - digits + 1);
    const candidates = [Number(near) - unit, Number(near), Number(near) + unit]
      .map((c) => c.toExponential(digits - 1))
      .filter((text) => roundsTo(Number(text), value, size));
    if (candidates.length === 0) continue;
    const distance = (text: string) => Math.abs(Number(text) - value);
    candidates.sort((a, b) => distance(a) - distance(b) || evenLast(a) - evenLast(b));
    return candidates[0];
  }
  return value.toExponential(16);
}

function evenLast(text: string): number {
  return Number(text.split('e')[0].slice(-1)) % 2;
}

function roundsTo(candidate: number, value: number, size: number): boolean {
  if (size === 8) return candidate === value;
  if (size === 4) return Math.fround(candidate) === value;
  // float16: 11 significant bits; the candidate must lie within half a unit in the last place.
  const exponent = Math.max(Math.floor(Math.log2(Math.abs(value))) - 10, -24);
  return Math.abs(candidate - value) < 2 ** exponent / 2;
}
