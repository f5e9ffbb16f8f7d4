import { homedir } from 'node:os';
import { isAbsolute, join, matchesGlob, relative, resolve, sep } from 'node:path';

type Env = Record<string, string | undefined>;

/** What a content location was given by, for findings that name what the user actually wrote. */
export interface LocationOrigin {
  /** `settings`: written in the settings file; `env`: a `HUNTBOOK_*` variable; `default`: not written; `bundled`: Huntbook's own tool catalog. */
  kind: 'settings' | 'env' | 'default' | 'bundled';
  /** The setting as the user knows it: `content.rules`, `HUNTBOOK_RULES`. */
  setting: string;
  /** The value as written, before `~` and relative paths were resolved. */
  written: string;
  /** The settings file and the value's place in it, when it was written there. */
  file?: string;
  line?: number;
  column?: number;
}

/** A glob pattern of files never read, with the folder it is relative to (the settings file's). */
export interface ExcludePattern {
  /** Absolute folder the pattern is matched from. */
  base: string;
  /** The pattern relative to `base`, e.g. `**\/templates/**`; absolute when written absolute. */
  pattern: string;
  /** The pattern as written, for the build log. */
  written: string;
}

/** One folder, file or glob pattern that content is read from. */
export interface ContentLocation {
  /** Absolute folder (or file) walked: the location itself, or a glob pattern's fixed prefix. */
  base: string;
  /** The rest of a glob pattern, matched against paths relative to `base`; absent for a plain folder or file. */
  pattern?: string;
  /** Files under the location that are never read (`content.exclude`). */
  exclude: readonly ExcludePattern[];
  origin: LocationOrigin;
}

/** Characters that make a path segment a glob pattern (`*`, `?`, `[…]`, `{a,b}`, `!(…)`, `+(…)`, `@(…)`). */
const GLOB_MAGIC_RE = /[*?[\]{}]|[!+@]\(/;

/**
 * An absolute path: `~` is the home folder, anything else relative is taken from `baseDir`.
 * @example expandPath('~/detections', '/repo', { HOME: '/home/ana' }) // → '/home/ana/detections'
 * @example expandPath('rules', '/repo/wiki') // → '/repo/wiki/rules'
 */
export function expandPath(path: string, baseDir: string, env: Env = process.env): string {
  if (path === '~' || path.startsWith('~/')) return join(env.HOME || homedir(), path.slice(1));
  return resolve(baseDir, path);
}

/**
 * Reads a folder, file or glob pattern as written, relative to `baseDir` (`~` expands): a
 * pattern is split at its first segment holding glob characters, so the folder before it is
 * walked and the rest matched.
 * @example toContentLocation('detections/**\/*.yaml', '/repo', origin).base // → '/repo/detections' (pattern '**\/*.yaml')
 * @example toContentLocation('~/rules', '/repo', origin, { HOME: '/home/ana' }).base // → '/home/ana/rules'
 */
export function toContentLocation(
  written: string,
  baseDir: string,
  origin: LocationOrigin,
  exclude: readonly ExcludePattern[] = [],
  env: Env = process.env,
): ContentLocation {
  const segments = written.split(/[\\/]/);
  const firstMagic = segments.findIndex((segment) => GLOB_MAGIC_RE.test(segment));
  if (firstMagic === -1) return { base: expandPath(written, baseDir, env), exclude, origin };
  const prefix = segments.slice(0, firstMagic).join('/');
  const base = expandPath(prefix === '' && written.startsWith('/') ? '/' : prefix || '.', baseDir, env);
  return { base, pattern: segments.slice(firstMagic).join('/'), exclude, origin };
}

/**
 * An exclude pattern as written in the settings, relative to the settings file's folder.
 * @example toExcludePattern('**\/templates/**', '/repo') // → { base: '/repo', pattern: '**\/templates/**', … }
 */
export function toExcludePattern(written: string, baseDir: string, env: Env = process.env): ExcludePattern {
  const home = written === '~' || written.startsWith('~/');
  if (home) return { base: '/', pattern: expandPath(written, baseDir, env), written };
  return { base: baseDir, pattern: written, written };
}

/**
 * Whether a path under the location's base is selected by its glob pattern: the path itself
 * matches, or one of its folders does (`hunting/*\/queries` selects every file in those folders).
 * @example isSelected({ base: '/r', pattern: '*\/queries', … }, '/r/a/queries/x.yaml') // → true
 */
export function isSelected(location: Pick<ContentLocation, 'base' | 'pattern'>, path: string): boolean {
  if (location.pattern === undefined) return true;
  const pattern = location.pattern;
  const segments = toSlashes(relative(location.base, path)).split('/');
  for (let length = segments.length; length > 0; length--) {
    if (matchesGlob(segments.slice(0, length).join('/'), pattern)) return true;
  }
  return false;
}

/**
 * Whether an exclude pattern leaves a file out. A folder is given with a trailing `/`, so
 * `**\/templates/**` leaves out the `templates/` folder itself and everything in it.
 * @example isExcluded([{ base: '/r', pattern: '**\/templates/**', written: '' }], '/r/a/templates/x.yaml') // → true
 */
export function isExcluded(exclude: readonly ExcludePattern[], path: string): boolean {
  return exclude.some(({ base, pattern }) => {
    const folder = path.endsWith(sep) || path.endsWith('/');
    if (isAbsolute(pattern)) return matchesGlob(path, pattern);
    const rel = toSlashes(relative(base, path));
    return matchesGlob(folder ? `${rel}/` : rel, pattern);
  });
}

/**
 * The location as the user wrote it, and where: for findings and the build log.
 * @example describeOrigin({ kind: 'settings', setting: 'content.rules', written: 'rulez', file: 'huntbook.config.yaml', line: 3, column: 10 })
 *   // → 'content.rules "rulez" (huntbook.config.yaml:3:10)'
 */
export function describeOrigin(origin: LocationOrigin): string {
  if (origin.kind === 'bundled') return "Huntbook's bundled tool catalog";
  const where =
    origin.kind === 'settings' && origin.file
      ? ` (${origin.file}${origin.line === undefined ? '' : `:${origin.line}${origin.column === undefined ? '' : `:${origin.column}`}`})`
      : origin.kind === 'env'
        ? ' (from the environment)'
        : ' (the default)';
  return `${origin.setting} "${origin.written}"${where}`;
}

/**
 * The absolute path or pattern a location stands for, as tried.
 * @example toTriedPath({ base: '/repo/detections', pattern: '**\/*.yaml', … }) // → '/repo/detections/**\/*.yaml'
 */
export function toTriedPath(location: Pick<ContentLocation, 'base' | 'pattern'>): string {
  return location.pattern === undefined ? location.base : `${location.base.replace(/\/$/, '')}/${location.pattern}`;
}

function toSlashes(path: string): string {
  return path.split(sep).join('/');
}
