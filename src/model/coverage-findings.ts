import type { Finding } from '../checks/findings.ts';
import type { RulePositions } from '../loaders/read-rules.ts';
import type { RuleView } from './site-model.ts';

/** Where a rule's fields sit in its file, when the loader knew. */
export type RulePositionsOf = (rule: RuleView) => RulePositions | undefined;

const REMOTE_ACCESS_TECHNIQUE_RE = /^T1219(?:\.\d{3})?$/;

/**
 * A warning for each rule tied to a tool that only its name knows: the rule is in the matrix,
 * but under a tool whose domains and processes nobody has listed.
 * @example findUncataloguedTools([fleetwoodRule])
 *   // → [{ code: 'tool-not-in-catalog', field: 'name', message: 'names the tool "Fleetwood Remote", which is not in the tool catalog: …' }]
 */
export function findUncataloguedTools(
  rules: readonly RuleView[],
  positionsOf: RulePositionsOf = () => undefined,
): Finding[] {
  return rules.flatMap((rule) =>
    rule.tools
      .filter((link) => link.uncatalogued)
      .map((link) => ({
        severity: 'warning' as const,
        file: rule.file,
        ...positionsOf(rule)?.name,
        field: 'name',
        code: 'tool-not-in-catalog',
        message: `names the tool "${link.evidence}", which is not in the tool catalog: the coverage matrix shows it as a tool known only from rule names; add it to the catalog so that rules can be matched by its domains and processes`,
      })),
  );
}

/**
 * A warning for each rule tagged T1219 (Remote Access Tools) that matches no tool: it is in no
 * row of the coverage matrix, so its coverage would otherwise go uncounted without a word.
 * Rules about other techniques are counted and listed on the coverage page, without a
 * finding: not being about a remote access tool is not a problem.
 * @example findUnmatchedRules([rdpRuleTaggedT1219])
 *   // → [{ code: 'no-tool', field: 'relevantTechniques', message: 'names T1219 but matches no tool: …' }]
 */
export function findUnmatchedRules(
  rulesWithoutTool: readonly RuleView[],
  positionsOf: RulePositionsOf = () => undefined,
): Finding[] {
  return rulesWithoutTool.flatMap((rule) => {
    const remoteAccessIds = rule.techniqueIds.filter((id) => REMOTE_ACCESS_TECHNIQUE_RE.test(id));
    if (remoteAccessIds.length === 0) return [];
    return [
      {
        severity: 'warning' as const,
        file: rule.file,
        ...positionsOf(rule)?.relevantTechniques,
        field: 'relevantTechniques',
        code: 'no-tool',
        message: `names ${remoteAccessIds.join(', ')} but matches no tool: no runbook names one, the name has no "<family> - <Tool> - <Telemetry>" form, and no domain, product or process name of a catalog tool is in the query, so the rule is in no row of the coverage matrix`,
      },
    ];
  });
}
