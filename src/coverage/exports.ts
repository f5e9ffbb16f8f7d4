import type { RuleView } from '../model/site-model.ts';

/** One rule as `/api/rules.json` lists it: what a SOAR playbook needs to link an alert. */
export interface RuleExport {
  id: string;
  name: string;
  url: string;
  /** Absent for a rule whose id cannot be a folder name (src/schemas/rule-id.ts). */
  permalink?: string;
  tools: { id: string; name: string }[];
  tactics: string[];
  techniques: string[];
  tables: string[];
  dataConnectors: string[];
  hasRunbook: boolean;
}

/** Where the export points: a rule's page and its permanent link, as URLs (src/site/routes.ts). */
export interface RuleExportRoutes {
  rule(slug: string): string;
  permalink(id: string): string;
}

/** The rules export, sorted by id so diffs between builds stay small. */
export function toRulesExport(rules: readonly RuleView[], routes: RuleExportRoutes): RuleExport[] {
  return [...rules]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((rule) => ({
      id: rule.id,
      name: rule.name,
      url: routes.rule(rule.slug),
      ...(rule.hasPermalink ? { permalink: routes.permalink(rule.id) } : {}),
      tools: rule.tools.map((tool) => ({ id: tool.toolId, name: tool.name })),
      tactics: rule.tactics.map((tactic) => tactic.shortName),
      techniques: rule.techniqueIds,
      tables: rule.tables,
      dataConnectors: rule.connectors.flatMap((connector) => connector.connectorId ?? []),
      hasRunbook: Boolean(rule.runbook),
    }));
}

const CSV_SPECIAL_RE = /[",\r\n]/;

/**
 * Writes RFC 4180 CSV: quotes fields that need it, CRLF line ends. Cells starting with
 * `=`, `+`, `-` or `@` get a leading apostrophe so spreadsheets do not run them as formulas.
 * @example toCsv([['tool', 'status'], ['AnyDesk', 'gap']]) // → 'tool,status\r\nAnyDesk,gap\r\n'
 */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  const cell = (value: string | number) => {
    let text = String(value);
    if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
    return CSV_SPECIAL_RE.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => `${row.map(cell).join(',')}\r\n`).join('');
}
