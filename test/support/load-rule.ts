import { loadAttackIndex } from '../../src/attack/attack-fs.ts';
import { formatFinding } from '../../src/checks/findings.ts';
import { validateRule } from '../../src/checks/validate-rule.ts';
import { parseSentinelYaml } from '../../src/loaders/sentinel-yaml.ts';

const attack = loadAttackIndex();
export const RULE_FILE = 'content/rules/x.yaml';
export const RULE_ID = '58cbbe97-f835-4677-9bee-203b1df29600';

/**
 * Parses and validates a rule file's text like the build does; returns the rule and formatted findings.
 * @example loadRuleText('id: …\nname: N\nquery: T\n') // → { rule: { id: '…', … }, messages: [] }
 */
export function loadRuleText(text: string) {
  const parsed = parseSentinelYaml(text, RULE_FILE);
  if (parsed.data === undefined && parsed.findings.length > 0)
    return { rule: undefined, messages: parsed.findings.map(formatFinding) };
  const checked = validateRule(parsed.data, { file: RULE_FILE, locate: parsed.locate, attack });
  return { rule: checked.rule, messages: [...parsed.findings, ...checked.findings].map(formatFinding) };
}

/** A minimal valid rule, with `extra` YAML lines appended. */
export const ruleText = (extra = '') =>
  `id: ${RULE_ID}\nname: PDQ - Network\nquery: |\n  DeviceNetworkEvents\n  | take 1\n${extra}`;
