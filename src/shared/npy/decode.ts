import { float16ToFloat32 } from 'npyjs';
import { DTypeCode } from './dtype';
import { formatFloat } from './formatValue';
import { NpyHeader, parseNpyHeader } from './header';
import { NumericArray, RawArray, NpyArray } from './npyArray';

type RawCtor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => RawArray;
const RAW: Record<DTypeCode, RawCtor> = {
  b1: Uint8Array,
  i1: Int8Array,
  u1: Uint8Array,
  i2: Int16Array,
  u2: Uint16Array,
  i4: Int32Array,
  u4: Uint32Array,
  i8: BigInt64Array,
  u8: BigUint64Array,
  f2: Uint16Array,
  f4: Float32Array,
  f8: Float64Array,
  c8: Float32Array,
  c16: Float64Array,
};

/** Decodes a whole .npy file held in memory. */
export function decodeNpy(file: Uint8Array): NpyArray {
  const header = parseNpyHeader(file, file.length);
  return decodeNpyData(header, file.subarray(header.dataOffset));
}

/**
 * Turns the data bytes of an array into typed arrays. Little-endian, aligned data is viewed
 * in place (no copy); big-endian data is byte-swapped into a copy, unaligned data copied.
 */
export function decodeNpyData(header: NpyHeader, data: Uint8Array): NpyArray {
  const { dtype, count } = header;
  const complex = dtype.kind === 'complex';
  const component = complex ? dtype.itemSize / 2 : dtype.itemSize;
  let bytes = data.subarray(0, header.dataBytes);
  if (dtype.byteOrder === 'big') bytes = byteSwapped(bytes, component);
  else if (bytes.byteOffset % component !== 0) bytes = bytes.slice();
  const raw = new RAW[dtype.code](bytes.buffer, bytes.byteOffset, complex ? count * 2 : count);
  return { header, raw, values: numericValues(dtype.code, raw) };
}

function numericValues(code: DTypeCode, raw: RawArray): NumericArray {
  switch (code) {
    case 'f2':
      return float16Values(raw as Uint16Array);
    case 'i8':
    case 'u8':
      return wideIntegerValues(raw as BigInt64Array | BigUint64Array);
    case 'c8':
    case 'c16':
      return magnitudes(raw as Float32Array | Float64Array);
    default:
      return raw as NumericArray;
  }
}

/**
 * 64-bit integers as float64 (nearest), from their two 32-bit halves: converting each BigInt
 * with Number() is 10-30x slower.
 */
function wideIntegerValues(raw: BigInt64Array | BigUint64Array): Float64Array {
  const words = new Uint32Array(raw.buffer, raw.byteOffset, raw.length * 2);
  const signed = raw instanceof BigInt64Array;
  const out = new Float64Array(raw.length);
  for (let i = 0; i < out.length; i++) {
    const low = words[2 * i];
    const high = words[2 * i + 1];
    out[i] = (signed ? high | 0 : high) * 4294967296 + low;
  }
  return out;
}

let float16Table: Float32Array | undefined;
function float16Values(bits: Uint16Array): Float32Array {
  if (!float16Table) {
    float16Table = new Float32Array(65536);
    for (let i = 0; i < 65536; i++) float16Table[i] = float16ToFloat32(i);
  }
  const table = float16Table;
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = table[bits[i]];
  return out;
}

function magnitudes(pairs: Float32Array | Float64Array): Float32Array | Float64Array {
  const out = pairs instanceof Float32Array ? new Float32Array(pairs.length / 2) : new Float64Array(pairs.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Math.hypot(pairs[2 * i], pairs[2 * i + 1]);
  return out;
}

function byteSwapped(src: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i += size) {
    for (let j = 0; j < size; j++) out[i + j] = src[i + size - 1 - j];
  }
  return out;
}

/** Element strides of an array of this shape, in elements, C or Fortran order. */
export function elementStrides(shape: readonly number[], fortranOrder: boolean): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  const order = shape.map((_, i) => i);
  if (!fortranOrder) order.reverse();
  for (const axis of order) {
    strides[axis] = step;
    step *= shape[axis];
  }
  return strides;
}

/** Exact minimum, maximum and mean of 64-bit integers, as text (their float64 values are rounded). */
export function wideIntegerStats(array: NpyArray): { min: string; max: string; mean: string } | undefined {
  const raw = array.raw;
  if (!(raw instanceof BigInt64Array || raw instanceof BigUint64Array) || raw.length === 0) return undefined;
  const words = new Uint32Array(raw.buffer, raw.byteOffset, raw.length * 2);
  const signed = raw instanceof BigInt64Array;
  // Compare by halves (high word signed for int64), sum the halves in chunks that stay exact.
  let minAt = 0;
  let maxAt = 0;
  let highSum = 0n;
  let lowSum = 0n;
  let highPart = 0;
  let lowPart = 0;
  const high = (i: number) => (signed ? words[2 * i + 1] | 0 : words[2 * i + 1]);
  for (let i = 0; i < raw.length; i++) {
    const h = high(i);
    const l = words[2 * i];
    if (h < high(minAt) || (h === high(minAt) && l < words[2 * minAt])) minAt = i;
    if (h > high(maxAt) || (h === high(maxAt) && l > words[2 * maxAt])) maxAt = i;
    highPart += h;
    lowPart += l;
    if ((i & 0xfffff) === 0xfffff) {
      highSum += BigInt(highPart);
      lowSum += BigInt(lowPart);
      highPart = 0;
      lowPart = 0;
    }
  }
  const sum = (highSum + BigInt(highPart)) * 4294967296n + lowSum + BigInt(lowPart);
  const count = BigInt(raw.length);
  return { min: String(raw[minAt]), max: String(raw[maxAt]), mean: exactMean(sum, count) };
}

/** sum / count: exactly when it is an integer, else as the float64 NumPy's mean gives, printed as NumPy prints it. */
function exactMean(sum: bigint, count: bigint): string {
  if (sum % count === 0n) return String(sum / count);
  return formatFloat(Number(sum) / Number(count), 8);
}
