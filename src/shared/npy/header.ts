import { DType, parseDescr } from './dtype';
import { PyDict, PyLiteralError, PyTuple, PyValue, parsePyLiteral } from './pyLiteral';

/** Every refusal the decoder makes: a message a user can act on. */
export class NpyFormatError extends Error {
  override readonly name = 'NpyFormatError';
}

export interface NpyHeader {
  version: string;
  dtype: DType;
  fortranOrder: boolean;
  shape: number[];
  /** The shape as NumPy prints it, exact even where a dimension of an empty array exceeds 2^53. */
  shapeText: string;
  /** Elements in the array (the product of the shape). */
  count: number;
  /** Byte offset of the first element in the file. */
  dataOffset: number;
  dataBytes: number;
  fileSize: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** NumPy's limit on dimensions (NPY_MAXDIMS in NumPy 2). */
const MAX_DIMS = 64;
/** NumPy writes headers of a few hundred bytes; a longer one is refused before it is read (np.load refuses over 10000 characters). */
const MAX_HEADER_BYTES = 1 << 20;

/**
 * How many bytes from the start of the file the header occupies, from its first bytes.
 * Lets a reader fetch only the header of a large file.
 */
export function npyHeaderLength(prefix: Uint8Array): number {
  if (prefix.length === 0) throw new NpyFormatError('not a NumPy .npy file: the file is empty');
  if (prefix.length < MAGIC.length || MAGIC.some((b, i) => prefix[i] !== b)) {
    throw new NpyFormatError('not a NumPy .npy file: it does not start with the \\x93NUMPY magic string');
  }
  if (prefix.length < 10)
    throw new NpyFormatError('the header is truncated: the file ends inside the version and length fields');
  const major = prefix[6];
  const minor = prefix[7];
  if (major < 1 || major > 3 || minor !== 0) {
    throw new NpyFormatError(`format version ${major}.${minor} is not one this viewer reads (1.0, 2.0, 3.0)`);
  }
  const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  if (major === 1) return 10 + view.getUint16(8, true);
  if (prefix.length < 12) throw new NpyFormatError('the header is truncated: the file ends inside the length field');
  const length = view.getUint32(8, true);
  if (length > MAX_HEADER_BYTES)
    throw new NpyFormatError(
      `the header declares ${length} bytes; headers longer than ${MAX_HEADER_BYTES} bytes are refused`,
    );
  return 12 + length;
}

/** Parses and checks the header of a .npy file whose first bytes are `head` and whose size is `fileSize`. */
export function parseNpyHeader(head: Uint8Array, fileSize: number): NpyHeader {
  const headerEnd = npyHeaderLength(head);
  if (headerEnd > fileSize || headerEnd > head.length) {
    throw new NpyFormatError(
      `the header is truncated: it declares ${headerEnd} bytes but the file has ${Math.min(fileSize, head.length)}`,
    );
  }
  const major = head[6];
  const textStart = major === 1 ? 10 : 12;
  const bytes = head.subarray(textStart, headerEnd);
  let text: string;
  try {
    text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1', { fatal: true }).decode(bytes);
  } catch {
    throw new NpyFormatError('the header of a version 3.0 file is not valid UTF-8');
  }
  // np.load's own limit (its max_header_size), counted in characters.
  if (text.length > MAX_HEADER_CHARS)
    throw new NpyFormatError(
      `the header is ${text.length} characters long; NumPy refuses headers over ${MAX_HEADER_CHARS}`,
    );
  const dict = parseDict(text, major);

  const dtype = headerDType(dict.entries.get('descr')!);
  const fortranOrder = dict.entries.get('fortran_order');
  if (typeof fortranOrder !== 'boolean') throw new NpyFormatError("the header's 'fortran_order' is not True or False");

  const shapeValue = dict.entries.get('shape');
  // bool is an int to Python, but NumPy refuses it as a dimension.
  if (!(shapeValue instanceof PyTuple) || !shapeValue.items.every((n) => typeof n === 'bigint')) {
    throw new NpyFormatError("the header's 'shape' is not a tuple of integers");
  }
  const dims = shapeValue.items;
  const shapeText = formatShape(dims);
  if (dims.some((d) => d < 0n)) throw new NpyFormatError(`the header's shape ${shapeText} has a negative dimension`);
  if (dims.length > MAX_DIMS)
    throw new NpyFormatError(`the array has ${dims.length} dimensions; NumPy allows at most ${MAX_DIMS}`);
  if (dims.some((d) => d > MAX_INTP))
    throw new NpyFormatError(`the shape ${shapeText} has a dimension beyond NumPy's largest (2^63 - 1)`);
  // NumPy multiplies the non-zero dimensions and the item size, an empty array's too.
  const extent = dims.reduce<bigint>((a, b) => (b === 0n ? a : a * b), BigInt(dtype.itemSize));
  if (extent > MAX_INTP)
    throw new NpyFormatError(
      `the array is too large: shape ${shapeText} of ${dtype.name} would need more than 2^63 bytes`,
    );
  const exactCount = dims.reduce<bigint>((a, b) => a * b, 1n);
  const exactBytes = exactCount * BigInt(dtype.itemSize);
  if (exactBytes > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new NpyFormatError(
      `the array is too large: shape ${shapeText} of ${dtype.name} would need ${Number(exactBytes).toExponential(2)} bytes`,
    );
  }
  const shape = dims.map(Number);
  const count = Number(exactCount);
  const dataBytes = Number(exactBytes);
  const actual = fileSize - headerEnd;
  // np.load reads the bytes the shape needs and ignores any after them.
  if (actual < dataBytes)
    throw new NpyFormatError(
      `the file holds ${actual} bytes of data, expected ${dataBytes} for shape ${shapeText} of ${dtype.name} (the file is truncated)`,
    );
  return {
    version: `${major}.${head[7]}`,
    dtype,
    fortranOrder,
    shape,
    shapeText,
    count,
    dataOffset: headerEnd,
    dataBytes,
    fileSize,
  };
}

/** NumPy's largest array dimension and byte count (npy_intp). */
const MAX_INTP = 2n ** 63n - 1n;
/** np.load's max_header_size: longer headers are refused unless pickles are allowed. */
const MAX_HEADER_CHARS = 10000;
const KEYS = ['descr', 'fortran_order', 'shape'];

/**
 * The header's dict as np.load reads it: ast.literal_eval, and for versions 1.0 and 2.0 once
 * more without Python 2's `L` suffixes if that fails; exactly the three keys.
 */
function parseDict(text: string, major: number): PyDict {
  let value;
  try {
    try {
      value = parsePyLiteral(text);
    } catch (e) {
      if (!(e instanceof PyLiteralError) || major > 2) throw e;
      value = parsePyLiteral(text, { python2Longs: true });
    }
  } catch (e) {
    if (e instanceof PyLiteralError)
      throw new NpyFormatError(`the header is not a Python literal NumPy reads: ${e.message}`);
    throw e;
  }
  if (!(value instanceof PyDict)) throw new NpyFormatError('the header is not a Python dict');
  const keys = [...value.entries.keys()];
  if (keys.length !== KEYS.length || !KEYS.every((k) => value.entries.has(k))) {
    const shown = keys.map((k) => (typeof k === 'string' ? `'${k}'` : String(k))).join(', ');
    throw new NpyFormatError(
      `the header's keys are ${shown || 'none'}; NumPy reads a header with exactly 'descr', 'fortran_order' and 'shape'`,
    );
  }
  return value;
}

/** The dtype of the header's 'descr', as NumPy's descr_to_dtype reads it (a string; a (string, ()) pair; a list is a structured dtype). */
function headerDType(descr: PyValue): DType {
  const plain =
    descr instanceof PyTuple &&
    descr.items.length >= 2 &&
    descr.items[1] instanceof PyTuple &&
    descr.items[1].items.length === 0
      ? descr.items[0]
      : descr;
  if (Array.isArray(plain))
    throw new NpyFormatError(
      'structured dtypes (record arrays with named fields) are not shown; only numeric arrays are',
    );
  if (plain instanceof PyTuple)
    throw new NpyFormatError("the header's 'descr' is a subarray dtype; only numeric arrays are shown");
  if (typeof plain !== 'string') throw new NpyFormatError("the header's 'descr' is not a dtype string");
  const dtype = parseDescr(plain);
  if (typeof dtype === 'string') throw new NpyFormatError(dtype);
  return dtype;
}

/** A shape as NumPy prints it: (), (5,), (44, 256, 256). */
export function formatShape(shape: readonly (number | bigint)[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}
