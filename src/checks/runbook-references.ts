/** Checks that what a runbook names exists elsewhere: its rule, and the tool it is about. */
import type { Finding } from './findings.ts';

/** Where a field sits in a file, for findings raised after loading. */
export interface FieldPosition {
  line: number;
  column?: number;
}

/** A runbook as the cross-file checks see it: its file, the ids it names and where they sit. */
export interface RunbookReference {
  file: string;
  /** The id of the rule the runbook is for. */
  rule: string;
  /** The catalog id of the tool the rule is about, when the runbook names one. */
  tool?: string;
  positions?: Partial<Record<'rule' | 'tool', FieldPosition>>;
}

/**
 * Every runbook whose `rule` is the id of no rule: an error at that field.
 * @example findRunbooksWithoutRule([{ file: 'ghost.md', rule: id }], new Set())
 *   // → [{ severity: 'error', file: 'ghost.md', field: 'rule', message: `no rule has the id ${id}` }]
 */
export function findRunbooksWithoutRule(
  runbooks: readonly RunbookReference[],
  ruleIds: ReadonlySet<string>,
): Finding[] {
  return runbooks
    .filter((runbook) => !ruleIds.has(runbook.rule))
    .map((runbook) => ({
      severity: 'error',
      file: runbook.file,
      ...runbook.positions?.rule,
      field: 'rule',
      message: `no rule has the id ${runbook.rule}`,
    }));
}

/**
 * Every runbook whose `tool` is no id in the catalog: an error at that field, suggesting the
 * catalog's first ids.
 * @example findUnknownRunbookTools([{ file: 'pdq.md', rule: id, tool: 'anydesk' }], ['pdq', 'rustdesk'])
 *   // → [{ …, field: 'tool', message: '"anydesk" is not a tool id in the tool catalog (content.tools); use one of its ids, e.g. pdq, rustdesk' }]
 */
export function findUnknownRunbookTools(runbooks: readonly RunbookReference[], toolIds: readonly string[]): Finding[] {
  const known = new Set(toolIds);
  const findings: Finding[] = [];
  for (const runbook of runbooks) {
    if (runbook.tool && !known.has(runbook.tool)) {
      findings.push({
        severity: 'error',
        file: runbook.file,
        ...runbook.positions?.tool,
        field: 'tool',
        message: `"${runbook.tool}" is not a tool id in the tool catalog (content.tools); use one of its ids, e.g. ${[...known].slice(0, 3).join(', ') || 'none are loaded'}`,
      });
    }
  }
  return findings;
}
