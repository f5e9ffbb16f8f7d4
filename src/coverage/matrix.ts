import type { AttackIndex, Technique } from '../attack/attack.ts';
import type { RuleView, ToolView } from '../model/site-model.ts';
import { TELEMETRY_KINDS, type TelemetryKind } from '../model/telemetry.ts';
import type { Tool } from '../schemas/tool.ts';

/** The technique the matrix is about: Remote Access Tools and its sub-techniques. */
export const REMOTE_ACCESS_TECHNIQUE_ID = 'T1219';

export interface MatrixCell {
  telemetry: TelemetryKind;
  rules: RuleView[];
}

export interface MatrixRow {
  tool: Tool;
  /** False for a tool known only from rule names, not from the catalog. */
  catalogued: boolean;
  cells: MatrixCell[];
  ruleCount: number;
  coveredCells: number;
}

export interface MatrixGroup {
  /** The sub-technique (or T1219 itself) whose tools the rows are. */
  technique: Technique | { id: string; name: string; url?: undefined };
  rows: MatrixRow[];
}

export interface CoverageSummary {
  toolsTotal: number;
  toolsCovered: number;
  cellsTotal: number;
  cellsCovered: number;
  /** Tools with no rule at all. */
  toolsWithoutRule: Tool[];
  /** Rows of tools known only from rule names: counted in the totals, marked on the page. */
  toolsFromRuleNames: number;
  /** Rules that match no tool at all, so that no row counts them. */
  rulesWithoutTool: RuleView[];
}

export interface TelemetryGap {
  tool: Tool;
  /** Telemetry that at least one other tool has a rule for, and this one has not. */
  missing: TelemetryKind[];
}

export interface CoverageMatrix {
  columns: readonly TelemetryKind[];
  groups: MatrixGroup[];
  summary: CoverageSummary;
  telemetryGaps: TelemetryGap[];
}

/**
 * Builds the T1219 coverage matrix: one row per tool (catalog tools and tools known only from
 * rule names alike), grouped by the sub-technique the tool is abused under (ATT&CK order:
 * T1219.001, .002, .003, then T1219 itself), one column per telemetry kind, and the rules in
 * each cell. Tools filed under any other technique get a group of their own after those, so
 * no catalog entry is left out; rules that match no tool are counted beside the matrix.
 */
export function buildCoverageMatrix(
  tools: readonly ToolView[],
  attack: AttackIndex,
  rulesWithoutTool: readonly RuleView[] = [],
): CoverageMatrix {
  const parent = attack.findTechnique(REMOTE_ACCESS_TECHNIQUE_ID);
  const groupOrder = parent ? [...parent.subtechniqueIds, parent.id] : [REMOTE_ACCESS_TECHNIQUE_ID];
  const rowsByTechnique = new Map<string, MatrixRow[]>(groupOrder.map((id) => [id, []]));
  for (const view of tools) {
    const row = toRow(view);
    rowsByTechnique.set(view.tool.technique, [...(rowsByTechnique.get(view.tool.technique) ?? []), row]);
  }
  const groups = [...rowsByTechnique].map(([id, rows]) => ({
    technique: attack.findTechnique(id) ?? { id, name: id },
    rows: rows.sort((a, b) => a.tool.name.localeCompare(b.tool.name)),
  }));

  const rows = groups.flatMap((group) => group.rows);
  const coveredKinds = new Set(
    rows.flatMap((row) => row.cells.filter((c) => c.rules.length > 0).map((c) => c.telemetry.id)),
  );
  return {
    columns: TELEMETRY_KINDS,
    groups,
    summary: {
      toolsTotal: rows.length,
      toolsCovered: rows.filter((row) => row.ruleCount > 0).length,
      cellsTotal: rows.length * TELEMETRY_KINDS.length,
      cellsCovered: rows.reduce((sum, row) => sum + row.coveredCells, 0),
      toolsWithoutRule: rows.filter((row) => row.ruleCount === 0).map((row) => row.tool),
      toolsFromRuleNames: rows.filter((row) => !row.catalogued).length,
      rulesWithoutTool: [...rulesWithoutTool],
    },
    telemetryGaps: rows
      .filter((row) => row.ruleCount > 0)
      .map((row) => ({
        tool: row.tool,
        missing: row.cells
          .filter((c) => c.rules.length === 0 && coveredKinds.has(c.telemetry.id))
          .map((c) => c.telemetry),
      }))
      .filter((gap) => gap.missing.length > 0),
  };
}

function toRow(view: ToolView): MatrixRow {
  const cells = view.coverage.map(({ telemetry, rules }) => ({ telemetry, rules }));
  return {
    tool: view.tool,
    catalogued: view.catalogued,
    cells,
    ruleCount: view.rules.length,
    coveredCells: cells.filter((cell) => cell.rules.length > 0).length,
  };
}

/** A row of the gaps export: one line per tool and telemetry kind. */
export interface GapRecord {
  tool: string;
  subTechnique: string;
  telemetry: string;
  status: 'covered' | 'gap';
  rules: number;
}

/** Flattens the matrix into gap records, in matrix order. */
export function listGapRecords(matrix: CoverageMatrix): GapRecord[] {
  return matrix.groups.flatMap((group) =>
    group.rows.flatMap((row) =>
      row.cells.map((cell) => ({
        tool: row.tool.name,
        subTechnique: group.technique.id,
        telemetry: cell.telemetry.label,
        status: cell.rules.length > 0 ? ('covered' as const) : ('gap' as const),
        rules: cell.rules.length,
      })),
    ),
  );
}
