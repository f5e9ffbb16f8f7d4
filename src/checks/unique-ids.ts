/**
 * Checks across files that one id names one thing: a rule id shared by several rule files, a
 * rule with more than one runbook, and a tool id defined in several catalog files are pointed out.
 */
import type { Finding } from './findings.ts';
import type { RunbookReference } from './runbook-references.ts';

/**
 * Every rule file, in the order given, whose id an earlier file already has: a warning naming
 * the first. Public repositories keep one rule under both `Detections/` and `Solutions/`; both
 * are published, each at its own page, and the permanent link lists them.
 * @example findDuplicateRuleIds([{ file: 'a.yaml', rule: { id } }, { file: 'b.yaml', rule: { id } }])
 *   // → [{ severity: 'warning', file: 'b.yaml', field: 'id', message: `${id} is also the id of a.yaml; …` }]
 */
export function findDuplicateRuleIds(rules: readonly { file: string; rule: { id: string } }[]): Finding[] {
  const firstFileById = new Map<string, string>();
  const findings: Finding[] = [];
  for (const { file, rule } of rules) {
    const first = firstFileById.get(rule.id);
    if (first === undefined) {
      firstFileById.set(rule.id, file);
      continue;
    }
    findings.push({
      severity: 'warning',
      code: 'duplicate-id',
      file,
      field: 'id',
      message: `${rule.id} is also the id of ${first}; both rules are published, each at its own page, and /r/${rule.id}/ lists them; every rule needs its own id`,
    });
  }
  return findings;
}

/**
 * Every runbook for an id that several rule files share: a warning saying the runbook is shown
 * on each of them, since nothing tells which one it was written for.
 * @example findRunbooksOfSharedIds([{ file: 'r.md', rule: id }], new Map([[id, ['a.yaml', 'b.yaml']]]))
 *   // → [{ severity: 'warning', file: 'r.md', field: 'rule', message: `${id} is the id of 2 rules (a.yaml, b.yaml); this runbook is shown on each` }]
 */
export function findRunbooksOfSharedIds(
  runbooks: readonly RunbookReference[],
  filesById: ReadonlyMap<string, readonly string[]>,
): Finding[] {
  return runbooks.flatMap((runbook) => {
    const files = filesById.get(runbook.rule) ?? [];
    if (files.length < 2) return [];
    return [
      {
        severity: 'warning' as const,
        code: 'duplicate-id',
        file: runbook.file,
        ...runbook.positions?.rule,
        field: 'rule',
        message: `${runbook.rule} is the id of ${files.length} rules (${files.join(', ')}); this runbook is shown on each`,
      },
    ];
  });
}

/**
 * Every runbook, in the order given, for a rule an earlier runbook is already for: an error at
 * its `rule` field naming the first.
 * @example findDuplicateRunbooks([{ file: 'a.md', rule: id }, { file: 'b.md', rule: id }])
 *   // → [{ severity: 'error', file: 'b.md', field: 'rule', message: `${id} already has a runbook: a.md; merge the two into one` }]
 */
export function findDuplicateRunbooks(runbooks: readonly RunbookReference[]): Finding[] {
  const firstFileByRule = new Map<string, string>();
  const findings: Finding[] = [];
  for (const runbook of runbooks) {
    const first = firstFileByRule.get(runbook.rule);
    if (first === undefined) {
      firstFileByRule.set(runbook.rule, runbook.file);
      continue;
    }
    findings.push({
      severity: 'error',
      file: runbook.file,
      ...runbook.positions?.rule,
      field: 'rule',
      message: `${runbook.rule} already has a runbook: ${first}; merge the two into one`,
    });
  }
  return findings;
}

/**
 * Every catalog file, in the order given, that defines a tool an earlier file already defines:
 * a warning saying the entries were merged into the first file's (the loader merges them).
 * @example findRedefinedTools([{ file: 'a.yaml', toolId: 'pdq' }, { file: 'b.yaml', toolId: 'pdq' }])
 *   // → [{ severity: 'warning', file: 'b.yaml', field: 'id', message: 'tool "pdq" is also defined in a.yaml; …' }]
 */
export function findRedefinedTools(tools: readonly { file: string; toolId: string }[]): Finding[] {
  const firstFileById = new Map<string, string>();
  const findings: Finding[] = [];
  for (const { file, toolId } of tools) {
    const first = firstFileById.get(toolId);
    if (first === undefined) {
      firstFileById.set(toolId, file);
      continue;
    }
    findings.push({
      severity: 'warning',
      file,
      field: 'id',
      message: `tool "${toolId}" is also defined in ${first}; their lists (domains, product and process names, signers, companies, install paths, aliases) were merged and the other fields of ${first} kept`,
    });
  }
  return findings;
}
