import { TECHNIQUE_ID_RE } from '../schemas/tool.ts';
import type { AttackDomain, AttackIndex, RetiredTechnique, Tactic, Technique } from './attack.ts';
import { SENTINEL_ONLY_TACTICS, toTacticKey } from './attack.ts';

/** What one value of a rule's `tactics` is. */
export type TacticValue =
  /** An ATT&CK tactic, in any of its spellings. */
  | { kind: 'tactic'; tactic: Tactic }
  /** A Sentinel tactic ATT&CK has no counterpart for (`PreAttack`): shown as written. */
  | { kind: 'sentinel-only'; name: string }
  /** Not a tactic at all, e.g. a Defender XDR hunting category (`Ransomware`): kept as a label. */
  | { kind: 'category'; label: string };

const SENTINEL_ONLY_KEYS = new Set(SENTINEL_ONLY_TACTICS.map(toTacticKey));

/**
 * Reads one `tactics` value; `prefer` names the domains of the rule's techniques, so that
 * `Execution` on an ICS rule is ICS's Execution.
 * @example readTacticValue('Lateral movement', attack) // → { kind: 'tactic', tactic: TA0008 }
 * @example readTacticValue('Ransomware', attack) // → { kind: 'category', label: 'Ransomware' }
 */
export function readTacticValue(value: string, attack: AttackIndex, prefer?: readonly AttackDomain[]): TacticValue {
  const name = value.trim();
  const tactic = attack.findTactic(name, prefer);
  if (tactic) return { kind: 'tactic', tactic };
  if (SENTINEL_ONLY_KEYS.has(toTacticKey(name))) return { kind: 'sentinel-only', name };
  return { kind: 'category', label: name };
}

/** What one value of a rule's `relevantTechniques` is. */
export type TechniqueValue =
  /** An active technique; `respelled` when written in lower case or with spaces. */
  | { kind: 'technique'; id: string; technique: Technique; respelled: boolean }
  /** A revoked or deprecated id, with the active techniques that replace it (maybe none). */
  | { kind: 'retired'; id: string; retired: RetiredTechnique; replacements: Technique[] }
  /** A tactic id such as `TA0006`, with the tactic when the extracts know it. */
  | { kind: 'tactic-id'; id: string; tactic?: Tactic }
  /** Not shaped like an ATT&CK id. */
  | { kind: 'malformed' }
  /** Shaped like a technique id, but in no extract. */
  | { kind: 'unknown'; id: string };

const TACTIC_ID_RE = /^TA\d{4}$/;

/**
 * Reads one `relevantTechniques` value against every domain.
 * @example readTechniqueValue(' t1078 ', attack) // → { kind: 'technique', id: 'T1078', respelled: true, … }
 * @example readTechniqueValue('T1483', attack).kind // → 'retired' (replaced by T1568.002)
 */
export function readTechniqueValue(value: string, attack: AttackIndex): TechniqueValue {
  const id = value.trim().toUpperCase();
  if (TACTIC_ID_RE.test(id)) return { kind: 'tactic-id', id, tactic: attack.findTacticById(id) };
  if (!TECHNIQUE_ID_RE.test(id)) return { kind: 'malformed' };
  const technique = attack.findTechnique(id);
  if (technique) return { kind: 'technique', id, technique, respelled: id !== value };
  const retired = attack.findRetiredTechnique(id);
  if (!retired) return { kind: 'unknown', id };
  const replacements = retired.replacedBy.flatMap((replacement) => attack.findTechnique(replacement) ?? []);
  return { kind: 'retired', id, retired, replacements };
}

/** A rule's techniques read for counting, with the retired ids it named. */
export interface CountedTechniques {
  /** Active technique ids the rule's coverage counts on: retired ids replaced, duplicates dropped. */
  ids: string[];
  /** Retired ids as written, each with its replacements, for the rule page. */
  retired: { retired: RetiredTechnique; replacements: Technique[] }[];
}

/**
 * The technique ids a rule's coverage counts on. Tactic ids, malformed and unknown ids are
 * left out (the checks report them); a retired id counts on its replacements.
 * @example countTechniques(['T1483', 'T1219'], attack).ids // → ['T1568.002', 'T1219']
 */
export function countTechniques(values: readonly string[], attack: AttackIndex): CountedTechniques {
  const ids = new Set<string>();
  const retired: CountedTechniques['retired'] = [];
  for (const value of values) {
    const read = readTechniqueValue(value, attack);
    if (read.kind === 'technique') ids.add(read.id);
    if (read.kind === 'retired') {
      for (const replacement of read.replacements) ids.add(replacement.id);
      if (!retired.some((entry) => entry.retired.id === read.id))
        retired.push({ retired: read.retired, replacements: read.replacements });
    }
  }
  return { ids: [...ids], retired };
}

/** A rule's tactics read for display: ATT&CK tactics, Sentinel-only names, and other labels. */
export interface ReadTactics {
  /** ATT&CK tactics, deduplicated, in matrix order (Enterprise first). */
  tactics: Tactic[];
  /** Sentinel tactics with no ATT&CK counterpart, as written. */
  sentinelOnly: string[];
  /** Values that are not tactics (Defender XDR hunting categories), as written. */
  categories: string[];
}

/**
 * Sorts a rule's `tactics` values into what they are. `techniques` are the rule's counted
 * techniques: their domains are where a tactic name is looked up first.
 * @example readTactics(['Execution', 'PreAttack', 'Ransomware'], [], attack)
 *   // → { tactics: [TA0002], sentinelOnly: ['PreAttack'], categories: ['Ransomware'] }
 */
export function readTactics(
  values: readonly string[],
  techniques: readonly Technique[],
  attack: AttackIndex,
): ReadTactics {
  const prefer = [...new Set(techniques.map((technique) => technique.domain))];
  const tactics = new Set<Tactic>();
  const sentinelOnly = new Set<string>();
  const categories = new Set<string>();
  for (const value of values) {
    const read = readTacticValue(value, attack, prefer);
    if (read.kind === 'tactic') tactics.add(read.tactic);
    else if (read.kind === 'sentinel-only') sentinelOnly.add(read.name);
    else categories.add(read.label);
  }
  const domainOrder = (tactic: Tactic) => attack.domains.indexOf(tactic.domain);
  return {
    tactics: [...tactics].sort((a, b) => domainOrder(a) - domainOrder(b) || a.order - b.order),
    sentinelOnly: [...sentinelOnly],
    categories: [...categories],
  };
}
