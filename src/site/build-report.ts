import type { CollectionReport } from '../build-cache/content-findings.ts';
import {
  type Finding,
  formatFindingGroup,
  groupRepeatedFindings,
  type PublishTally,
  summariseFindings,
} from '../checks/findings.ts';

/** What the end of the build log says about the content: the findings, grouped, and a total. */
export interface BuildReport {
  /** One line per finding, or per finding repeated across files (with the count). */
  lines: string[];
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
  reports: { rules: Pick<CollectionReport, 'files' | 'published'> },
  options: { strict?: boolean } = {},
): BuildReport {
  const tally: PublishTally = { ruleFiles: reports.rules.files, rules: reports.rules.published };
  return {
    lines: groupRepeatedFindings(findings).map(formatFindingGroup),
    summary: summariseFindings(findings, tally, options),
    findings: findings.length,
  };
}
