import type { CollectionReport } from '../build-cache/content-findings.ts';
import {
  type Finding,
  formatFindingGroup,
  groupRepeatedFindings,
  type PublishTally,
  summariseFindings,
} from '../checks/findings.ts';
import type { ContentFolderCount } from '../loaders/content-counts.ts';
import { type ExcludedCount, toDisplayPath } from '../loaders/content-fs.ts';

/** What the end of the build log says about the content: the findings, grouped, and a total. */
export interface BuildReport {
  /** One line per finding, or per finding repeated across files (with the count). */
  lines: string[];
  /**
   * One line per rules folder: files read and rules published, e.g. `content/rules: 181 files
   * read, 179 rules published`, and what `content.exclude` left out of any folder.
   */
  folders: string[];
  /** The closing line, e.g. `Published 179 rules from 181 files: 41 warnings in 37 files`. */
  summary: string;
  /** How many findings there are: the log points at /problems/ when there are any. */
  findings: number;
}

/**
 * The build log's report of every finding of the build, grouped the way the log shows them.
 * @example toBuildReport(findings, { rules: { findings, files: 181, published: 179 } }).summary
 *   // → 'Published 179 rules from 181 files: 41 warnings in 37 files'
 */
export function toBuildReport(
  findings: readonly Finding[],
  reports: {
    rules: Pick<CollectionReport, 'files' | 'published' | 'folders'>;
    runbooks?: Pick<CollectionReport, 'excluded'>;
    tools?: Pick<CollectionReport, 'excluded'>;
  },
  options: { strict?: boolean } = {},
): BuildReport {
  const tally: PublishTally = { ruleFiles: reports.rules.files, rules: reports.rules.published };
  const excluded = [...(reports.runbooks?.excluded ?? []), ...(reports.tools?.excluded ?? [])];
  return {
    lines: groupRepeatedFindings(findings).map(formatFindingGroup),
    folders: [...(reports.rules.folders ?? []).map(formatFolderCount), ...excluded.map(formatExcludedCount)],
    summary: summariseFindings(findings, tally, options),
    findings: findings.length,
  };
}

/**
 * A rules folder's line in the build log, its path as the project shows paths.
 * @example formatFolderCount({ folder: '/repo/content/rules', filesRead: 3, published: 2 }) // → 'content/rules: 3 files read, 2 rules published' (run in /repo)
 */
export function formatFolderCount(count: ContentFolderCount): string {
  const files = `${count.filesRead} ${count.filesRead === 1 ? 'file' : 'files'} read`;
  const rules = `${count.published} ${count.published === 1 ? 'rule' : 'rules'} published`;
  const excluded = count.excluded ? `, ${describeExcluded(count.excluded)}` : '';
  return `${toDisplayPath(count.folder)}: ${files}, ${rules}${excluded}`;
}

/**
 * A runbook or tool folder's line when `content.exclude` left files out of it.
 * @example formatExcludedCount({ folder: '/repo/runbooks', count: 2 }) // → 'runbooks: 2 files left out by content.exclude' (run in /repo)
 */
export function formatExcludedCount({ folder, count }: ExcludedCount): string {
  return `${toDisplayPath(folder)}: ${describeExcluded(count)}`;
}

function describeExcluded(count: number): string {
  return `${count} ${count === 1 ? 'file' : 'files'} left out by content.exclude`;
}
