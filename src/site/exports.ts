import { buildNavigatorLayer } from '../attack/navigator-layer.ts';
import { toCsv, toRulesExport } from '../coverage/exports.ts';
import { listGapRecords } from '../coverage/matrix.ts';
import { getAttackIndex, getCoverage, getSiteModel } from './data.ts';
import { exportRoutes, siteConfig } from './settings.ts';

/**
 * The body of `/api/rules.json`, what SOAR playbooks and other outside tools read.
 * @example JSON.parse(await getRulesExportJson()).rules[0].permalink // → '/r/58cbbe97-…/'
 */
export async function getRulesExportJson(): Promise<string> {
  const { rules } = await getSiteModel();
  return `${JSON.stringify({ rules: toRulesExport(rules, exportRoutes) }, null, 2)}\n`;
}

/** The body of the ATT&CK Navigator layer export. */
export async function getNavigatorLayerJson(): Promise<string> {
  const { rules } = await getSiteModel();
  const layer = buildNavigatorLayer(rules, getAttackIndex(), { title: siteConfig.title, routes: exportRoutes });
  return `${JSON.stringify(layer, null, 2)}\n`;
}

/** The body of the coverage-gap CSV export: one row per tool, sub-technique and kind of telemetry. */
export async function getGapsCsv(): Promise<string> {
  const { matrix } = await getCoverage();
  const rows = listGapRecords(matrix).map((r) => [r.tool, r.subTechnique, r.telemetry, r.status, r.rules]);
  return toCsv([['tool', 'sub-technique', 'telemetry', 'status', 'rules'], ...rows]);
}
