/** A byte count as people read it: 2.9 MB, 512 B. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toPrecision(3)} ${units[unit]}`;
}

/**
 * A window's width as formatStat prints it, also where it exceeds the float64 range (a window
 * over [-max, max] is 2 · max wide): the half width's digits, doubled.
 */
export function formatWidth(low: number, high: number): string {
  const width = high - low;
  if (Number.isFinite(width) || !Number.isFinite(low) || !Number.isFinite(high)) return formatStat(width);
  const [mantissa, exponent] = (high / 2 - low / 2).toExponential(16).split('e');
  const doubled = 2 * Number(mantissa);
  return doubled >= 10
    ? `${(doubled / 10).toPrecision(4)}e+${Number(exponent) + 1}`
    : `${doubled.toPrecision(4)}e${exponent}`;
}

/** A statistic: integers as they are, other numbers to four significant digits. */
export function formatStat(value: number): string {
  if (Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return String(value);
  // Integers beyond 2^53 are not exact in float64: say so with four digits, never 20 fake ones.
  if (Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER) return String(value);
  return Math.abs(value) < 1e15 ? String(Number(value.toPrecision(4))) : value.toPrecision(4);
}
