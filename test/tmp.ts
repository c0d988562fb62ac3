import { decodeCsvText, parseLabelCsv } from '../src/core/dataset/labelCsv';
import { ProblemList } from '../src/core/dataset/problems';
const id = (i: number) => String(i).padStart(7, '0');
const dialects: Record<string, string> = {
  plain: Array.from({ length: 1_000_000 }, (_, i) => `${id(i)},${i % 2}`).join('\n'),
  utf16quoted: ['"case";"label"', ...Array.from({ length: 1_000_000 }, (_, i) => `"${id(i)}";${i % 2}`)].join('\r\n'),
  paths: Array.from({ length: 1_000_000 }, (_, i) => `train/axial/${id(i)}.npy,${i % 2}`).join('\n'),
  floats: Array.from({ length: 1_000_000 }, (_, i) => `${id(i)};${i % 2},0`).join('\n'),
  bools: ['case,label', ...Array.from({ length: 1_000_000 }, (_, i) => `${id(i)},${i % 2 ? 'True' : 'False'}`)].join('\n'),
  pandas: [',0', ...Array.from({ length: 1_000_000 }, (_, i) => `${i},${id(i)},${i % 2}`)].join('\n'),
  tabs: Array.from({ length: 1_000_000 }, (_, i) => `${i}\t${i % 2}`).join('\n'),
};
for (const [name, rows] of Object.entries(dialects)) {
  const bytes = name.startsWith('utf16') ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows, 'utf16le')]) : Buffer.from(rows);
  const times = [];
  let n = 0;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    n = parseLabelCsv(decodeCsvText(new Uint8Array(bytes)), 'x.csv', new ProblemList()).length;
    times.push(performance.now() - t);
  }
  console.log(name.padEnd(12), times.map((t) => t.toFixed(0)).join(' '), n);
}
