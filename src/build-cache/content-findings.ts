/**
 * Each content loader's findings, handed to the site in the build cache: loaders run in
 * Astro's content sync, pages later in another module graph, and a file is what both see. The
 * site lists the findings of every collection together (the log, /problems/, rule pages) and
 * fails the build there, so an author sees rules, runbooks and tools at once, not one
 * collection per failed build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../checks/findings.ts';
import type { ContentFolderCount } from '../loaders/content-counts.ts';
import type { ExcludedCount } from '../loaders/content-fs.ts';
import { writeFileAtomically } from './write-file-atomically.ts';

/** What one loader read: its findings and how many files it read and published. */
export interface CollectionReport {
  findings: Finding[];
  /** Files read. */
  files: number;
  /** Entries published (rules, runbooks, tools). */
  published: number;
  /** Per content folder, files read and published (rules). */
  folders?: ContentFolderCount[];
  /** Per content folder, files `content.exclude` left out (runbooks, tools; the rules' are in `folders`). */
  excluded?: ExcludedCount[];
}

/**
 * The file a collection's report is kept in.
 * @example toFindingsFile('node_modules/.cache/huntbook', 'rules') // → 'node_modules/.cache/huntbook/rules-findings.json'
 */
export function toFindingsFile(dir: string, collection: string): string {
  return join(dir, `${collection}-findings.json`);
}

/**
 * Writes a loader's report for the site to read.
 * @example writeCollectionReport(cacheDir, 'rules', { findings, files: 181, published: 179 })
 */
export function writeCollectionReport(dir: string, collection: string, report: CollectionReport): void {
  writeFileAtomically(toFindingsFile(dir, collection), JSON.stringify(report));
}

/**
 * Reads the report a loader wrote in this build.
 * @example readCollectionReport(cacheDir, 'rules').findings.length // → 41
 */
export function readCollectionReport(dir: string, collection: string): CollectionReport {
  const file = toFindingsFile(dir, collection);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CollectionReport;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read the ${collection} findings from the build cache (${file}): ${reason}; build again`);
  }
}
