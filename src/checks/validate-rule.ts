import { type AttackIndex, MATRIX_NAMES } from '../attack/attack.ts';
import { readTacticValue, readTechniqueValue } from '../attack/read-values.ts';
import { type Rule, ruleSchema } from '../schemas/rule.ts';
import { readStringList } from '../schemas/string-list.ts';
import { normalizeDataConnectors } from './data-connectors.ts';
import { checkDates } from './date-values.ts';
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
 * technique against the pinned ATT&CK extracts. Returns the rule when it has no errors; an
 * odd tactic or technique value is a warning, never an error, because upstream content is
 * published as it is.
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

  // The values as written, so a finding's index is the item's place in the file.
  const techniques = asList(raw.relevantTechniques);
  const findings = [
    ...checkListShape(raw, 'tactics', context),
    ...checkListShape(raw, 'relevantTechniques', context),
    ...checkTactics(asList(raw.tactics), context),
    ...checkTechniques(techniques, context),
    ...checkTechniqueTactics(parsed.data.tactics, techniques, context),
    ...checkDates(raw, context),
  ];
  findings.unshift(...connectors.findings, ...checkRuleId(parsed.data.id, file, locate));
  return { rule: parsed.data, findings };
}

/** Each item at its index in the file; items that are not text are left to `checkListShape`. */
function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.map((item) => (typeof item === 'string' || typeof item === 'number' ? String(item) : ''));
}

function checkListShape(raw: Record<string, unknown>, field: string, { file, locate }: RuleCheckContext): Finding[] {
  return readStringList(raw[field]).problems.map((problem) => ({
    severity: 'warning' as const,
    file,
    ...locate(problem.index === undefined ? [field] : [field, problem.index]),
    field,
    code: 'list-shape',
    message: problem.message,
  }));
}

/** Any spelling of an ATT&CK tactic and Sentinel's `PreAttack` pass silently; anything else is a label. */
function checkTactics(tactics: string[], { file, locate, attack }: RuleCheckContext): Finding[] {
  return tactics.flatMap((tactic, index) =>
    tactic.trim() !== '' && readTacticValue(tactic, attack).kind === 'category'
      ? [
          {
            severity: 'warning' as const,
            file,
            ...locate(['tactics', index]),
            field: 'tactics',
            code: 'tactic-not-attack',
            message: `${JSON.stringify(tactic)} is neither a Sentinel tactic name (e.g. CommandAndControl) nor an ATT&CK tactic short name (e.g. command-and-control): shown as a category, not counted as a tactic`,
          },
        ]
      : [],
  );
}

function checkTechniques(techniques: string[], { file, locate, attack }: RuleCheckContext): Finding[] {
  return techniques.flatMap((technique, index) => {
    const problem = technique.trim() === '' ? undefined : describeTechniqueProblem(technique, attack);
    if (!problem) return [];
    return [
      {
        severity: 'warning' as const,
        file,
        ...locate(['relevantTechniques', index]),
        field: 'relevantTechniques',
        ...problem,
      },
    ];
  });
}

/** What is odd about one `relevantTechniques` value, and what Huntbook did about it. */
export function describeTechniqueProblem(
  value: string,
  attack: AttackIndex,
): { code: string; message: string } | undefined {
  const read = readTechniqueValue(value, attack);
  const quoted = JSON.stringify(value);
  switch (read.kind) {
    case 'technique':
      return read.respelled ? { code: 'technique-respelled', message: `${quoted} read as ${read.id}` } : undefined;
    case 'tactic-id': {
      const name = read.tactic ? ` (${read.tactic.name})` : '';
      return {
        code: 'technique-is-tactic',
        message: `${quoted} is a tactic id${name}, not a technique id: not counted as a technique`,
      };
    }
    case 'malformed':
      return {
        code: 'technique-malformed',
        message: `${quoted} is not an ATT&CK technique id (expected T#### or T####.###): not counted`,
      };
    case 'unknown':
      return {
        code: 'technique-unknown',
        message: `${quoted} is not a technique in the pinned ATT&CK extracts (content/attack/: Enterprise, ICS, Mobile): not counted`,
      };
    case 'retired': {
      const { retired, replacements } = read;
      const matrix = retired.domain === 'enterprise-attack' ? 'ATT&CK' : `ATT&CK for ${MATRIX_NAMES[retired.domain]}`;
      const what = `${read.id} (${retired.name}) is ${retired.status} in ${matrix}`;
      if (replacements.length === 0)
        return { code: 'technique-retired', message: `${what}, with no replacement: not counted` };
      const now = replacements.map((technique) => `${technique.id} (${technique.name})`).join(', ');
      const ids = replacements.map((technique) => technique.id).join(', ');
      return { code: 'technique-retired', message: `${what}, now ${now}: counted as ${ids}` };
    }
  }
}

/**
 * Azure-Sentinel rejects a technique whose tactic is not listed; here it is a warning. Each
 * tactic name is read in the technique's own domain, where ICS and Mobile have their own ids.
 */
function checkTechniqueTactics(
  tactics: readonly string[],
  techniqueValues: readonly string[],
  { file, locate, attack }: RuleCheckContext,
): Finding[] {
  if (!tactics.some((name) => attack.findTactic(name))) return [];
  return techniqueValues.flatMap((value, index) => {
    const read = readTechniqueValue(value, attack);
    const techniques = read.kind === 'technique' ? [read.technique] : read.kind === 'retired' ? read.replacements : [];
    return techniques.flatMap((technique) => {
      const listed = new Set(
        tactics
          .map((name) => attack.findTactic(name, [technique.domain]))
          .filter((tactic) => tactic?.domain === technique.domain)
          .map((tactic) => tactic?.shortName),
      );
      if (technique.tactics.some((tactic) => listed.has(tactic))) return [];
      return [
        {
          severity: 'warning' as const,
          file,
          ...locate(['relevantTechniques', index]),
          field: 'relevantTechniques',
          code: 'technique-tactic-not-listed',
          message: `${technique.id} belongs to ${technique.tactics.join(', ')}, none of which is listed in tactics`,
        },
      ];
    });
  });
}
