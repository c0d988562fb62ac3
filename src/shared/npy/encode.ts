import { formatShape } from './header';

/**
 * A `.npy` file holding `data`, laid out as NumPy writes it: format 1.0, the header dict
 * padded with spaces so that the data starts at a multiple of 64 bytes.
 */
export function encodeNpy(
  descr: string,
  shape: readonly (number | bigint)[],
  data: Uint8Array,
  fortranOrder = false,
): Uint8Array {
  let text = `{'descr': '${descr}', 'fortran_order': ${fortranOrder ? 'True' : 'False'}, 'shape': ${formatShape(shape)}, }`;
  text += ' '.repeat(63 - ((10 + text.length) % 64)) + '\n';
  const bytes = new Uint8Array(10 + text.length + data.byteLength);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length & 255, text.length >> 8]);
  for (let i = 0; i < text.length; i++) bytes[10 + i] = text.charCodeAt(i);
  bytes.set(data, 10 + text.length);
  return bytes;
}
