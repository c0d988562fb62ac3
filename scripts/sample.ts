// `npm run sample -- [--out DIR] [--train N] [--valid M] [--seed S] [--full]`: writes a synthetic
// dataset in MRNet-v1.0's layout. Refuses a folder that is not empty, so it never overwrites data.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FULL_SAMPLE, SMALL_SAMPLE, sampleDatasetFiles } from '../src/core/sample/sampleDataset';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const base = process.argv.includes('--full') ? FULL_SAMPLE : SMALL_SAMPLE;
const options = {
  train: Number(option('train') ?? base.train),
  valid: Number(option('valid') ?? base.valid),
  seed: Number(option('seed') ?? base.seed),
};
const out = resolve(option('out') ?? 'sample-data/MRNet-v1.0');
let existing: string[] = [];
try {
  existing = readdirSync(out);
} catch {
  // a new folder
}
if (existing.length) {
  console.error(`${out} is not empty; the sample dataset is written only into an empty or new folder.`);
  process.exit(1);
}
const started = Date.now();
let files = 0;
let bytes = 0;
for (const file of sampleDatasetFiles(options)) {
  const path = join(out, file.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.data);
  files++;
  bytes += file.data.length;
}
console.log(
  `Wrote ${options.train} train and ${options.valid} valid cases (${files} files, ${(bytes / 1e6).toFixed(1)} MB) to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
);
