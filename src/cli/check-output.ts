/**
 * What `huntbook check` prints, in its three formats: `text`, the build log's grouped findings
 * and a closing total; `json`, one object for scripts (CheckJson); `sarif`, the log that
 * code-scanning tools annotate pull requests with, the same as a build's /api/problems.sarif.
 */
import {
  type Finding,
  formatFindingGroup,
  groupRepeatedFindings,
  kindOf,
  type PublishTally,
  type Severity,
  summariseFindings,
} from '../checks/findings.ts';
import { type SarifLog, toSarifLog } from '../checks/sarif.ts';

export const CHECK_FORMATS = ['text', 'json', 'sarif'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** What a check found, as the formats need it. */
export interface CheckOutcome {
  /** Every finding, with the severity the content gives it (strict mode is in `strict`). */
  findings: readonly Finding[];
  /** The build log's line per rules folder: files read, rules published. */
  folders: readonly string[];
  tally: PublishTally;
  strict: boolean;
  /** True when a build would stop: an error, or with `strict` any finding. */
  failed: boolean;
  /** A finding's file as pages publish it (relative to `sourceRoot`), which SARIF paths are. */
  toPublishedPath: (file: string) => string;
}

/**
 * The text report: one line per finding, or per finding repeated across files, written as the
 * build log writes it after its severity; the folder counts; and the total.
 * @example formatCheckText(outcome) // → 'warning: rules/a.yaml:7:5 relevantTechniques: …\nrules: 3 files read, 3 rules published\nA build would publish 3 rules from 3 files: 1 warning in 1 file'
 */
export function formatCheckText(outcome: CheckOutcome): string {
  const lines = groupRepeatedFindings(outcome.findings).map(
    (group) => `${group.severity}: ${formatFindingGroup(group)}`,
  );
  return [...lines, ...outcome.folders, summarise(outcome)].join('\n');
}

/** One finding in the JSON report; what is not known is null. */
export interface CheckJsonFinding {
  /** Path of the file, relative to the working directory where possible. */
  file: string;
  /** 1-based line, or null when the problem cannot be placed. */
  line: number | null;
  /** 1-based column, or null. */
  column: number | null;
  /** Dotted field path, e.g. `relevantTechniques`, or null. */
  field: string | null;
  /** The kind of problem, e.g. `kql-syntax` (`other` when it has none). */
  code: string;
  /** As the content gives it: strict mode fails on warnings without making them errors. */
  severity: Severity;
  message: string;
}

/**
 * The JSON report of `huntbook check --format json`.
 * @example toCheckJson(outcome).summary // → { passed: true, strict: false, errors: 0, warnings: 1, files: 1, ruleFiles: 3, rules: 3, text: 'A build would publish 3 rules from 3 files: 1 warning in 1 file' }
 */
export interface CheckJson {
  summary: {
    /** False when a build would stop, which is when `huntbook check` exits with 1. */
    passed: boolean;
    /** Whether warnings fail the check (`--strict`, or `strict: true` in the settings). */
    strict: boolean;
    errors: number;
    warnings: number;
    /** Files with at least one finding. */
    files: number;
    /** Rule files read. */
    ruleFiles: number;
    /** Rules that could be read, which a build would publish. */
    rules: number;
    /** The closing line of the text report. */
    text: string;
  };
  /** Every finding, in the order the text report lists them before grouping. */
  findings: CheckJsonFinding[];
}

export function toCheckJson(outcome: CheckOutcome): CheckJson {
  const count = (severity: Severity) => outcome.findings.filter((finding) => finding.severity === severity).length;
  return {
    summary: {
      passed: !outcome.failed,
      strict: outcome.strict,
      errors: count('error'),
      warnings: count('warning'),
      files: new Set(outcome.findings.map((finding) => finding.file)).size,
      ruleFiles: outcome.tally.ruleFiles,
      rules: outcome.tally.rules,
      text: summarise(outcome),
    },
    findings: outcome.findings.map((finding) => ({
      file: finding.file,
      line: finding.line ?? null,
      column: finding.column ?? null,
      field: finding.field ?? null,
      code: kindOf(finding),
      severity: finding.severity,
      message: finding.message,
    })),
  };
}

/** The SARIF log, with paths relative to `sourceRoot`, as a build writes /api/problems.sarif. */
export function toCheckSarif(outcome: CheckOutcome): SarifLog {
  return toSarifLog(outcome.findings, {
    toolName: 'Huntbook',
    toRepositoryUri: outcome.toPublishedPath,
  });
}

/**
 * The report in the format asked for, as printed.
 * @example formatCheckOutcome(outcome, 'json') // → '{\n  "summary": {…},\n  "findings": […]\n}'
 */
export function formatCheckOutcome(outcome: CheckOutcome, format: CheckFormat): string {
  if (format === 'json') return JSON.stringify(toCheckJson(outcome), null, 2);
  if (format === 'sarif') return JSON.stringify(toCheckSarif(outcome), null, 2);
  return formatCheckText(outcome);
}

function summarise(outcome: CheckOutcome): string {
  return summariseFindings(outcome.findings, outcome.tally, { strict: outcome.strict, checking: true });
}
