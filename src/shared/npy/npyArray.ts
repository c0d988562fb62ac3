/** A decoded array: what decoding makes and every reader of values takes. */
import { NpyHeader } from './header';

/** Typed arrays that hold one number per element: what rendering reads. */
export type NumericArray =
  Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** The elements as stored, in native byte order: what the readout prints. */
export type RawArray = NumericArray | BigInt64Array | BigUint64Array;

export interface NpyArray {
  header: NpyHeader;
  raw: RawArray;
  /** One number per element: magnitudes for complex, float32 for float16, float64 for 64-bit ints. */
  values: NumericArray;
}
