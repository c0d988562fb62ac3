import { ArraySource, readHeader } from '../core/arraySource';
import { describeDType } from '../shared/npy/dtype';
import { NpzMember } from '../shared/protocol';
import { ZipEntry, entryProblem, readZipDirectory } from '../core/zip/zipDirectory';
import { NpzMemberSource } from './npzMemberSource';
import { errorMessage } from '../shared/errorMessage';

/** An `.npz` archive: its members as the editor lists them, and the source of each. */
export interface NpzArchive {
  members: NpzMember[];
  /** The source of a member that can be opened; undefined for names the archive does not hold. */
  open(name: string): ArraySource | undefined;
}

/**
 * Lists an archive: its central directory, then each `.npy` member's header (a ranged read of
 * a stored member, the first compressed bytes of a deflated one). A member that cannot be
 * read is listed with its problem. Throws ZipFormatError for an archive that is not one.
 */
export async function openNpz(archive: ArraySource): Promise<NpzArchive> {
  const entries = await readZipDirectory(archive);
  const byName = new Map<string, ZipEntry>(entries.map((e) => [e.name, e]));
  const members = await Promise.all(
    entries.map(async (entry): Promise<NpzMember> => {
      const listed: NpzMember = {
        name: entry.name,
        bytes: entry.size,
        compressedBytes: entry.compressedSize,
        method: entry.method === 0 ? 'stored' : entry.method === 8 ? 'deflated' : `method ${entry.method}`,
      };
      const problem = entryProblem(entry);
      if (problem) return { ...listed, problem };
      try {
        const header = await readHeader(new NpzMemberSource(archive, entry));
        return { ...listed, shape: header.shapeText, ndim: header.shape.length, dtype: describeDType(header.dtype) };
      } catch (e) {
        return { ...listed, problem: errorMessage(e) };
      }
    }),
  );
  return {
    members,
    open(name) {
      const entry = byName.get(name);
      return entry && new NpzMemberSource(archive, entry);
    },
  };
}

/** The member an archive opens at: the first image or volume, else the first that can be read. */
export function firstMember(members: readonly NpzMember[]): NpzMember | undefined {
  return members.find((m) => !m.problem && (m.ndim ?? 0) >= 2) ?? members.find((m) => !m.problem);
}
