import { binEdge, numpyBin } from '../histogram';
import { IntensityStatistic, OverviewData, OverviewSelection } from './overviewProtocol';

/** The overview's per-case arrays as typed views (no copy). */
export interface OverviewArrays {
  caseSplits: Uint8Array;
  labels: Int8Array[];
  slices: Int32Array[];
  means: Float64Array[];
  highs: Float64Array[];
}

export function overviewArrays(data: OverviewData): OverviewArrays {
  return {
    caseSplits: new Uint8Array(data.caseSplits),
    labels: data.labels.map((b) => new Int8Array(b)),
    slices: data.slices.map((b) => new Int32Array(b)),
    means: data.means.map((b) => new Float64Array(b)),
    highs: data.highs.map((b) => new Float64Array(b)),
  };
}

/** Count, min, median (NumPy's: the mean of the two middle values of an even count) and max. */
export interface Summary {
  count: number;
  min: number;
  median: number;
  max: number;
}

export function summarise(values: readonly number[]): Summary | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { count: sorted.length, min: sorted[0], median, max: sorted[sorted.length - 1] };
}

/**
 * Bins of whole numbers (slice counts): at most `most` bins of width 1, 2, 5, 10, 20, 50…,
 * each starting at a multiple of its width, so that a bin reads "40–44".
 */
interface IntegerBins {
  start: number;
  width: number;
  count: number;
}

export function integerBins(min: number, max: number, most = 24): IntegerBins {
  let width = 1;
  for (let decade = 1; ; decade *= 10) {
    const fit = [1, 2, 5].map((m) => m * decade).find((w) => Math.floor(max / w) - Math.floor(min / w) + 1 <= most);
    if (fit !== undefined) {
      width = fit;
      break;
    }
  }
  const start = Math.floor(min / width) * width;
  return { start, width, count: Math.floor((max - start) / width) + 1 };
}

/** Equal bins over [min, max] for intensities; the last bin holds its upper edge. A single value has one bin. */
interface ValueBins {
  min: number;
  max: number;
  count: number;
}

const INTENSITY_BINS = 20;

/** The bin np.histogram counts a value in (the values bins are made of lie within them). */
export function valueBin(value: number, bins: ValueBins): number {
  return bins.max === bins.min ? 0 : numpyBin(value, bins.min, bins.max, bins.count);
}

export function valueBinEdges(bin: number, bins: ValueBins): [number, number] {
  return bins.max === bins.min
    ? [bins.min, bins.max]
    : [binEdge(bin, bins.min, bins.max, bins.count), binEdge(bin + 1, bins.min, bins.max, bins.count)];
}

/** The intensity bins of a plane and statistic: over every split's read volumes, so that splits compare. */
export function intensityBins(
  arrays: OverviewArrays,
  plane: number,
  statistic: IntensityStatistic,
): ValueBins | undefined {
  const values = (statistic === 'mean' ? arrays.means : arrays.highs)[plane];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max, count: min === max ? 1 : INTENSITY_BINS } : undefined;
}

/** Whether a case misses a label of a task that its split labels, or a plane file. */
function isIncomplete(arrays: OverviewArrays, splitTasks: readonly boolean[][], i: number): boolean {
  const split = arrays.caseSplits[i];
  return arrays.labels.some((l, t) => splitTasks[split][t] && l[i] < 0) || arrays.slices.some((s) => s[i] === -1);
}

/** For each split, which tasks it labels (some case of it has a label). */
export function labelledTasks(data: OverviewData, arrays: OverviewArrays): boolean[][] {
  return data.splits.map((_, s) => arrays.labels.map((l) => l.some((v, i) => v >= 0 && arrays.caseSplits[i] === s)));
}

/**
 * The cases a selection covers, as indices in the overview's order; names the data does not
 * hold select nothing. The webview's bars and the host's filter both come from here.
 */
export function selectedCases(data: OverviewData, arrays: OverviewArrays, selection: OverviewSelection): number[] {
  const split = 'split' in selection ? data.splits.indexOf(selection.split) : -1;
  const inSplit = (i: number) => arrays.caseSplits[i] === split;
  const all = data.caseIds.map((_, i) => i);
  switch (selection.kind) {
    case 'split':
      return all.filter(inSplit);
    case 'labels': {
      const tasks = selection.conditions.map((c) => data.tasks.indexOf(c.task));
      if (tasks.some((t) => t < 0)) return [];
      return all.filter(
        (i) => inSplit(i) && selection.conditions.every((c, k) => arrays.labels[tasks[k]][i] === c.value),
      );
    }
    case 'slices': {
      const plane = data.planes.indexOf(selection.plane);
      if (plane < 0) return [];
      return all.filter(
        (i) => inSplit(i) && arrays.slices[plane][i] >= selection.low && arrays.slices[plane][i] <= selection.high,
      );
    }
    case 'intensity': {
      const plane = data.planes.indexOf(selection.plane);
      const bins = plane < 0 ? undefined : intensityBins(arrays, plane, selection.statistic);
      if (!bins) return [];
      const values = (selection.statistic === 'mean' ? arrays.means : arrays.highs)[plane];
      return all.filter((i) => inSplit(i) && !Number.isNaN(values[i]) && valueBin(values[i], bins) === selection.bin);
    }
    case 'incomplete': {
      const tasks = labelledTasks(data, arrays);
      return all.filter((i) => inSplit(i) && isIncomplete(arrays, tasks, i));
    }
    case 'unusual':
      return [...new Set(data.unusual.map((u) => u.case))].sort((a, b) => a - b);
  }
}

/** Volumes far from their plane's others: robust z-score (median and MAD) above 3.5, largest first. */
export function intensityOutliers(values: Float64Array): { case: number; z: number }[] {
  const read = [...values].filter((v) => !Number.isNaN(v));
  const centre = summarise(read)?.median;
  if (centre === undefined) return [];
  const mad = summarise(read.map((v) => Math.abs(v - centre)))!.median;
  if (mad === 0) return [];
  const out: { case: number; z: number }[] = [];
  values.forEach((v, i) => {
    const z = (0.6745 * (v - centre)) / mad;
    if (Math.abs(z) > 3.5) out.push({ case: i, z });
  });
  return out.sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
}
