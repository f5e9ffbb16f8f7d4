import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import type { ContentSettings } from '../schemas/site-config.ts';

/** A folder content is read from, and the name its files are published under when it lies outside `sourceRoot`. */
export interface ContentRoot {
  /** Absolute folder (or single file) the content location walks. */
  folder: string;
  /** Stands for the folder in published paths; the folder's own name when absent. */
  label?: string;
}

/** What published paths are relative to. */
export interface PublishedPathRoots {
  /** Absolute root of the repository checkout (`sourceRoot`). */
  sourceRoot: string;
  /** The content locations' folders, for files outside `sourceRoot`. */
  contentRoots: readonly ContentRoot[];
}

/**
 * A file's path as pages, exports and the search index show it: relative to `sourceRoot`, or,
 * for a file outside it, relative to the content folder it came from with the folder's label in
 * front (its name unless given another), so a reader sees where it came from without learning
 * where the build machine keeps it. Never absolute: a file outside every root is named by its
 * own name. Separators are `/`.
 * @example toPublishedPath('/repo/rules/a.yaml', { sourceRoot: '/repo', contentRoots: [] }) // → 'rules/a.yaml'
 * @example toPublishedPath('/tmp/mysoc/RMM/a.yaml', { sourceRoot: '/repo', contentRoots: [{ folder: '/tmp/mysoc/RMM' }] }) // → 'RMM/a.yaml'
 */
export function toPublishedPath(absolutePath: string, roots: PublishedPathRoots): string {
  // The deepest folder that holds the file names it: sourceRoot (no label), or a content folder
  // outside it, or one given a label wherever it is (the bundled catalog, even in node_modules).
  const candidates = [{ folder: roots.sourceRoot, label: '' }, ...labelContentRoots(roots)];
  let best: { folder: string; label: string; rel: string } | undefined;
  for (const root of candidates) {
    const rel = relativeInside(root.folder, absolutePath);
    if (rel !== undefined && (!best || root.folder.length > best.folder.length)) best = { ...root, rel };
  }
  if (!best) return basename(absolutePath);
  if (best.label === '') return best.rel === '' ? '.' : best.rel;
  return best.rel === '' ? best.label : `${best.label}/${best.rel}`;
}

/** Huntbook's own tool catalog, named as the folder inside the package wherever the package is installed. */
const BUNDLED_TOOLS_LABEL = 'huntbook/content/tools';

/**
 * The roots of the settings: `sourceRoot` and every content location's folder.
 * @example toPathRoots(loadSiteConfig()).sourceRoot // → '/repo'
 */
export function toPathRoots(config: { sourceRoot: string; content: ContentSettings }): PublishedPathRoots {
  const locations = [...config.content.rules, ...config.content.runbooks, ...config.content.tools];
  return {
    sourceRoot: config.sourceRoot,
    contentRoots: locations.map((location) =>
      location.origin.kind === 'bundled'
        ? { folder: location.base, label: BUNDLED_TOOLS_LABEL }
        : { folder: location.base },
    ),
  };
}

/**
 * Turns paths the log shows (relative to `cwd`, or absolute) into published paths, in a
 * finding's `file` and in text that names files (a message naming the other file of a duplicate
 * id, a location that was not found). `toLocal` gives back the log's path of a published one.
 * @example createPathPublisher(roots, '/repo').toPublishedText('also in /tmp/x/RMM/a.yaml') // → 'also in RMM/a.yaml'
 */
export function createPathPublisher(
  roots: PublishedPathRoots,
  cwd: string,
): {
  toPublishedPath: (file: string) => string;
  toPublishedText: (text: string) => string;
  toLocal: (published: string) => string;
} {
  // Labelled once: every root then has its label, and publishing a file no longer compares roots.
  const labelled: PublishedPathRoots = { sourceRoot: roots.sourceRoot, contentRoots: labelContentRoots(roots) };
  const localOf = new Map<string, string>();
  const publish = (file: string): string => {
    // A folder is named with a trailing slash (a hidden folder left out): keep it.
    const folder = file.length > 1 && file.endsWith('/');
    const published = toPublishedPath(resolve(cwd, folder ? file.slice(0, -1) : file), labelled);
    const result = folder ? `${published}/` : published;
    if (!localOf.has(result)) localOf.set(result, file);
    return result;
  };
  const prefixes = toPrefixReplacements(roots, cwd);
  const prefixRe =
    prefixes.size === 0
      ? undefined
      : new RegExp(
          `(^|[\\s("'\`,:])(${[...prefixes.keys()]
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|')})`,
          'g',
        );
  return {
    toPublishedPath: publish,
    toPublishedText: (text) =>
      prefixRe
        ? text.replace(prefixRe, (_match, before: string, prefix: string) => before + prefixes.get(prefix))
        : text,
    toLocal: (published) => localOf.get(published) ?? published,
  };
}

/**
 * Each root's absolute form, and its form relative to `cwd` when inside it, followed by a
 * separator, with what stands for it in a published path.
 */
function toPrefixReplacements(roots: PublishedPathRoots, cwd: string): Map<string, string> {
  const replacements = new Map<string, string>();
  const add = (folder: string, published: string) => {
    for (const form of [folder, relativeInside(cwd, folder)]) {
      if (form && !replacements.has(`${form}/`)) replacements.set(`${form.split(sep).join('/')}/`, published);
    }
  };
  // The longest prefix is matched first (see createPathPublisher), as the deepest root names a file.
  for (const root of labelContentRoots(roots)) add(root.folder, `${root.label}/`);
  add(roots.sourceRoot, '');
  return replacements;
}

/**
 * The content roots given a label, and those outside `sourceRoot`, each with a label that no
 * other has: the folder's name, with as many parent folders in front as it takes to tell two of
 * one name apart.
 */
function labelContentRoots(roots: PublishedPathRoots): { folder: string; label: string }[] {
  const outside = roots.contentRoots.filter(
    (root) => root.label || relativeInside(roots.sourceRoot, root.folder) === undefined,
  );
  const segmentsOf = (folder: string) => folder.split(sep).filter(Boolean);
  return outside.map((root) => {
    if (root.label) return { folder: root.folder, label: root.label };
    const segments = segmentsOf(root.folder);
    let depth = 1;
    const labelAt = (folder: string, n: number) => segmentsOf(folder).slice(-n).join('/');
    while (
      depth < segments.length &&
      outside.some(
        (other) =>
          other.folder !== root.folder && !other.label && labelAt(other.folder, depth) === labelAt(root.folder, depth),
      )
    ) {
      depth++;
    }
    return { folder: root.folder, label: labelAt(root.folder, depth) || '.' };
  });
}

/** `path` relative to `root` with `/` separators when inside it (`''` for the root itself), else undefined. */
function relativeInside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
