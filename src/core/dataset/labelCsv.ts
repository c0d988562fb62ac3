import { caseKeyOf } from '../../shared/datasetLayout';
import { DatasetProblem, ProblemList } from './problems';

interface LabelRow {
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

/** A case id field: `0000`, `"0000"`, `0000.npy`, `train/axial/0000.npy`; undefined if it names no case. */
export function caseIdField(field: string): string | undefined {
  const start = Math.max(field.lastIndexOf('/'), field.lastIndexOf('\\')) + 1;
  const end = field.length >= start + 4 && field.slice(-4).toLowerCase() === '.npy' ? field.length - 4 : field.length;
  if (end <= start) return undefined;
  for (let i = start; i < end; i++) {
    const c = field.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return field.slice(start, end);
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
 * The id and label of the line at [lineStart, lineEnd) of `raw` with `skip + 2` fields, found
 * without splitting the text into lines or fields (a million rows
 * a second or more): an id of digits, maybe as a file name or path (0000.npy, train/axial/0000.npy),
 * a label 0 or 1 as MRNet and pandas write it (1, 1.0, 1,0 after `;`, True), spaces and a pair
 * of double quotes around either. Undefined for any other line: the general path reads it (and
 * says what is wrong with it).
 */
function simpleRow(
  raw: string,
  lineStart: number,
  lineEnd: number,
  separator: string,
  skip: number,
): [string, 0 | 1] | undefined {
  let start = lineStart;
  for (let f = 0; f < skip; f++) {
    const next = raw.indexOf(separator, start);
    if (next < 0 || next >= lineEnd) return undefined;
    start = next + separator.length;
  }
  const cut = raw.indexOf(separator, start);
  if (cut < 0 || cut >= lineEnd) return undefined;
  const after = raw.indexOf(separator, cut + separator.length);
  if (after >= 0 && after < lineEnd) return undefined;
  const [a, b] = fieldBounds(raw, start, cut);
  const [c, d] = fieldBounds(raw, cut + separator.length, lineEnd);
  // The id: digits, after any folder and before any .npy.
  let idStart = b;
  while (idStart > a && raw.charCodeAt(idStart - 1) !== 47 && raw.charCodeAt(idStart - 1) !== 92) idStart--; // after any / or \\
  const idEnd =
    b - idStart > 4 && raw.charCodeAt(b - 4) === 46 && raw.slice(b - 3, b).toLowerCase() === 'npy' ? b - 4 : b;
  if (idEnd <= idStart) return undefined;
  for (let i = idStart; i < idEnd; i++) {
    const ch = raw.charCodeAt(i);
    if (ch < 48 || ch > 57) return undefined;
  }
  // The label: 0 or 1, maybe followed by a decimal point or comma and zeros (1.0, 1,0), or True/False.
  const l = raw.charCodeAt(c);
  let label: 0 | 1 | undefined = d > c && (l === 48 || l === 49) ? (l === 49 ? 1 : 0) : undefined;
  if (label !== undefined && d - c > 1) {
    const point = raw.charCodeAt(c + 1);
    if (point !== 46 && point !== 44) label = undefined;
    for (let i = c + 2; i < d && label !== undefined; i++) if (raw.charCodeAt(i) !== 48) label = undefined;
  } else if (label === undefined && (d - c === 4 || d - c === 5)) {
    const word = raw.slice(c, d).toLowerCase();
    label = word === 'true' ? 1 : word === 'false' ? 0 : undefined;
  }
  return label === undefined ? undefined : [raw.slice(idStart, idEnd), label];
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
  const rows: LabelRow[] = [];
  // Reported in line order once repeats are known (they are found after every line is read).
  const found: DatasetProblem[] = [];
  let separator: string | undefined;
  let first = true;
  // pandas writes its row index as an unnamed first column (header ",0,1"): skip it.
  let skip = 0;
  const addRow = (id: string, label: 0 | 1, line: number) => rows.push({ id, key: caseKeyOf(id), label, line });
  // Lines end at \r\n, \n or \r; they are read in place, and only those off the common path are cut out.
  let nextLf = -2;
  let nextCr = -2;
  let line = 0;
  for (let start = text.charCodeAt(0) === 0xfeff ? 1 : 0; start <= text.length;) {
    if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf('\n', start);
    if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf('\r', start);
    const end = nextLf < 0 ? (nextCr < 0 ? text.length : nextCr) : nextCr < 0 ? nextLf : Math.min(nextLf, nextCr);
    const lineStart = start;
    start = end + (text.startsWith('\r\n', end) ? 2 : 1);
    line++;
    if (separator !== undefined && !first) {
      // The common lines (`0000,0`, `"0000";1`, ` 0000 , 0`, after a pandas index column): read in place.
      const simple = simpleRow(text, lineStart, end, separator, skip);
      if (simple) {
        addRow(simple[0], simple[1], line);
        continue;
      }
    }
    const raw = text.slice(lineStart, end);
    if (raw === '' || raw.trim() === '') continue;
    if (separator === undefined) {
      separator = csvSeparator(raw);
      if (separator === undefined) {
        found.push({
          file,
          line,
          message: `no separator (',', ';' or tab) between a case id and a label: '${raw.slice(0, 40)}'`,
        });
        break;
      }
    }
    const fields = raw.split(separator);
    if (first) {
      first = false;
      const idField = unquote(fields[0]);
      const label = unquote((fields.length > 2 && idField === '' ? fields[2] : fields[1]) ?? '');
      if (idField === '' || (labelValue(label, separator) === undefined && caseIdField(idField) === undefined)) {
        skip = fields.length > 2 && idField === '' ? 1 : 0; // a header row
        continue;
      }
    }
    const idText = unquote(fields[skip] ?? '');
    const labelText = unquote(fields[skip + 1] ?? '');
    const id = caseIdField(idText);
    if (id === undefined) {
      found.push({ file, line, message: `case id '${idText}' is not a number (nor a file name such as 0000.npy)` });
      continue;
    }
    const value = labelValue(labelText, separator);
    if (value !== 0 && value !== 1) {
      found.push({ file, line, message: `label '${labelText}' for case ${id} is not 0 or 1` });
      continue;
    }
    addRow(id, value, line);
  }
  const unique = withoutRepeats(rows, file, found);
  for (const p of found.sort((a, b) => a.line! - b.line!)) problems.add(p);
  if (unique.length === 0) {
    problems.add({
      file,
      message: 'yields no usable rows: a label file holds one case per line, a case id and a 0/1 label (e.g. 0000,0)',
    });
  }
  return unique;
}

/**
 * The rows less the repeats of a case (ids compared by value): the first row of a case stays,
 * a repeat with the same label is dropped, one with another label is reported and every row
 * of that case left out. Repeats are found by sorting the ids' values (a hash of a million
 * strings costs seconds); only the few cases repeated are then looked at row by row.
 */
function withoutRepeats(rows: LabelRow[], file: string, found: DatasetProblem[]): LabelRow[] {
  // Keys of at most 15 digits are exact as float64; longer ones are always looked at.
  const values = Float64Array.from(rows, (r) => (r.key.length <= 15 ? Number(r.key) : NaN)).sort();
  const repeated = new Set<string>(rows.filter((r) => r.key.length > 15).map((r) => r.key));
  for (let i = 1; i < values.length; i++) if (values[i] === values[i - 1]) repeated.add(String(values[i]));
  if (repeated.size === 0) return rows;
  const firstOf = new Map<string, LabelRow>();
  const conflicting = new Set<string>();
  const kept: LabelRow[] = [];
  for (const row of rows) {
    if (!repeated.has(row.key)) {
      kept.push(row);
      continue;
    }
    const previous = firstOf.get(row.key);
    if (previous && previous.label !== row.label) {
      found.push({
        file,
        line: row.line,
        message: `case ${row.id} appears again with another label (line ${previous.line} says ${previous.label}); both are left out`,
      });
      conflicting.add(row.key);
    } else if (!previous) {
      firstOf.set(row.key, row);
      kept.push(row);
    }
  }
  return kept.filter((r) => !conflicting.has(r.key));
}
