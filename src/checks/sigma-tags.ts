import type { AttackIndex } from '../attack/attack.ts';
import { readTacticValue } from '../attack/read-values.ts';
import type { Finding } from './findings.ts';
import { describeTechniqueProblem } from './validate-rule.ts';
import type { FieldLocator } from './zod-findings.ts';

/** A Sigma rule's tags read into ATT&CK ids and labels. */
export interface SigmaTags {
  /** Technique ids as Sentinel writes them: `T1219.002`. */
  techniques: string[];
  /** Tactic short names: `command-and-control`. */
  tactics: string[];
  /** Every other tag as written: `detection.threat-hunting`, `cve.2024-1234`, `attack.g0032`. */
  labels: string[];
}

const ATTACK_TAG_RE = /^attack\.(.+)$/i;
const TECHNIQUE_TAG_RE = /^t\d{4}(?:\.\d{3})?$/i;
/** ATT&CK group, software, campaign and mitigation ids (`attack.g0032`, `attack.s0029`): labels, not tactics. */
const OTHER_ATTACK_ID_RE = /^(?:g|s|c|m|ds)\d{4}$/i;

/**
 * Reads Sigma tags: `attack.t1219.002` → technique `T1219.002`, `attack.command-and-control`
 * (or `attack.command_and_control`) → tactic `command-and-control`; anything else is a label.
 * An `attack.` tag that is neither a known tactic nor a technique id shaped one is a label
 * with a warning, and technique ids get the warnings Sentinel's `relevantTechniques` get
 * (unknown, retired), each at its place in `tags`.
 * @example readSigmaTags(['attack.t1219.002', 'attack.command_and_control', 'detection.threat-hunting'], attack, ctx).tags
 *   // → { techniques: ['T1219.002'], tactics: ['command-and-control'], labels: ['detection.threat-hunting'] }
 */
export function readSigmaTags(
  tags: readonly string[],
  attack: AttackIndex,
  { file, locate }: { file: string; locate: FieldLocator },
): { tags: SigmaTags; findings: Finding[] } {
  const read: SigmaTags = { techniques: [], tactics: [], labels: [] };
  const findings: Finding[] = [];
  const warn = (index: number, code: string, message: string) =>
    findings.push({ severity: 'warning', file, ...locate(['tags', index]), field: 'tags', code, message });
  tags.forEach((tag, index) => {
    const value = ATTACK_TAG_RE.exec(tag.trim())?.[1];
    if (value === undefined || OTHER_ATTACK_ID_RE.test(value)) {
      read.labels.push(tag);
      return;
    }
    if (TECHNIQUE_TAG_RE.test(value)) {
      const id = value.toUpperCase();
      const problem = describeTechniqueProblem(id, attack);
      if (problem) warn(index, problem.code, problem.message.replace(JSON.stringify(id), JSON.stringify(tag)));
      read.techniques.push(id);
      return;
    }
    const name = value.replace(/_/g, '-').toLowerCase();
    const tactic = readTacticValue(name, attack);
    if (tactic.kind === 'tactic') {
      read.tactics.push(tactic.tactic.shortName);
      return;
    }
    warn(
      index,
      'tactic-not-attack',
      `${JSON.stringify(tag)} names neither an ATT&CK tactic (e.g. attack.command-and-control) nor a technique (e.g. attack.t1219.002): kept as a label`,
    );
    read.labels.push(tag);
  });
  return { tags: read, findings };
}

const NO_FALSE_POSITIVES_RE = /^(?:unknown|none|n\/a|-)$/i;

/**
 * Sigma's `falsepositives` as scenarios: a lone `Unknown` or `None` says there are none known.
 * @example toFalsePositives(['Unknown']) // → []
 * @example toFalsePositives(['Admins using AnyDesk', 'Unknown']) // → ['Admins using AnyDesk', 'Unknown']
 */
export function toFalsePositives(values: readonly string[]): string[] {
  if (values.length === 1 && NO_FALSE_POSITIVES_RE.test(values[0] as string)) return [];
  return [...values];
}
