/**
 * Findings are what every validator returns: one problem in one file.
 *
 * An error is something that cannot be published at all (a file that is not YAML even after
 * the repairs, a rule without a query, settings that are wrong); everything else is a warning,
 * published and shown. The build fails on errors — on warnings too in strict mode — always with
 * every finding listed at once, so an author fixes a whole corpus in one pass instead of one
 * failure per build.
 */
export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  /** Path of the offending file, relative to the working directory where possible. */
  file: string;
  /** 1-based line in the file, when the problem can be placed. */
  line?: number;
  /** 1-based column in the file, when the problem can be placed. */
  column?: number;
  /** Dotted field path, e.g. `relevantTechniques` or `requiredDataConnectors.0.dataTypes`. */
  field?: string;
  message: string;
  /**
   * The kind of problem, a short stable id such as `kql-syntax` or `yaml-repaired`: findings
   * are grouped by it on /problems/, and SARIF uses it as the rule id.
   */
  code?: string;
}

/** The kind a finding without a `code` is grouped under. */
export const OTHER_CODE = 'other';

/** How many files a repeated finding names in the log before "and N more". */
const FILES_SHOWN = 3;

/**
 * Formats a finding as `file:line:col field: message`.
 * @example formatFinding({severity:'error', file:'rules/a.yaml', line:7, column:5, field:'id', message:'…'})
 *   // → 'rules/a.yaml:7:5 id: …'
 */
export function formatFinding(finding: Finding): string {
  const field = finding.field ? ` ${finding.field}:` : '';
  return `${formatPlace(finding)}${field} ${finding.message}`;
}

/**
 * Where a finding is: `file:line:column`, as far as it is known.
 * @example formatPlace({ file: 'rules/a.yaml', line: 7, severity: 'warning', message: '' }) // → 'rules/a.yaml:7'
 */
export function formatPlace(finding: Pick<Finding, 'file' | 'line' | 'column'>): string {
  let where = finding.file;
  if (finding.line !== undefined) {
    where += `:${finding.line}`;
    if (finding.column !== undefined) where += `:${finding.column}`;
  }
  return where;
}

/** The kind a finding is grouped under: its `code`, else `other`. */
export function kindOf(finding: Finding): string {
  return finding.code ?? OTHER_CODE;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/**
 * Strict mode: every warning becomes an error, so the build fails on it.
 * @example applyStrictMode([{ severity: 'warning', … }], true) // → [{ severity: 'error', … }]
 */
export function applyStrictMode(findings: readonly Finding[], strict: boolean): Finding[] {
  return strict ? findings.map((f) => (f.severity === 'warning' ? { ...f, severity: 'error' } : f)) : [...findings];
}

/** Findings that say the same thing about different files: one line of the log. */
export interface FindingGroup {
  severity: Severity;
  field?: string;
  message: string;
  code?: string;
  findings: Finding[];
}

/**
 * Groups findings that repeat across files (same severity, field and message), in order of
 * first appearance, so the log can say a thing once with a count.
 * @example groupRepeatedFindings([a1, b1, a2]).map((g) => g.findings.length) // → [2, 1]
 */
export function groupRepeatedFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const finding of findings) {
    const key = JSON.stringify([finding.severity, finding.field ?? '', finding.message]);
    const group = groups.get(key);
    if (group) group.findings.push(finding);
    else
      groups.set(key, {
        severity: finding.severity,
        ...(finding.field === undefined ? {} : { field: finding.field }),
        message: finding.message,
        ...(finding.code === undefined ? {} : { code: finding.code }),
        findings: [finding],
      });
  }
  return [...groups.values()];
}

/**
 * One log line per group: a finding as `formatFinding` writes it, or, when it repeats, the
 * message once with the count and the first few places.
 * @example formatFindingGroup(group) // → 'dataTypes: indentation repaired … (167 files: a.yaml:6, b.yaml:6, c.yaml:6 and 164 more)'
 */
export function formatFindingGroup(group: FindingGroup): string {
  const [first] = group.findings;
  if (group.findings.length === 1 && first) return formatFinding(first);
  const files = new Set(group.findings.map((f) => f.file)).size;
  const places = group.findings.slice(0, FILES_SHOWN).map(formatPlace);
  const more = group.findings.length - places.length;
  const count = files === group.findings.length ? `${files} files` : `${group.findings.length} times in ${files} files`;
  const field = group.field ? `${group.field}: ` : '';
  return `${field}${group.message} (${count}: ${places.join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
}

/** What the build read and published, for the closing line of the log. */
export interface PublishTally {
  /** Rule files read. */
  ruleFiles: number;
  /** Rules that could be read (all published, unless the build fails). */
  rules: number;
}

/**
 * The closing line of the build log: what was published and how many warnings in how many
 * files; when the build fails, how many files have errors, or that strict mode failed it.
 * @example summariseFindings(warnings, { ruleFiles: 181, rules: 181 }) // → 'Published 181 rules from 181 files: 41 warnings in 37 files'
 * @example summariseFindings(findings, { ruleFiles: 181, rules: 179 })
 *   // → 'Nothing published: 179 rules of 181 rule files could be read, 41 warnings in 37 files, 2 files with errors'
 * @example summariseFindings(warnings, { ruleFiles: 181, rules: 181 }, { checking: true }) // → 'A build would publish 181 rules from 181 files: 41 warnings in 37 files'
 */
export function summariseFindings(
  findings: readonly Finding[],
  tally: PublishTally,
  options: { strict?: boolean; checking?: boolean } = {},
): string {
  const warnings = findings.filter((f) => f.severity === 'warning');
  const errors = findings.filter((f) => f.severity === 'error');
  const parts = [
    warnings.length > 0
      ? `${count(warnings.length, 'warning')} in ${count(new Set(warnings.map((f) => f.file)).size, 'file')}`
      : 'no warnings',
  ];
  const withErrors = new Set(errors.map((f) => f.file)).size;
  if (withErrors > 0) parts.push(`${count(withErrors, 'file')} with errors`);
  const failedByStrict = options.strict === true && warnings.length > 0;
  // `huntbook check` publishes nothing: it says what a build would do.
  const [publish, fail] = options.checking
    ? ['A build would publish', 'A build would fail']
    : ['Published', 'Nothing published'];
  if (withErrors === 0 && !failedByStrict) {
    return `${publish} ${count(tally.rules, 'rule')} from ${count(tally.ruleFiles, 'file')}: ${parts.join(', ')}`;
  }
  if (failedByStrict) parts.push('and strict mode fails on warnings');
  return `${fail}: ${count(tally.rules, 'rule')} of ${count(tally.ruleFiles, 'rule file')} could be read, ${parts.join(', ')}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** What the build log says when content stopped the build: how to publish anyway. */
const CONTENT_ERROR_HINT =
  'To publish anyway, fix the files listed above or move them out of the content folders. ' +
  'Warnings stop the build only in strict mode (strict: true in huntbook.config.yaml, or HUNTBOOK_STRICT=1); ' +
  'without it they are published and listed on /problems/.';

/** The same, when strict mode is on: warnings stopped the build as well. */
export const STRICT_MODE_HINT =
  'To publish anyway, fix the files listed above or move them out of the content folders. ' +
  'Strict mode is on (strict: true in huntbook.config.yaml, or HUNTBOOK_STRICT=1), so warnings stop the build too; ' +
  'without it, a build publishes them and lists them on /problems/.';

/**
 * An error that carries every finding of the build: the errors that stopped it and the
 * warnings beside them, grouped as the log groups them. It has no stack trace, because the
 * problem is in the content, not in Huntbook: Astro prints the message and the hint alone.
 */
export class ContentError extends Error {
  readonly findings: readonly Finding[];
  readonly hint: string;
  constructor(findings: readonly Finding[], options: { summary?: string; hint?: string } = {}) {
    const errors = findings.filter((f) => f.severity === 'error');
    const warnings = findings.filter((f) => f.severity === 'warning');
    const lines = [`Huntbook found ${count(errors.length, 'content error')}:`, ...indent(errors)];
    if (warnings.length > 0) lines.push(`and ${count(warnings.length, 'warning')}:`, ...indent(warnings));
    if (options.summary) lines.push(options.summary);
    super(lines.join('\n'));
    this.name = 'ContentError';
    this.findings = findings;
    this.hint = options.hint ?? CONTENT_ERROR_HINT;
    this.stack = '';
  }

  /**
   * Astro replaces an error's hint with advice about browser APIs when its text mentions
   * "document" or "window", which content does ("a document separator is expected"): the
   * error's text, for that guess, is only its name.
   */
  override toString(): string {
    return this.name;
  }
}

function indent(findings: readonly Finding[]): string[] {
  return groupRepeatedFindings(findings).map((group) => `  ${formatFindingGroup(group)}`);
}
