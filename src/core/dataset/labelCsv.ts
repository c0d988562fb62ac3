import { caseKeyOf } from '../../shared/datasetLayout';
import { ProblemList } from './problems';

export interface LabelRow {
  /** The case id as the file writes it, less any folder and `.npy`: `0000`, `7`. */
  id: string;
  /** The id by value (see caseKeyOf): what rows and files are matched on. */
  key: string;
  label: 0 | 1;
  line: number;
}

/**
 * The text of a label file: UTF-16 LE or BE when it starts with that byte-order mark,
 * otherwise UTF-8 (with or without a BOM).
 */
export function decodeCsvText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}

/** The separator of a CSV, from its first line: tab, then `;` (decimal commas), then `,`. */
export function csvSeparator(firstLine: string): string | undefined {
  return ['\t', ';', ','].find((sep) => firstLine.includes(sep));
}

const DIGITS = /^\d+$/;

/** A case id field: `0000`, `"0000"`, `0000.npy`, `train/axial/0000.npy`; undefined if it names no case. */
export function caseIdField(field: string): string | undefined {
  const name = field.slice(Math.max(field.lastIndexOf('/'), field.lastIndexOf('\\')) + 1).replace(/\.npy$/i, '');
  return DIGITS.test(name) ? name : undefined;
}

/** A label field's value: 0 or 1 (also 0.0, 1,0, True, False), NaN for other numbers, undefined for text. */
function labelValue(field: string, separator: string): number | undefined {
  const lower = field.toLowerCase();
  if (lower === 'true') return 1;
  if (lower === 'false') return 0;
  const value = Number(separator === ',' ? field : field.replace(',', '.'));
  return field === '' || Number.isNaN(value) ? undefined : value;
}

/** Whether the first `end` characters of `text` are all ASCII digits. */
function isDigits(text: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A field less the spaces and double quotes around it. */
export function unquote(field: string): string {
  const f = field.trim();
  return f.length >= 2 && f[0] === '"' && f[f.length - 1] === '"' ? f.slice(1, -1).trim() : f;
}

/**
 * Parses a label CSV: MRNet's own `0000,0` lines without a header, and what people save
 * instead: `;` or tab separators, UTF-16, a header row (`case,label`, pandas' `,0` and its
 * unnamed index column), CRLF, blank lines, quotes and spaces around fields, ids without zero
 * padding or written as file names or paths, labels written as 0.0/1.0 or True/False. Only a
 * first row whose label field is not a number (or whose id field is empty, as pandas writes
 * it) is a header. Rows that make no sense are left out and reported; a duplicate id with
 * another label is dropped altogether; a file that yields no rows at all is a problem too.
 */
export function parseLabelCsv(text: string, file: string, problems: ProblemList): LabelRow[] {
  const byKey = new Map<string, LabelRow>();
  const conflicting = new Set<string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let separator: string | undefined;
  let first = true;
  // pandas writes its row index as an unnamed first column (header ",0,1"): skip it.
  let skip = 0;
  const addRow = (id: string, label: 0 | 1, line: number) => {
    const key = caseKeyOf(id);
    const previous = byKey.get(key);
    if (previous && previous.label !== label) {
      problems.add({ file, line, message: `case ${id} appears again with another label (line ${previous.line} says ${previous.label}); both are left out` });
      conflicting.add(key);
    } else if (!previous) byKey.set(key, { id, key, label, line });
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw === '' || raw.trim() === '') continue;
    const line = i + 1;
    if (separator === undefined) {
      separator = csvSeparator(raw);
      if (separator === undefined) {
        problems.add({ file, line, message: `no separator (',', ';' or tab) between a case id and a label: '${raw.slice(0, 40)}'` });
        break;
      }
    }
    // The common line, `0000,0`: no quotes, spaces or folders, a 0/1 label; read without splitting.
    const cut = raw.indexOf(separator);
    if (!first && skip === 0 && cut > 0 && raw.length === cut + 2 && isDigits(raw, cut) && (raw[cut + 1] === '0' || raw[cut + 1] === '1')) {
      addRow(raw.slice(0, cut), raw[cut + 1] === '1' ? 1 : 0, line);
      continue;
    }
    const fields = raw.split(separator).map(unquote);
    if (first) {
      first = false;
      const idField = fields[0];
      const label = fields.length > 2 && idField === '' ? fields[2] : fields[1];
      if (idField === '' || (labelValue(label ?? '', separator) === undefined && caseIdField(idField) === undefined)) {
        skip = fields.length > 2 && idField === '' ? 1 : 0; // a header row
        continue;
      }
    }
    const idText = fields[skip] ?? '';
    const labelText = fields[skip + 1] ?? '';
    const id = caseIdField(idText);
    if (id === undefined) {
      problems.add({ file, line, message: `case id '${idText}' is not a number (nor a file name such as 0000.npy)` });
      continue;
    }
    const value = labelValue(labelText, separator);
    if (value !== 0 && value !== 1) {
      problems.add({ file, line, message: `label '${labelText}' for case ${id} is not 0 or 1` });
      continue;
    }
    addRow(id, value, line);
  }
  const rows = [...byKey.values()].filter((r) => !conflicting.has(r.key));
  if (rows.length === 0) {
    problems.add({ file, message: 'yields no usable rows: a label file holds one case per line, a case id and a 0/1 label (e.g. 0000,0)' });
  }
  return rows;
}
