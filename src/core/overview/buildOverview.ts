import { DatasetIndex } from '../dataset/datasetIndex';
import { DatasetCase } from '../dataset/datasetCase';
import { filterLabel } from '../dataset/caseLabels';
import { planeDisplayName } from '../../shared/datasetLayout';
import { formatStat } from '../../shared/format';
import {
  OverviewData,
  OverviewSelection,
  ReadingState,
  SLICES_MISSING,
  SLICES_UNREAD,
  SLICES_UNREADABLE,
  UnusualVolume,
} from '../../shared/overview/overviewProtocol';
import { OverviewArrays, intensityBins, valueBinEdges } from '../../shared/overview/overviewStats';

/** What a `.npy` header says of a volume, or why it could not be read. */
export type HeaderFacts = { shape: number[]; shapeText: string; dtype: string } | { error: string };
/** A volume's mean and 99.5th percentile (finite values), or why they could not be computed. */
export type IntensityFacts = { mean: number; high: number } | { error: string };

interface OverviewInputs {
  name: string;
  index: DatasetIndex;
  /** By file path relative to the dataset root (train/axial/0000.npy). */
  headers: ReadonlyMap<string, HeaderFacts>;
  intensities: ReadonlyMap<string, IntensityFacts>;
  headerState: ReadingState;
  intensityState: ReadingState;
  /** Bytes of the files whose intensities are not known yet. */
  intensityBytes: number;
}

/** Every case of the dataset in the tree's order (split by split, by id). */
export function overviewCases(index: DatasetIndex): DatasetCase[] {
  return index.splits.flatMap((s) => s.cases);
}

/** The overview of a dataset from its index and what has been read of its files. */
export function buildOverview(inputs: OverviewInputs): OverviewData {
  const { index } = inputs;
  const cases = overviewCases(index);
  const splits = index.splits.map((s) => s.name);
  const problems: OverviewData['problems'] = [];
  const slices = index.planes.map((plane) =>
    Int32Array.from(cases, (c) => {
      const file = c.files.get(plane);
      if (file === undefined) return SLICES_MISSING;
      const facts = inputs.headers.get(file);
      if (!facts) return SLICES_UNREAD;
      if ('error' in facts) {
        problems.push({ file, message: facts.error });
        return SLICES_UNREADABLE;
      }
      return facts.shape.length ? facts.shape[0] : 1;
    }),
  );
  const intensity = (pick: (f: { mean: number; high: number }) => number) =>
    index.planes.map((plane) =>
      Float64Array.from(cases, (c) => {
        const facts = inputs.intensities.get(c.files.get(plane) ?? '');
        return facts && !('error' in facts) ? pick(facts) : NaN;
      }),
    );
  for (const c of cases) {
    for (const file of c.files.values()) {
      const facts = inputs.intensities.get(file);
      if (facts && 'error' in facts) problems.push({ file, message: `intensities: ${facts.error}` });
    }
  }
  return {
    dataset: inputs.name,
    splits,
    tasks: index.tasks,
    planes: index.planes,
    caseIds: cases.map((c) => c.id),
    caseSplits: Uint8Array.from(cases, (c) => splits.indexOf(c.split)).buffer,
    labels: index.tasks.map((task) => Int8Array.from(cases, (c) => c.labels.get(task) ?? -1).buffer),
    slices: slices.map((a) => a.buffer),
    means: intensity((f) => f.mean).map((a) => a.buffer),
    highs: intensity((f) => f.high).map((a) => a.buffer),
    unusual: unusualVolumes(index.planes, cases, inputs.headers),
    problems,
    headers: inputs.headerState,
    intensities: { ...inputs.intensityState, bytes: inputs.intensityBytes },
  };
}

/**
 * Volumes whose in-plane shape (all but the slice axis) or dtype is not the one most of their
 * plane's volumes have (MRNet's: 256 x 256, uint8), and any that is not 3-D.
 */
function unusualVolumes(
  planes: readonly string[],
  cases: readonly DatasetCase[],
  headers: ReadonlyMap<string, HeaderFacts>,
): UnusualVolume[] {
  const out: UnusualVolume[] = [];
  planes.forEach((plane) => {
    const read = cases.flatMap((c, i) => {
      const facts = headers.get(c.files.get(plane) ?? '');
      return facts && !('error' in facts) ? [{ i, facts, inPlane: facts.shape.slice(1).join(', ') }] : [];
    });
    const shape = mostCommon(read.filter((r) => r.facts.shape.length === 3).map((r) => r.inPlane));
    const dtype = mostCommon(read.map((r) => r.facts.dtype));
    const expected = `(…, ${shape ?? '?'}) ${dtype ?? '?'}`;
    for (const r of read) {
      if (r.facts.shape.length !== 3 || r.inPlane !== shape || r.facts.dtype !== dtype)
        out.push({ case: r.i, plane, shape: r.facts.shapeText, dtype: r.facts.dtype, expected });
    }
  });
  return out.sort((a, b) => a.case - b.case || planes.indexOf(a.plane) - planes.indexOf(b.plane));
}

/** The most frequent value; the first seen on a tie. */
function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v;
  return best;
}

/** How a selection reads in the Cases view: "sagittal: 40–44 slices in train/", "ACL tear and no meniscus tear in valid/". */
export function selectionLabel(selection: OverviewSelection, data: OverviewData, arrays: OverviewArrays): string {
  const where = 'split' in selection ? ` in ${selection.split}/` : '';
  switch (selection.kind) {
    case 'split':
      return `all cases${where}`;
    case 'labels':
      return `${selection.conditions.map((c) => filterLabel(c)).join(' and ')}${where}`;
    case 'slices':
      return `${selection.plane}: ${selection.low === selection.high ? selection.low : `${selection.low}–${selection.high}`} slices${where}`;
    case 'intensity': {
      const plane = data.planes.indexOf(selection.plane);
      const bins = intensityBins(arrays, plane, selection.statistic);
      const [low, high] = bins ? valueBinEdges(selection.bin, bins) : [NaN, NaN];
      return `${selection.plane}: ${selection.statistic === 'mean' ? 'mean intensity' : '99.5th percentile'} ${formatStat(low)}–${formatStat(high)}${where}`;
    }
    case 'incomplete':
      return `missing a label or plane${where}`;
    case 'unusual':
      return `unusual shape or dtype (${[...new Set(data.unusual.map((u) => planeDisplayName(u.plane)))].join(', ')})`;
  }
}
