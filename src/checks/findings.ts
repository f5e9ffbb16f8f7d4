/**
 * Findings are what every validator returns: one problem in one file.
 * The build prints warnings and fails on errors, always with every error listed at once,
 * so an author fixes a whole corpus in one pass instead of one failure per build.
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
  /** Short stable id of the kind of problem, for grouping, e.g. `no-tool` or `unknown-key`. */
  code?: string;
  message: string;
}

/**
 * Formats a finding as `file:line:col field: message`.
 * @example formatFinding({severity:'error', file:'rules/a.yaml', line:7, column:5, field:'id', message:'…'})
 *   // → 'rules/a.yaml:7:5 id: …'
 */
export function formatFinding(finding: Finding): string {
  let where = finding.file;
  if (finding.line !== undefined) {
    where += `:${finding.line}`;
    if (finding.column !== undefined) where += `:${finding.column}`;
  }
  const field = finding.field ? ` ${finding.field}:` : '';
  return `${where}${field} ${finding.message}`;
}

/** An error that carries every finding that stopped the build. */
export class ContentError extends Error {
  readonly findings: readonly Finding[];
  constructor(findings: readonly Finding[]) {
    const errors = findings.filter((f) => f.severity === 'error');
    const noun = errors.length === 1 ? 'error' : 'errors';
    super(`Huntbook found ${errors.length} content ${noun}:\n${errors.map((f) => `  ${formatFinding(f)}`).join('\n')}`);
    this.name = 'ContentError';
    this.findings = findings;
  }
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** Throws a ContentError listing every error; returns the warnings otherwise. */
export function throwOnErrors(findings: readonly Finding[]): Finding[] {
  if (hasErrors(findings)) throw new ContentError(findings);
  return findings.filter((f) => f.severity === 'warning');
}
