/** The NumPy dtypes the viewer decodes, keyed by their type code without byte order. */
export type DTypeCode =
  'b1' | 'i1' | 'u1' | 'i2' | 'u2' | 'i4' | 'u4' | 'i8' | 'u8' | 'f2' | 'f4' | 'f8' | 'c8' | 'c16';

type ByteOrder = 'little' | 'big' | 'none';

export interface DType {
  code: DTypeCode;
  /** NumPy's name: uint8, float32, complex64, ... */
  name: string;
  itemSize: number;
  byteOrder: ByteOrder;
  kind: 'bool' | 'int' | 'uint' | 'float' | 'complex';
}

const NAMES: Record<DTypeCode, [string, number, DType['kind']]> = {
  b1: ['bool', 1, 'bool'],
  i1: ['int8', 1, 'int'],
  u1: ['uint8', 1, 'uint'],
  i2: ['int16', 2, 'int'],
  u2: ['uint16', 2, 'uint'],
  i4: ['int32', 4, 'int'],
  u4: ['uint32', 4, 'uint'],
  i8: ['int64', 8, 'int'],
  u8: ['uint64', 8, 'uint'],
  f2: ['float16', 2, 'float'],
  f4: ['float32', 4, 'float'],
  f8: ['float64', 8, 'float'],
  c8: ['complex64', 8, 'complex'],
  c16: ['complex128', 16, 'complex'],
};

/** NumPy's one-letter type codes of the dtypes shown (those of a little-endian 64-bit Linux, where l and p are 8 bytes). */
const LETTERS: Record<string, DTypeCode> = {
  '?': 'b1',
  b: 'i1',
  B: 'u1',
  h: 'i2',
  H: 'u2',
  i: 'i4',
  I: 'u4',
  l: 'i8',
  L: 'u8',
  q: 'i8',
  Q: 'u8',
  p: 'i8',
  P: 'u8',
  e: 'f2',
  f: 'f4',
  d: 'f8',
  F: 'c8',
  D: 'c16',
};

/** The names numpy.dtype takes for them (never with a byte order). */
const WORDS: Record<string, DTypeCode> = {
  bool: 'b1',
  bool_: 'b1',
  int8: 'i1',
  uint8: 'u1',
  int16: 'i2',
  uint16: 'u2',
  int32: 'i4',
  uint32: 'u4',
  int64: 'i8',
  uint64: 'u8',
  float16: 'f2',
  float32: 'f4',
  float64: 'f8',
  complex64: 'c8',
  complex128: 'c16',
  half: 'f2',
  single: 'f4',
  double: 'f8',
  float: 'f8',
  int: 'i8',
  int_: 'i8',
  uint: 'u8',
  complex: 'c16',
  byte: 'i1',
  ubyte: 'u1',
  short: 'i2',
  ushort: 'u2',
  intc: 'i4',
  uintc: 'u4',
  long: 'i8',
  ulong: 'u8',
  longlong: 'i8',
  ulonglong: 'u8',
  intp: 'i8',
  uintp: 'u8',
  cdouble: 'c16',
  csingle: 'c8',
};

/**
 * Dtype strings numpy.dtype reads that the viewer does not show: long doubles, strings, bytes,
 * void and structured records, datetimes, Python objects, subarrays.
 */
const NOT_SHOWN =
  /^(?:[<>|=]?(?:g|G|f16|f12|c32|c24|[SUaV]\d*|[Mm]8(?:\[\w+\])?|O\d*|T)|float128|float96|longdouble|clongdouble|complex256|complex192|object|str|bytes|bytes_|str_|void|datetime64|timedelta64|.*,.*|\(.*\).+|\d+[A-Za-z].*)$/;

/**
 * What numpy.dtype makes of a dtype string: a dtype shown, or why not. NumPy reads a byte order
 * (<, >, =, |) only before a type code; = and | are the machine's own order (little-endian
 * here, as on every machine .npy files come from in practice); one-byte types have none.
 */
export function parseDescr(descr: string): DType | string {
  const m = /^([<>|=]?)([?bBhHiIlLqQpPefdFD]|b1|[iu][1248]|f[248]|c8|c16)$/.exec(descr);
  const code = m
    ? m[2].length === 1
      ? LETTERS[m[2]]
      : (m[2] as DTypeCode)
    : Object.hasOwn(WORDS, descr)
      ? WORDS[descr]
      : undefined;
  if (code === undefined) {
    if (/^[<>|=]?O\d*$|^object$/.test(descr))
      return `dtype '${descr}' holds Python objects (a pickled object array); it is never unpickled`;
    if (/^[<>|=]?T$/.test(descr))
      return `dtype '${descr}' holds variable-length strings (Python objects); it is never unpickled`;
    if (NOT_SHOWN.test(descr))
      return `dtype '${descr}' is one NumPy reads but this viewer does not show: only bool, integers, float16-64 and complex64/128 are shown`;
    return `dtype '${descr}' is not one NumPy knows`;
  }
  const [name, itemSize, kind] = NAMES[code];
  const order = m?.[1] ?? '';
  const byteOrder: ByteOrder = itemSize === 1 ? 'none' : order === '>' ? 'big' : 'little';
  return { code, name, itemSize, byteOrder, kind };
}

/** How NumPy's dtype.str spells a dtype: |u1, <f4, >i8. */
export function dtypeStr(dtype: DType): string {
  return `${dtype.byteOrder === 'none' ? '|' : dtype.byteOrder === 'big' ? '>' : '<'}${dtype.code}`;
}

/** How NumPy writes the dtype: uint8, float32 (big-endian), ... */
export function describeDType(dtype: DType): string {
  return dtype.byteOrder === 'big' ? `${dtype.name} (big-endian)` : dtype.name;
}
