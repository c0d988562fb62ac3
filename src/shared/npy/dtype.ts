/** The NumPy dtypes the viewer decodes, keyed by their type code without byte order. */
export type DTypeCode =
  | 'b1' | 'i1' | 'u1' | 'i2' | 'u2' | 'i4' | 'u4' | 'i8' | 'u8' | 'f2' | 'f4' | 'f8' | 'c8' | 'c16';

export type ByteOrder = 'little' | 'big' | 'none';

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

/** Why a descr is refused, or the dtype it names. */
export function parseDescr(descr: string): DType | string {
  const m = /^([<>|=]?)([a-zA-Z]+)(\d*)(.*)$/.exec(descr);
  if (!m) return `dtype '${descr}' is not one this viewer reads`;
  const [, order, letters, digits, rest] = m;
  if (letters === 'O') return `dtype '${descr}' holds Python objects (a pickled object array); it is never unpickled`;
  if (/^[SUa]$/.test(letters)) return `dtype '${descr}' is a string dtype; only numeric arrays are shown`;
  if (letters === 'V') return `dtype '${descr}' is a void/structured dtype; only numeric arrays are shown`;
  const code = (letters + digits) as DTypeCode;
  const entry = rest === '' && Object.hasOwn(NAMES, code) ? NAMES[code] : undefined;
  if (!entry) return `dtype '${descr}' is not one this viewer reads (bool, int8-64, uint8-64, float16-64, complex64/128)`;
  const [name, itemSize, kind] = entry;
  // '=' is the writer's native order; .npy files come from little-endian machines in practice,
  // and NumPy itself writes '<' or '>' explicitly, so '=' is read as little-endian.
  const byteOrder: ByteOrder = itemSize === 1 || order === '|' ? 'none' : order === '>' ? 'big' : 'little';
  return { code, name, itemSize, byteOrder, kind };
}

/** How NumPy writes the dtype: uint8, float32 (big-endian), ... */
export function describeDType(dtype: DType): string {
  return dtype.byteOrder === 'big' ? `${dtype.name} (big-endian)` : dtype.name;
}
