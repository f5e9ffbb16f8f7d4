import type { KqlAnalysis } from '../kql/analysis.ts';
import type { Rule } from '../schemas/rule.ts';
import type { Finding } from './findings.ts';

export interface QueryCheckContext {
  file: string;
  /** Maps a position inside the query to the rule file. */
  toFilePosition: (line: number, column: number) => { line: number; column: number };
}

/**
 * Checks a rule's query against its analysis: syntax errors (with the Kusto code, placed in
 * the file, and the place in the query's own numbering, as the page numbers its lines), and tables the query reads that `requiredDataConnectors.dataTypes` does not list,
 * or the other way round — a wrong list hides the rule from the right coverage cells.
 */
export function checkQuery(rule: Rule, analysis: KqlAnalysis, context: QueryCheckContext): Finding[] {
  // A query that does not parse is still worth publishing: its page shows where it breaks.
  const syntax = analysis.diagnostics.map(
    (diagnostic): Finding => ({
      severity: 'warning',
      file: context.file,
      ...context.toFilePosition(diagnostic.line, diagnostic.column),
      field: 'query',
      code: 'kql-syntax',
      message: `${diagnostic.code} ${diagnostic.message} (query line ${diagnostic.line}, column ${diagnostic.column})`,
    }),
  );
  const incomplete: Finding[] = analysis.incomplete
    ? [
        {
          severity: 'warning',
          file: context.file,
          field: 'query',
          code: 'kql-incomplete',
          message: `only the syntax of this query could be checked: ${analysis.incomplete}`,
        },
      ]
    : [];
  return [
    ...syntax,
    ...incomplete,
    ...checkTimeColumn(rule, analysis, context.file),
    ...checkDeclaredTables(rule, analysis, context.file),
  ];
}

/** Sentinel's analytics rule kinds that run the query on a schedule over `queryPeriod`. */
const ANALYTICS_RULE_KINDS = new Set(['scheduled', 'nrt']);

/**
 * True for a rule deployed as a Microsoft Sentinel analytics rule: `kind: Scheduled` or `NRT`,
 * or a `queryFrequency`. Hunting queries run where the analyst runs them, often in Defender XDR
 * advanced hunting, whose time column is `Timestamp`.
 * @example isAnalyticsRule({ kind: 'Scheduled' }) // → true
 * @example isAnalyticsRule({}) // → false
 */
export function isAnalyticsRule(rule: Readonly<Record<string, unknown>>): boolean {
  const kind = typeof rule.kind === 'string' ? rule.kind.trim().toLowerCase() : '';
  return ANALYTICS_RULE_KINDS.has(kind) || (rule.queryFrequency !== undefined && rule.queryFrequency !== null);
}

/**
 * A warning when an analytics rule filters on Defender XDR's `Timestamp` and never uses
 * `TimeGenerated`: Sentinel applies `queryPeriod` to `TimeGenerated`, so the rule's own time
 * filter is not the one its schedule assumes.
 */
function checkTimeColumn(rule: Rule, analysis: KqlAnalysis, file: string): Finding[] {
  if (!analysis.usesTimestamp || analysis.usesTimeGenerated || !isAnalyticsRule(rule)) return [];
  return [
    {
      severity: 'warning',
      file,
      field: 'query',
      code: 'timestamp-column',
      message:
        'this analytics rule uses Defender XDR’s Timestamp column and never TimeGenerated, the column Microsoft Sentinel applies queryPeriod to; check its time filter before running it as a Sentinel rule',
    },
  ];
}

/** A warning when the declared tables and the tables read differ (ignoring case). */
function checkDeclaredTables(rule: Rule, analysis: KqlAnalysis, file: string): Finding[] {
  const declared = rule.requiredDataConnectors.flatMap((connector) => connector.dataTypes);
  if (declared.length === 0 || analysis.tables.length === 0) return [];
  const read = analysis.tables.filter((table) => !table.includes('*'));
  const declaredKeys = new Set(declared.map((table) => table.toLowerCase()));
  const readKeys = new Set(read.map((table) => table.toLowerCase()));
  const undeclared = read.filter((table) => !declaredKeys.has(table.toLowerCase()));
  const unread = declared.filter((table) => !readKeys.has(table.toLowerCase()));
  const parts = [
    undeclared.length > 0 ? `the query reads ${undeclared.join(', ')}, which dataTypes does not list` : '',
    unread.length > 0 ? `dataTypes lists ${unread.join(', ')}, which the query does not read` : '',
  ].filter(Boolean);
  if (parts.length === 0) return [];
  return [
    {
      severity: 'warning',
      file,
      field: 'requiredDataConnectors.dataTypes',
      code: 'tables-mismatch',
      message: `${parts.join('; ')}`,
    },
  ];
}
