import { type AttackDomain, MATRIX_NAMES } from '../attack/attack.ts';
import { buildNavigatorLayer, listRuleDomains } from '../attack/navigator-layer.ts';
import { toCsv, toRulesExport } from '../coverage/exports.ts';
import { listGapRecords } from '../coverage/matrix.ts';
import { getAttackIndex, getCoverage, getSiteModel } from './data.ts';
import { toLayerSuffix } from './routes.ts';
import { exportRoutes, siteConfig } from './settings.ts';

/**
 * The body of `/api/rules.json`, what SOAR playbooks and other outside tools read.
 * @example JSON.parse(await getRulesExportJson()).rules[0].permalink // → '/r/58cbbe97-…/'
 */
export async function getRulesExportJson(): Promise<string> {
  const { rules } = await getSiteModel();
  return `${JSON.stringify({ rules: toRulesExport(rules, exportRoutes) }, null, 2)}\n`;
}

/** The body of one domain's ATT&CK Navigator layer export (Enterprise by default). */
export async function getNavigatorLayerJson(domain: AttackDomain = 'enterprise-attack'): Promise<string> {
  const { rules } = await getSiteModel();
  const layer = buildNavigatorLayer(rules, getAttackIndex(), { title: siteConfig.title, routes: exportRoutes, domain });
  return `${JSON.stringify(layer, null, 2)}\n`;
}

/** A Navigator layer besides Enterprise's: its domain, file suffix and matrix name. */
export interface ExtraLayer {
  domain: AttackDomain;
  /** What tells its file apart, e.g. `ics` for `navigator-layer-ics.json`. */
  suffix: string;
  /** The matrix name, e.g. `ICS`. */
  matrix: string;
}

/**
 * The domains besides Enterprise that rules map to, each with a layer of its own. Enterprise's
 * layer is always written, so links to it keep working whatever the rules map to.
 * @example await listExtraLayers() // → [{ domain: 'ics-attack', suffix: 'ics', matrix: 'ICS' }]
 */
export async function listExtraLayers(): Promise<ExtraLayer[]> {
  const { rules } = await getSiteModel();
  return listRuleDomains(rules, getAttackIndex())
    .filter((domain) => domain !== 'enterprise-attack')
    .map((domain) => ({ domain, suffix: toLayerSuffix(domain), matrix: MATRIX_NAMES[domain] }));
}

/** The body of the coverage-gap CSV export: one row per tool, sub-technique and kind of telemetry. */
export async function getGapsCsv(): Promise<string> {
  const { matrix } = await getCoverage();
  const rows = listGapRecords(matrix).map((r) => [r.tool, r.subTechnique, r.telemetry, r.status, r.rules]);
  return toCsv([['tool', 'sub-technique', 'telemetry', 'status', 'rules'], ...rows]);
}
