/** Something in a dataset that could not be used: which file, which line, and why. */
export interface DatasetProblem {
  /** Path relative to the dataset root. */
  file: string;
  line?: number;
  message: string;
}

export function formatProblem(p: DatasetProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`;
}
