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

/** Problems listed per file; the rest are counted (a CSV of a million bad rows lists 100). */
export const PROBLEMS_LISTED_PER_FILE = 100;

/** Collects problems, keeping the first 100 of each file and a count of the rest. */
export class ProblemList {
  private readonly listed: DatasetProblem[] = [];
  private readonly counts = new Map<string, number>();
  private total = 0;

  add(problem: DatasetProblem): void {
    const n = (this.counts.get(problem.file) ?? 0) + 1;
    this.counts.set(problem.file, n);
    this.total++;
    if (n <= PROBLEMS_LISTED_PER_FILE) this.listed.push(problem);
  }

  /** Every problem found, listed or not. */
  get count(): number {
    return this.total;
  }

  /** The listed problems, then for each file with more a line that counts the rest. */
  toArray(): DatasetProblem[] {
    const rest = [...this.counts].filter(([, n]) => n > PROBLEMS_LISTED_PER_FILE);
    return [
      ...this.listed,
      ...rest.map(([file, n]) => ({
        file,
        message: `${(n - PROBLEMS_LISTED_PER_FILE).toLocaleString('en-US')} more problems in this file are not listed`,
      })),
    ];
  }
}
