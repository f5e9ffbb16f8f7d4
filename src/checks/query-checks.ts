import type { KqlAnalysis } from '../kql/analysis.ts';
import type { Rule } from '../schemas/rule.ts';
import type { Finding, Severity } from './findings.ts';

export interface QueryCheckContext {
  file: string;
  /** Maps a position inside the query to the rule file. */
  toFilePosition: (line: number, column: number) => { line: number; column: number };
  /** `error` fails the build on a syntax error; `warning` publishes the rule with the error shown. */
  syntaxErrors: Severity;
}

/**
 * Checks a rule's query against its analysis: syntax errors (with the Kusto code, placed in
 * the file), and tables the query reads that `requiredDataConnectors.dataTypes` does not list,
 * or the other way round — a wrong list hides the rule from the right coverage cells.
 */
export function checkQuery(rule: Rule, analysis: KqlAnalysis, context: QueryCheckContext): Finding[] {
  const syntax = analysis.diagnostics.map((diagnostic) => ({
    severity: diagnostic.severity === 'warning' ? ('warning' as const) : context.syntaxErrors,
    file: context.file,
    ...context.toFilePosition(diagnostic.line, diagnostic.column),
    field: 'query',
    message: `${diagnostic.code} ${diagnostic.message}`,
  }));
  const incomplete: Finding[] = analysis.incomplete
    ? [
        {
          severity: 'warning',
          file: context.file,
          field: 'query',
          message: `only the syntax of this query could be checked: ${analysis.incomplete}`,
        },
      ]
    : [];
  return [...syntax, ...incomplete, ...checkDeclaredTables(rule, analysis, context.file)];
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
  return [{ severity: 'warning', file, field: 'requiredDataConnectors.dataTypes', message: `${parts.join('; ')}` }];
}
