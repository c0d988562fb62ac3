/**
 * A case of a dataset. Task, plane and split names are data (a task may be called
 * `constructor`), so files and labels are maps, never object keys.
 */
export interface DatasetCase {
  /** The file stem as written: 0000, 10000. */
  id: string;
  /** The id by value (caseKeyOf): 0001 and 1 are one case. */
  key: string;
  split: string;
  /** Plane name -> path of its file relative to the root (train/axial/0000.npy). */
  files: Map<string, string>;
  /** Task -> 0 or 1; a task missing here has no label for this case. */
  labels: Map<string, 0 | 1>;
  /** Overlays of this case found by convention, in name order: plane ('' for an .npz of every plane), overlay name, path relative to the root. */
  overlays: { plane: string; name: string; path: string }[];
}
