import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { elementStrides } from '../../src/core/npy/decode';
import { NpyHeader } from '../../src/core/npy/header';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'npy');

export interface ValidFixture {
  file: string;
  shape: number[];
  descr: string;
  fortran: boolean;
  /** Every element in C order as NumPy reads it: text for ints and bools, repr for floats, [re, im] for complex. */
  values: (string | [string, string])[];
  /** Every element as NumPy prints it: str(a[index]). */
  texts: string[];
}

export function validFixtures(): ValidFixture[] {
  return JSON.parse(readFileSync(join(FIXTURES, 'valid', 'expected.json'), 'utf8'));
}

export function fixtureBytes(kind: 'valid' | 'malformed', file: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, kind, file)));
}

/** The NumPy index of the i-th element in C order. */
export function unravel(i: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let a = shape.length - 1; a >= 0; a--) {
    index[a] = i % shape[a];
    i = Math.floor(i / shape[a]);
  }
  return index;
}

/** A Python float repr as a number. */
export function pyFloat(text: string): number {
  return text === 'nan' ? NaN : text === 'inf' ? Infinity : text === '-inf' ? -Infinity : Number(text);
}

/** Position in the data of the element at a NumPy index such as a[k, i, j]. */
export function elementOffset(header: NpyHeader, index: readonly number[]): number {
  const strides = elementStrides(header.shape, header.fortranOrder);
  return index.reduce((sum, i, axis) => sum + i * strides[axis], 0);
}

/** A .npy file in memory, laid out as NumPy writes version 1.0. */
export function makeNpy(descr: string, shape: readonly (number | bigint)[], data: ArrayBufferView, fortran = false): Uint8Array {
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let text = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${dims}, }`;
  text += ' '.repeat(64 - ((10 + text.length + 1) % 64)) + '\n';
  const bytes = new Uint8Array(10 + text.length + data.byteLength);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length & 255, text.length >> 8]);
  bytes.set(new TextEncoder().encode(text), 10);
  bytes.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + text.length);
  return bytes;
}
