import { DatasetProblem } from './problems';

export interface LabelRow {
  /** The case id, zero-padded to four digits as the file stems are. */
  id: string;
  label: 0 | 1;
  line: number;
}

/**
 * Parses a label CSV: MRNet's own `0000,0` lines without a header, and what people save
 * instead: a header row (`case,label`, pandas' `,0`), a BOM, CRLF, blank lines, spaces around
 * fields, ids without zero padding, labels written as 0.0/1.0. Rows that make no sense are
 * left out and reported; a duplicate id with another label is dropped altogether.
 */
export function parseLabelCsv(text: string, file: string): { rows: LabelRow[]; problems: DatasetProblem[] } {
  const problems: DatasetProblem[] = [];
  const byId = new Map<string, LabelRow>();
  const conflicting = new Set<string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  let sawData = false;
  // pandas writes its row index as an unnamed first column (header ",0,1"): skip it.
  let skip = 0;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const fields = raw.split(',').map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
    if (!sawData && !/^\d+$/.test(fields[0])) {
      skip = fields.length > 2 && fields[0] === '' ? 1 : 0; // a header row
      return;
    }
    sawData = true;
    const [idText = '', labelText = ''] = fields.slice(skip);
    if (!/^\d+$/.test(idText)) {
      problems.push({ file, line, message: `case id '${idText}' is not a number` });
      return;
    }
    const value = Number(labelText);
    if (labelText === '' || (value !== 0 && value !== 1)) {
      problems.push({ file, line, message: `label '${labelText}' for case ${idText} is not 0 or 1` });
      return;
    }
    const id = idText.padStart(4, '0');
    const previous = byId.get(id);
    if (previous && previous.label !== value) {
      problems.push({ file, line, message: `case ${id} appears again with another label (line ${previous.line} says ${previous.label}); both are left out` });
      conflicting.add(id);
      return;
    }
    if (!previous) byId.set(id, { id, label: value as 0 | 1, line });
  });
  const rows = [...byId.values()].filter((r) => !conflicting.has(r.id));
  return { rows, problems };
}
