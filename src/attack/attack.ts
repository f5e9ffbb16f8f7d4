/**
 * Lookups over the pinned ATT&CK extracts (content/attack/<domain>.json): Enterprise, ICS and
 * Mobile. Matrix columns, technique names, links and retired ids all come from the data, never
 * from code, so a new ATT&CK release only needs new extracts.
 */

/** ATT&CK domains, by the ids Navigator layers use. */
export type AttackDomain = 'enterprise-attack' | 'ics-attack' | 'mobile-attack';

/** Every domain, in the order a lookup tries them: most rules map to Enterprise. */
export const ATTACK_DOMAINS: readonly AttackDomain[] = ['enterprise-attack', 'ics-attack', 'mobile-attack'];

/** The matrix names ATT&CK's own site shows. */
export const MATRIX_NAMES: Record<AttackDomain, string> = {
  'enterprise-attack': 'Enterprise',
  'ics-attack': 'ICS',
  'mobile-attack': 'Mobile',
};

/**
 * Sentinel tactic names with no ATT&CK counterpart. `PreAttack` predates ATT&CK's
 * Reconnaissance and Resource Development tactics and was never mapped to either.
 */
export const SENTINEL_ONLY_TACTICS: readonly string[] = ['PreAttack'];

export interface AttackExtract {
  source?: string;
  domain?: AttackDomain;
  tactics: { id: string; shortname: string; name: string; url: string }[];
  techniques: {
    id: string;
    name: string;
    url: string;
    tactics: string[];
    platforms?: string[];
    subtechniqueOf: string | null;
  }[];
  /** Revoked and deprecated techniques, with what ATT&CK replaced each by. */
  retiredTechniques?: { id: string; name: string; status: RetiredStatus; replacedBy: string[] }[];
  dataComponents?: { id: string; name: string; url: string }[];
}

export interface Tactic {
  /** ATT&CK tactic id, e.g. `TA0011`. */
  id: string;
  /** ATT&CK short name, e.g. `command-and-control`. */
  shortName: string;
  /** Sentinel's PascalCase spelling, e.g. `CommandAndControl`. */
  sentinelName: string;
  name: string;
  url: string;
  /** Position in its domain's matrix, left to right. */
  order: number;
  domain: AttackDomain;
}

export interface Technique {
  id: string;
  name: string;
  url: string;
  /** Tactic short names this technique belongs to, in its own domain. */
  tactics: string[];
  /** Parent technique id for a sub-technique, e.g. `T1219` for `T1219.002`. */
  parentId?: string;
  /** Sub-technique ids, sorted. */
  subtechniqueIds: string[];
  domain: AttackDomain;
}

/** `revoked`: merged into another technique; `deprecated`: withdrawn, usually with no replacement. */
export type RetiredStatus = 'revoked' | 'deprecated';

/** A technique id ATT&CK no longer uses. */
export interface RetiredTechnique {
  id: string;
  name: string;
  status: RetiredStatus;
  /** Technique ids that took its place; empty when ATT&CK names none. */
  replacedBy: string[];
  domain: AttackDomain;
}

export interface DataComponent {
  id: string;
  name: string;
  url: string;
}

export interface AttackIndex {
  /** The Enterprise extract's source line. */
  source: string;
  /** Domains with an extract, in lookup order. */
  domains: readonly AttackDomain[];
  /** Enterprise tactics in matrix order. */
  tactics: readonly Tactic[];
  /** A domain's tactics in matrix order. */
  tacticsOf(domain: AttackDomain): readonly Tactic[];
  /**
   * A tactic by any spelling: Sentinel's (`CommandAndControl`), ATT&CK's short name
   * (`command-and-control`) or display name (`Command and Control`), whatever the case, spaces
   * or dashes. Looks in `prefer` first, then in every domain in lookup order.
   */
  findTactic(name: string, prefer?: readonly AttackDomain[]): Tactic | undefined;
  /** A tactic by id, e.g. `TA0006`, in any domain. */
  findTacticById(id: string): Tactic | undefined;
  /** An active technique of any domain. */
  findTechnique(id: string): Technique | undefined;
  /** A revoked or deprecated technique of any domain. */
  findRetiredTechnique(id: string): RetiredTechnique | undefined;
  /** All active techniques, parents before their sub-techniques, sorted by id. */
  techniques: readonly Technique[];
  findDataComponent(id: string): DataComponent | undefined;
}

/**
 * Converts an ATT&CK short name to Sentinel's tactic spelling.
 * @example toSentinelTacticName('command-and-control') // → 'CommandAndControl'
 */
export function toSentinelTacticName(shortName: string): string {
  return shortName
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/**
 * The key every spelling of a tactic shares: case, spaces and dashes do not tell tactics apart.
 * @example toTacticKey('Command and control') // → 'commandandcontrol'
 * @example toTacticKey('command-and-control') // → 'commandandcontrol'
 */
export function toTacticKey(name: string): string {
  return name.toLowerCase().replace(/[\s-]+/g, '');
}

/**
 * Builds the lookups once; call it once per build and pass the index around. Technique ids are
 * unique across domains (ICS uses T0xxx; Mobile its own T14xx–T16xx), so one map holds all.
 */
export function buildAttackIndex(input: AttackExtract | readonly AttackExtract[]): AttackIndex {
  const extracts = (Array.isArray(input) ? input : [input]) as readonly AttackExtract[];
  const domainOf = (extract: AttackExtract) => extract.domain ?? 'enterprise-attack';
  const tacticsByDomain = new Map<AttackDomain, Tactic[]>();
  const tacticByKey = new Map<AttackDomain, Map<string, Tactic>>();
  const tacticById = new Map<string, Tactic>();
  const techniqueById = new Map<string, Technique>();
  const retiredById = new Map<string, RetiredTechnique>();
  const dataComponentById = new Map<string, DataComponent>();

  for (const extract of extracts) {
    const domain = domainOf(extract);
    const tactics = extract.tactics.map((tactic, order) => ({
      id: tactic.id,
      shortName: tactic.shortname,
      sentinelName: toSentinelTacticName(tactic.shortname),
      name: tactic.name,
      url: tactic.url,
      order,
      domain,
    }));
    tacticsByDomain.set(domain, tactics);
    const byKey = new Map<string, Tactic>();
    for (const tactic of tactics) {
      byKey.set(toTacticKey(tactic.shortName), tactic);
      byKey.set(toTacticKey(tactic.name), tactic);
      tacticById.set(tactic.id, tactic);
    }
    tacticByKey.set(domain, byKey);
    for (const raw of extract.techniques) {
      techniqueById.set(raw.id, {
        id: raw.id,
        name: raw.name,
        url: raw.url,
        tactics: raw.tactics,
        parentId: raw.subtechniqueOf ?? undefined,
        subtechniqueIds: [],
        domain,
      });
    }
    for (const raw of extract.retiredTechniques ?? []) retiredById.set(raw.id, { ...raw, domain });
    for (const dc of extract.dataComponents ?? []) dataComponentById.set(dc.id, dc);
  }
  for (const technique of techniqueById.values()) {
    if (technique.parentId) techniqueById.get(technique.parentId)?.subtechniqueIds.push(technique.id);
  }
  for (const technique of techniqueById.values()) technique.subtechniqueIds.sort();
  const techniques = [...techniqueById.values()].sort((a, b) => a.id.localeCompare(b.id));
  const domains = ATTACK_DOMAINS.filter((domain) => tacticsByDomain.has(domain));
  const enterprise = extracts.find((extract) => domainOf(extract) === 'enterprise-attack');

  return {
    source: enterprise?.source ?? 'MITRE ATT&CK Enterprise',
    domains,
    tactics: tacticsByDomain.get('enterprise-attack') ?? [],
    tacticsOf: (domain) => tacticsByDomain.get(domain) ?? [],
    findTactic: (name, prefer = []) => {
      const key = toTacticKey(name);
      if (key === '') return undefined;
      for (const domain of [...prefer, ...domains]) {
        const tactic = tacticByKey.get(domain)?.get(key);
        if (tactic) return tactic;
      }
      return undefined;
    },
    findTacticById: (id) => tacticById.get(id.trim().toUpperCase()),
    findTechnique: (id) => techniqueById.get(id.trim().toUpperCase()),
    findRetiredTechnique: (id) => retiredById.get(id.trim().toUpperCase()),
    techniques,
    findDataComponent: (id) => dataComponentById.get(id),
  };
}
