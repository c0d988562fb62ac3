import { indexDataset } from '../src/core/dataset/datasetIndex';
const id = (i: number) => String(i).padStart(7, '0');
const text = Array.from({ length: 1_000_000 }, (_, i) => `train/axial/${id(i)}.npy,${i % 2}`).join('\n');
const listing = { splits: [{ name: 'train', planes: [{ name: 'axial', files: ['0000000.npy'] }] }], csvs: [{ name: 'train-acl.csv', text }] };
for (let r = 0; r < 2; r++) indexDataset(listing);
