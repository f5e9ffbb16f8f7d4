import { isAbsolute, relative } from 'node:path';
import type { ExcludedCount } from './content-fs.ts';

/** One content folder's line in the build log: how much of what it holds made it onto the site. */
export interface ContentFolderCount {
  /** The folder as configured, e.g. `content/rules`. */
  folder: string;
  /** Files of the folder's kind that were read (hidden ones are named in warnings instead). */
  filesRead: number;
  /** Of those, the files published: rules with a page, runbooks joined to a rule, catalog entries. */
  published: number;
  /** Files of the folder's kind that `content.exclude` left out, not read (absent: none). */
  excluded?: number;
}

/**
 * Counts, per content folder, the files read and the files published, from the paths the
 * loaders listed and the paths of what they published. A path belongs to the innermost folder
 * that holds it, so nested settings (`rules` and `rules/Solutions`) are not counted twice.
 * @example countByContentFolder(['/c/rules'], ['/c/rules/a.yaml', '/c/rules/b.yaml'], ['/c/rules/a.yaml'])
 *   // → [{ folder: '/c/rules', filesRead: 2, published: 1 }]
 */
export function countByContentFolder(
  folders: readonly string[],
  filesRead: readonly string[],
  published: readonly string[],
  excluded: readonly ExcludedCount[] = [],
): ContentFolderCount[] {
  const counts: ContentFolderCount[] = [...new Set(folders)].map((folder) => ({ folder, filesRead: 0, published: 0 }));
  const countOf = (path: string) => {
    let best: ContentFolderCount | undefined;
    for (const count of counts) {
      if (isInside(path, count.folder) && (!best || count.folder.length > best.folder.length)) best = count;
    }
    return best;
  };
  for (const path of new Set(filesRead)) {
    const count = countOf(path);
    if (count) count.filesRead++;
  }
  for (const path of new Set(published)) {
    const count = countOf(path);
    if (count) count.published++;
  }
  for (const { folder, count } of excluded) {
    const entry = counts.find((candidate) => candidate.folder === folder);
    if (entry) entry.excluded = (entry.excluded ?? 0) + count;
  }
  return counts;
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
