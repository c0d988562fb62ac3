import { float16ToFloat32 } from 'npyjs';
import { DTypeCode } from './dtype';
import { NpyHeader, parseNpyHeader } from './header';

/** Typed arrays that hold one number per element: what rendering reads. */
export type NumericArray =
  | Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;
/** The elements as stored, in native byte order: what the readout prints. */
export type RawArray = NumericArray | BigInt64Array | BigUint64Array;

export interface NpyArray {
  header: NpyHeader;
  raw: RawArray;
  /** One number per element: magnitudes for complex, float32 for float16, float64 for 64-bit ints. */
  values: NumericArray;
}

type RawCtor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => RawArray;
const RAW: Record<DTypeCode, RawCtor> = {
  b1: Uint8Array, i1: Int8Array, u1: Uint8Array, i2: Int16Array, u2: Uint16Array, i4: Int32Array,
  u4: Uint32Array, i8: BigInt64Array, u8: BigUint64Array, f2: Uint16Array, f4: Float32Array,
  f8: Float64Array, c8: Float32Array, c16: Float64Array,
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
      return Float64Array.from(raw as BigInt64Array, Number);
    case 'c8':
    case 'c16':
      return magnitudes(raw as Float32Array | Float64Array);
    default:
      return raw as NumericArray;
  }
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
