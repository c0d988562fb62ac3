import { indexDataset } from '../src/core/dataset/datasetIndex';
const id = (i: number) => String(i).padStart(7, '0');
const texts: Record<string, string> = {
  plain: Array.from({ length: 1_000_000 }, (_, i) => `${id(i)},${i % 2}`).join('\n'),
  quoted: ['"case";"label"', ...Array.from({ length: 1_000_000 }, (_, i) => `"${id(i)}";${i % 2}`)].join('\r\n'),
  paths: Array.from({ length: 1_000_000 }, (_, i) => `train/axial/${id(i)}.npy,${i % 2}`).join('\n'),
  floats: Array.from({ length: 1_000_000 }, (_, i) => `${id(i)};${i % 2},0`).join('\n'),
  bools: ['case,label', ...Array.from({ length: 1_000_000 }, (_, i) => `${id(i)},${i % 2 ? 'True' : 'False'}`)].join('\n'),
  pandas: [',0', ...Array.from({ length: 1_000_000 }, (_, i) => `${i},${id(i)}`)].join('\n'),
};
for (const [name, text] of Object.entries(texts)) {
  const listing = { splits: [{ name: 'train', planes: [{ name: 'axial', files: ['0000000.npy'] }] }], csvs: [{ name: 'train-acl.csv', text }] };
  const times: number[] = [];
  for (let r = 0; r < 3; r++) { const t = performance.now(); indexDataset(listing); times.push(performance.now() - t); }
  console.log(name.padEnd(8), times.map((t) => t.toFixed(0)).join(' '));
}
