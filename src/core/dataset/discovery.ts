import { caseIdOf } from '../../shared/datasetLayout';
import { DatasetFs } from './listing';
import { mapLimited } from '../../shared/mapLimited';

/** Dataset roots are looked for this many folders below a workspace folder (0, 1 or 2 below). */
const ROOT_DEPTH = 2;
/** Folders read at most per workspace folder; a larger tree is searched no further, and says so. */
const MAX_FOLDERS_READ = 100_000;
/** Folders read at once: listing thousands of sibling folders one by one would take seconds. */
const CONCURRENCY = 32;

interface Discovery {
  /** Dataset roots (paths), sorted. */
  roots: string[];
  /** Where a budget stopped the search, for the log. */
  stopped: string[];
}

/**
 * Folders named as MRNet names its splits and planes: always read, whatever the budget, so that
 * a dataset laid out as MRNet's is found whatever sits beside it (a dicom/ of 100,000 series).
 */
const DATASET_NAMES = new Set(['train', 'valid', 'val', 'validation', 'test', 'axial', 'coronal', 'sagittal']);

/**
 * Dataset roots below the given folders: every folder, at most two below one of them, whose
 * split folders hold plane folders of NNNN.npy files. Searched level by level, every folder of
 * a level read in parallel. The budget (maxFolders) applies to folders of other names: past it
 * they are no longer read, and the search says where it stopped. Hidden folders and
 * node_modules are skipped.
 */
export async function discoverDatasetRoots(
  fs: DatasetFs,
  folders: readonly string[],
  maxFolders = MAX_FOLDERS_READ,
): Promise<Discovery> {
  const roots = new Set<string>();
  const stopped: string[] = [];
  for (const folder of folders) {
    let level = [folder];
    let read = 0;
    let said = false;
    for (let depth = 0; depth <= ROOT_DEPTH + 2 && level.length; depth++) {
      const isNamed = (dir: string) =>
        depth === 0 || DATASET_NAMES.has(dir.slice(dir.lastIndexOf('/') + 1).toLowerCase());
      const named = level.filter(isNamed);
      const others = level.filter((dir) => !isNamed(dir));
      const room = Math.max(0, maxFolders - read);
      // Said once: below where it stopped, only named folders are read.
      if (others.length > room && !said) {
        said = true;
        stopped.push(
          `${folder}: stopped at depth ${depth} after reading ${read} folders (limit ${maxFolders}); ${others.length - room} folders there were not read (those named as MRNet's splits and planes are read all the same)`,
        );
      }
      level = [...named, ...others.slice(0, room)];
      read += level.length;
      const listed = await mapLimited(level, CONCURRENCY, async (dir) => [dir, await readDirectory(fs, dir)] as const);
      const next: string[] = [];
      for (const [dir, entries] of listed) {
        if (depth >= 2 && entries.some(([name, type]) => type === 'file' && caseIdOf(name))) {
          roots.add(parentOf(parentOf(dir)));
          continue; // a plane folder: nothing to find below it
        }
        if (depth === ROOT_DEPTH + 2) continue;
        for (const [name, type] of entries) {
          if (type === 'folder' && !name.startsWith('.') && name !== 'node_modules') next.push(`${dir}/${name}`);
        }
      }
      level = next.filter((dir) => ![...roots].some((root) => dir.startsWith(`${root}/`)));
    }
  }
  return { roots: [...roots].sort(), stopped };
}

async function readDirectory(fs: DatasetFs, dir: string) {
  try {
    return await fs.readDirectory(dir);
  } catch {
    return [];
  }
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}
