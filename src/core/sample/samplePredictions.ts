import { Random } from './random';
import { PLANES, SampleCase, SampleFile, TASKS } from './sampleCase';

/**
 * Separations of the two classes' logits (equal-variance binormal: AUC = Φ(d / √2)) that give
 * the MRNet paper's validation AUCs, 0.937, 0.965 and 0.847, for the sample's main model, and
 * a weaker second model to compare it with.
 */
const BASELINE_D = [2.164, 2.563, 1.448];
const WEAKER_D = [1.47, 1.81, 1.0];

/** The sample's models: predictions/{model}/{split}.csv, and the paths file its submission follows. */
const SAMPLE_MODELS = { baseline: 'mrnet-baseline', submission: 'submission' };

/**
 * Synthetic predictions for the sample's cases, in both formats a user meets:
 * - predictions/mrnet-baseline/{train,valid}.csv: a header, `case`, one column per task and
 *   `{task}_{plane}` columns for each plane's model (noisier than their combination);
 * - predictions/submission/valid.csv: MRNet's headerless submission (abnormal, ACL, meniscus,
 *   written as np.savetxt does), its rows in the order of valid-paths.csv, which lists the
 *   cases from the last to the first, three plane paths each.
 */
export function* samplePredictionFiles(cases: readonly SampleCase[], seed: number): Generator<SampleFile> {
  const random = new Random(seed ^ 0x27d4eb2f);
  const text = (lines: string[]) => new TextEncoder().encode(lines.map((l) => `${l}\n`).join(''));
  for (const split of ['train', 'valid'] as const) {
    const inSplit = cases.filter((c) => c.split === split);
    const header = ['case', ...TASKS, ...TASKS.flatMap((t) => PLANES.map((p) => `${t}_${p}`))].join(',');
    const rows = inSplit.map((c) => {
      const logits = TASKS.map((_, t) => logit(c.labels[t], BASELINE_D[t], random));
      const planes = logits.flatMap((l) => PLANES.map(() => l + random.normal(0, 1)));
      return [c.id, ...logits.map(probability), ...planes.map(probability)].join(',');
    });
    yield { path: `predictions/${SAMPLE_MODELS.baseline}/${split}.csv`, data: text([header, ...rows]) };
  }
  const valid = cases.filter((c) => c.split === 'valid').reverse();
  yield {
    path: 'valid-paths.csv',
    data: text(valid.flatMap((c) => ['sagittal', 'coronal', 'axial'].map((p) => `MRNet-v1.0/valid/${p}/${c.id}.npy`))),
  };
  const savetxt = (p: number) => p.toExponential(18).replace(/e([+-])(\d)$/, 'e$10$2');
  yield {
    path: `predictions/${SAMPLE_MODELS.submission}/valid.csv`,
    data: text(
      valid.map((c) =>
        TASKS.map((_, t) => savetxt(1 / (1 + Math.exp(-logit(c.labels[t], WEAKER_D[t], random))))).join(','),
      ),
    ),
  };
}

function logit(label: number, d: number, random: Random): number {
  return d * (label - 0.5) + random.normal(0, 1);
}

function probability(logitValue: number): string {
  return (1 / (1 + Math.exp(-logitValue))).toFixed(4);
}
