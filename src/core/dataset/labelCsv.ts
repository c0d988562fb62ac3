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

/**
 * The id and label of a line of `skip + 2` fields whose id is all digits and whose label is 0
 * or 1, with at most spaces and a pair of double quotes around either, found without splitting
 * the line (a million rows a second or more); undefined for any other line, which the general
 * path reads.
 */
function simpleRow(raw: string, separator: string, skip: number): [string, 0 | 1] | undefined {
  let start = 0;
  for (let f = 0; f < skip; f++) {
    const next = raw.indexOf(separator, start);
    if (next < 0) return undefined;
    start = next + separator.length;
  }
  const cut = raw.indexOf(separator, start);
  if (cut < 0 || raw.indexOf(separator, cut + separator.length) >= 0) return undefined;
  const id = fieldBounds(raw, start, cut);
  const label = fieldBounds(raw, cut + separator.length, raw.length);
  if (id[1] <= id[0] || label[1] - label[0] !== 1) return undefined;
  for (let i = id[0]; i < id[1]; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const l = raw.charCodeAt(label[0]);
  return l === 48 || l === 49 ? [raw.slice(id[0], id[1]), l === 49 ? 1 : 0] : undefined;
}

/** A field's bounds less the spaces around it and one pair of double quotes (and the spaces inside them). */
function fieldBounds(raw: string, start: number, end: number): [number, number] {
  const trim = (a: number, b: number): [number, number] => {
    while (a < b && raw.charCodeAt(a) === 32) a++;
    while (b > a && raw.charCodeAt(b - 1) === 32) b--;
    return [a, b];
  };
  const [a, b] = trim(start, end);
  return b - a >= 2 && raw.charCodeAt(a) === 34 && raw.charCodeAt(b - 1) === 34 ? trim(a + 1, b - 1) : [a, b];
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
    // The common lines (`0000,0`, `"0000";1`, ` 0000 , 0`, after a pandas index column): read in place.
    const simple = first ? undefined : simpleRow(raw, separator, skip);
    if (simple) {
      addRow(simple[0], simple[1], line);
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
