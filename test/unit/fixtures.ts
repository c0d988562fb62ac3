import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { elementStrides } from '../../src/shared/npy/decode';
import { NpyArray } from '../../src/shared/npy/npyArray';
import { ArrayView, defaultView, withAxis } from '../../src/shared/npy/planeSource';
import { encodeNpy } from '../../src/shared/npy/encode';
import { NpyHeader } from '../../src/shared/npy/header';

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
  return JSON.parse(readFileSync(join(FIXTURES, 'valid', 'expected.json'), 'utf8')) as ValidFixture[];
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

/** A .npy file in memory holding `data` (any typed array), as NumPy writes it. */
export function makeNpy(
  descr: string,
  shape: readonly (number | bigint)[],
  data: ArrayBufferView,
  fortran = false,
): Uint8Array {
  return encodeNpy(descr, shape, new Uint8Array(data.buffer, data.byteOffset, data.byteLength), fortran);
}

/**
 * A grey volume's view along volume axis `axis` (0, 1 or 2 of the last three), as "View along"
 * chooses it, the axes before held at `held` (0 for each when not given).
 */
export function volumeView(array: NpyArray, axis: number, held: readonly number[] = []): ArrayView {
  const nd = array.header.shape.length;
  const view = withAxis(defaultView(array, { asChannels: true })!, 'slice', nd - 3 + axis);
  return { ...view, index: array.header.shape.map((_, a) => held[a] ?? 0) };
}
