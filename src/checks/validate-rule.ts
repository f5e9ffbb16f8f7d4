import type { AttackIndex } from '../attack/attack.ts';
import { type Rule, ruleSchema } from '../schemas/rule.ts';
import { TECHNIQUE_ID_RE } from '../schemas/tool.ts';
import { normalizeDataConnectors } from './data-connectors.ts';
import type { Finding } from './findings.ts';
import { checkRuleId } from './rule-id.ts';
import { describeValue, type FieldLocator, toFindings } from './zod-findings.ts';

export interface RuleCheckContext {
  file: string;
  locate: FieldLocator;
  attack: AttackIndex;
}

/**
 * Validates one parsed rule file: the schema (id, name, query …), then every tactic and
 * technique against the pinned ATT&CK extract. Returns the rule when it has no errors.
 */
export function validateRule(data: unknown, context: RuleCheckContext): { rule?: Rule; findings: Finding[] } {
  const { file, locate } = context;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const found = data === undefined || data === null ? 'an empty file' : describeValue(data);
    return {
      findings: [{ severity: 'error', file, message: `must be a YAML mapping (a Sentinel rule), got ${found}` }],
    };
  }
  const raw = data as Record<string, unknown>;
  const connectors = normalizeDataConnectors(raw.requiredDataConnectors, file, locate);
  const input = raw.requiredDataConnectors === undefined ? raw : { ...raw, requiredDataConnectors: connectors.value };
  const parsed = ruleSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { findings: [...connectors.findings, ...toFindings(parsed.error, { file, locate })] };

  const findings = [
    ...checkTactics(asList(raw.tactics), context),
    ...checkTechniques(asList(raw.relevantTechniques), context),
  ];
  if (findings.length === 0) findings.push(...checkTechniqueTactics(parsed.data, context));
  findings.unshift(...connectors.findings, ...checkRuleId(parsed.data.id, file, locate));
  return findings.some((f) => f.severity === 'error') ? { findings } : { rule: parsed.data, findings };
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.map(String) : [];
}

function checkTactics(tactics: string[], { file, locate, attack }: RuleCheckContext): Finding[] {
  return tactics.flatMap((tactic, index) =>
    attack.findTactic(tactic)
      ? []
      : [
          {
            severity: 'error' as const,
            file,
            ...locate(['tactics', index]),
            field: 'tactics',
            message: `${JSON.stringify(tactic)} is neither a Sentinel tactic name (e.g. CommandAndControl) nor an ATT&CK tactic short name (e.g. command-and-control)`,
          },
        ],
  );
}

function checkTechniques(techniques: string[], { file, locate, attack }: RuleCheckContext): Finding[] {
  return techniques.flatMap((technique, index) => {
    const id = technique.trim();
    let message: string | undefined;
    if (!TECHNIQUE_ID_RE.test(id)) {
      message = `${JSON.stringify(technique)} is not an ATT&CK technique id (expected T#### or T####.###)`;
    } else if (!attack.findTechnique(id)) {
      message = `${JSON.stringify(technique)} is not a technique in the pinned ATT&CK extract (content/attack/enterprise-attack.json)`;
    }
    if (!message) return [];
    return [
      {
        severity: 'error' as const,
        file,
        ...locate(['relevantTechniques', index]),
        field: 'relevantTechniques',
        message,
      },
    ];
  });
}

/** Azure-Sentinel rejects a technique whose tactic is not listed; here it is a warning. */
function checkTechniqueTactics(rule: Rule, { file, locate, attack }: RuleCheckContext): Finding[] {
  const listed = new Set(rule.tactics.map((name) => attack.findTactic(name)?.shortName));
  if (listed.size === 0) return [];
  return rule.relevantTechniques.flatMap((id, index) => {
    const technique = attack.findTechnique(id);
    if (!technique || technique.tactics.some((tactic) => listed.has(tactic))) return [];
    return [
      {
        severity: 'warning' as const,
        file,
        ...locate(['relevantTechniques', index]),
        field: 'relevantTechniques',
        message: `${id} belongs to ${technique.tactics.join(', ')}, none of which is listed in tactics`,
      },
    ];
  });
}
