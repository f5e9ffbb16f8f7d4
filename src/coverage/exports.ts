import type { RuleView } from '../model/site-model.ts';

/** One rule as `/api/rules.json` lists it: what a SOAR playbook needs to link an alert. */
export interface RuleExport {
  id: string;
  name: string;
  /** `sentinel`, or `sigma` for a Sigma rule (its query converted to KQL, or none). */
  format: 'sentinel' | 'sigma';
  /** A Sigma rule's `logsource.product`, e.g. `windows`. */
  platform?: string;
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
      format: rule.format,
      ...(rule.platform ? { platform: rule.platform } : {}),
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
 * Leading characters a spreadsheet may take as the start of a formula or of a cell it
 * evaluates (OWASP, "CSV Injection"): `=`, `+`, `-`, `@`, tab and carriage return.
 */
const CSV_FORMULA_START_RE = /^[=+\-@\t\r]/;

/**
 * One CSV cell. A string starting with a formula character gets a leading apostrophe, so a
 * spreadsheet shows it as text; that includes a string like `"-1"`, since its meaning cannot be
 * told from the text. A number is written as is: a negative number given as a number is data, and
 * no number can carry a formula. A cell holding `"`, `,`, CR or LF is then quoted (RFC 4180).
 * @example toCsvCell('=cmd()') // → "'=cmd()"
 * @example toCsvCell(-1) // → '-1'
 */
export function toCsvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && CSV_FORMULA_START_RE.test(text)) text = `'${text}`;
  return CSV_SPECIAL_RE.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes RFC 4180 CSV with CRLF line ends; every cell goes through `toCsvCell`.
 * @example toCsv([['tool', 'status'], ['AnyDesk', 'gap']]) // → 'tool,status\r\nAnyDesk,gap\r\n'
 */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => `${row.map(toCsvCell).join(',')}\r\n`).join('');
}
