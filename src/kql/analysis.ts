/**
 * Build-time analysis of a rule's KQL: syntax errors, the tables it reads, its time window,
 * the columns it returns and the literal values it matches on. Everything comes from the
 * syntax tree of Microsoft's Kusto language service (no schema is known, so nothing is bound):
 * a regex cannot tell a table from a column or a `let` name, the parser can.
 */
import { loadKustoService } from './kusto-service.ts';
import { readOutputColumns } from './output-columns.ts';
import { createQueryContext } from './query-context.ts';
import { readSyntaxDiagnostics } from './syntax-diagnostics.ts';
import { walkTree } from './tree-walk.ts';

export interface KqlDiagnostic {
  /** The language service's code, e.g. `KS006` (missing expression) or `KS005` (expected token). */
  code: string;
  message: string;
  severity: 'error' | 'warning';
  /** 1-based line inside the query text. */
  line: number;
  /** 1-based column inside the query text, in UTF-16 code units. */
  column: number;
}

export type KqlIndicatorKind = 'domain' | 'ip' | 'process' | 'product' | 'signer' | 'path' | 'other';

export interface KqlIndicator {
  value: string;
  kind: KqlIndicatorKind;
  /** The column the value is compared against, e.g. `RemoteUrl`. */
  column?: string;
}

export interface KqlAnalysis {
  /** Syntax errors reported by the language service. */
  diagnostics: KqlDiagnostic[];
  /** Tables the query reads, sorted and unique; wildcards such as `Device*` stay as written. */
  tables: string[];
  /** The first time filter, e.g. `ago(7d)` or `now(-5d) .. now()`, with simple `let` values resolved. */
  timeWindow?: string;
  /**
   * Columns of the final result in Kusto's order. `'*'` stands for source columns that cannot be
   * named without a schema (e.g. after `extend` on a table or `arg_max(Timestamp, *)`); empty when
   * nothing beyond the source's own columns is known.
   */
  outputColumns: string[];
  /** String literals compared with a column (negated comparisons and regexes left out), in query order. */
  indicators: KqlIndicator[];
  /** References the Defender XDR `Timestamp` column. */
  usesTimestamp: boolean;
  /** References Sentinel's `TimeGenerated` column. */
  usesTimeGenerated: boolean;
  /** Set when only the syntax check succeeded: why the rest of the analysis is missing. */
  incomplete?: string;
}

/**
 * Parses a KQL query and reports what it does, from the syntax tree alone.
 * @example analyzeKql(`DeviceNetworkEvents | where Timestamp > ago(7d) | where RemoteUrl has 'rustdesk.com'`)
 *   // → { tables: ['DeviceNetworkEvents'], timeWindow: 'ago(7d)',
 *   //     indicators: [{ value: 'rustdesk.com', kind: 'domain', column: 'RemoteUrl' }], … }
 */
export function analyzeKql(query: string): KqlAnalysis {
  const service = loadKustoService();
  const root = service.parse(query);
  const context = createQueryContext(service);
  const diagnostics = readSyntaxDiagnostics(root, query);
  try {
    const facts = walkTree(root, context, service.syntaxKinds);
    const analysis: KqlAnalysis = {
      diagnostics,
      tables: facts.tables,
      outputColumns: readOutputColumns(root, context),
      indicators: facts.indicators,
      usesTimestamp: facts.usesTimestamp,
      usesTimeGenerated: facts.usesTimeGenerated,
    };
    if (facts.timeWindow !== undefined) analysis.timeWindow = facts.timeWindow;
    return analysis;
  } catch (error) {
    // A query shape the walk cannot handle must not stop the build: keep the syntax check
    // and say the rest is missing, so the page does not claim facts it could not establish.
    return {
      diagnostics,
      tables: [],
      outputColumns: [],
      indicators: [],
      usesTimestamp: false,
      usesTimeGenerated: false,
      incomplete: error instanceof Error ? error.message : String(error),
    };
  }
}
