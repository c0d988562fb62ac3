import { boolean, exact, integer, list, oneOf, optional, parser, tagged, text } from '../../shared/schema';
import { MRNET_PLANES } from '../../shared/datasetLayout';

/**
 * What is asked of the helper (snapshot.py) run in the paused program: a snapshot of the
 * expression's value into `folder` (files named `prefix-…`), a chunk of a file it wrote on a
 * machine the extension cannot see, or that file's removal.
 */
export type SnapshotRequest =
  | {
      op: 'snapshot';
      folder: string;
      token: string;
      prefix: string;
      /** For a dict of cases: which of its keys, by position. */
      case?: number;
      /** Every n-th element along each axis (a strided preview). */
      stride?: number;
      /** Bytes above which an array to be fetched in chunks is not written. */
      limit?: number;
      /** Fetch through the debugger even where the program could write into the folder. */
      fetch?: boolean;
    }
  | { op: 'chunk'; path: string; offset: number; length: number }
  | { op: 'remove'; path: string };

/**
 * The one expression evaluated in the frame: the helper runs in a fresh dict, the user's
 * expression inside a lambda (so that its errors are the helper's to report) in the frame.
 * Nothing is assigned in the program. A JSON string is a valid Python string literal.
 */
export function snapshotExpression(helper: string, expression: string, request: SnapshotRequest): string {
  const options = JSON.stringify(JSON.stringify(request));
  return `(lambda g: (exec(${JSON.stringify(helper)}, g), g["main"](lambda: (\n${expression}\n), ${options}))[1])({})`;
}

/** The size, shape and dtype of an array the helper wrote (`path`), or did not write: above the limit. */
const file = {
  path: optional(text(4096)),
  /** Written into the extension's own folder (else into the program machine's, to be fetched). */
  local: optional(boolean),
  bytes: integer(0),
  shape: list(integer(0), 64),
  dtype: text(64),
} as const;
const note = optional(text(1000));

const answer = tagged('kind', {
  array: { file: exact(file), note },
  case: { planes: list(exact({ plane: oneOf(MRNET_PLANES), note, ...file }), 3, 1) },
  cases: {
    ids: list(text(1000), 1_000_000, 1),
    index: integer(0),
    planes: list(exact({ plane: oneOf(MRNET_PLANES), note, ...file }), 3, 1),
  },
  /** Python's own words; `missing` when the expression names nothing (NameError, KeyError, …). */
  error: { message: text(100_000), missing: optional(boolean) },
  removed: {},
});
export type SnapshotAnswer = NonNullable<ReturnType<typeof parseJson>>;
export type WrittenFile = SnapshotAnswer & { kind: 'array' } extends { file: infer F } ? F : never;
const parseJson = parser(answer);

/** A Python str's repr as a debugger shows it: base64 and a two-letter tag need no unescaping. */
function payload(repr: string, tag: 'j:' | 'b:'): string {
  const body = /^'(.*)'$/s.exec(repr.trim())?.[1] ?? repr.trim();
  if (!body.startsWith(tag)) throw new Error(`the debugger answered ${repr.slice(0, 500)}`);
  return body.slice(tag.length);
}

/** The helper's answer to a snapshot or removal. */
export function parseSnapshotAnswer(repr: string): SnapshotAnswer {
  const json: unknown = JSON.parse(Buffer.from(payload(repr, 'j:'), 'base64').toString('utf8'));
  const parsed = parseJson(json);
  if (!parsed) throw new Error(`the helper's answer has an unexpected form: ${JSON.stringify(json).slice(0, 500)}`);
  return parsed;
}

/** A chunk's bytes; a failed read answers as an error would. */
export function parseChunk(repr: string): Uint8Array {
  if (repr.trim().replace(/^'/, '').startsWith('j:')) {
    const failed = parseSnapshotAnswer(repr);
    throw new Error(failed.kind === 'error' ? failed.message : 'the helper did not read the chunk');
  }
  return new Uint8Array(Buffer.from(payload(repr, 'b:'), 'base64'));
}

/**
 * The smallest step along every axis that brings an array of `shape` to at most `limit` bytes
 * (a strided preview: `a[::s, ::s, ::s]`).
 */
export function previewStride(shape: readonly number[], itemSize: number, limit: number): number {
  const bytesAt = (s: number) => shape.reduce((n, d) => n * Math.ceil(d / s), itemSize);
  let stride = 1;
  while (bytesAt(stride) > limit && stride < Math.max(1, ...shape)) stride++;
  return stride;
}
