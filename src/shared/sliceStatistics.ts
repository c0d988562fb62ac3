import { decodeNpyData } from './npy/decode';
import { NpyHeader } from './npy/header';
import { sliceCount, sliceHeader } from './npy/streaming';
import { ArrayStatistics, StatisticsAccumulator, wideOf } from './statistics';

/** How far reading every slice has come: pass `pass` of `passes`, `done` slices of `slices` in it. */
export interface SlicesRead {
  pass: number;
  passes: number;
  done: number;
  slices: number;
}

/**
 * NumPy's statistics of an array read slice by slice, exactly: every slice is read again once
 * per pass the figures need (one for 8- and 16-bit data, three for others), in C order along
 * axis 0 whatever the file's order. `progress` hears about every twentieth of a pass;
 * `wanted` is asked before each read, and undefined is returned as soon as it says no (another
 * file is shown).
 */
export async function statisticsOfSlices(
  header: NpyHeader,
  read: (k: number) => Promise<Uint8Array>,
  progress: (read: SlicesRead) => void,
  wanted: () => boolean,
): Promise<ArrayStatistics | undefined> {
  const accumulator = new StatisticsAccumulator();
  const slices = sliceCount(header);
  const oneSlice = sliceHeader(header);
  for (let pass = 1; pass <= accumulator.passes; pass++) {
    for (let k = 0; k < slices; k++) {
      if (!wanted()) return undefined;
      const { values, raw } = decodeNpyData(oneSlice, await read(k));
      accumulator.add(values, k * values.length, pass, wideOf(raw));
      if (k % Math.max(1, Math.floor(slices / 20)) === 0)
        progress({ pass, passes: accumulator.passes, done: k, slices });
    }
  }
  return accumulator.result();
}
