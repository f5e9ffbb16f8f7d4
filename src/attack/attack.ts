/**
 * Lookups over the pinned ATT&CK Enterprise extract (content/attack/enterprise-attack.json).
 * Matrix columns, technique names and links all come from the data, never from code, so a new
 * ATT&CK release only needs a new extract.
 */

export interface AttackExtract {
  source?: string;
  tactics: { id: string; shortname: string; name: string; url: string }[];
  techniques: {
    id: string;
    name: string;
    url: string;
    tactics: string[];
    platforms?: string[];
    subtechniqueOf: string | null;
  }[];
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
  /** Position in the ATT&CK matrix, left to right. */
  order: number;
}

export interface Technique {
  id: string;
  name: string;
  url: string;
  /** Tactic short names this technique belongs to. */
  tactics: string[];
  /** Parent technique id for a sub-technique, e.g. `T1219` for `T1219.002`. */
  parentId?: string;
  /** Sub-technique ids, sorted. */
  subtechniqueIds: string[];
}

export interface DataComponent {
  id: string;
  name: string;
  url: string;
}

export interface AttackIndex {
  source: string;
  /** Tactics in matrix order. */
  tactics: readonly Tactic[];
  findTactic(name: string): Tactic | undefined;
  findTechnique(id: string): Technique | undefined;
  /** All techniques, parents before their sub-techniques, sorted by id. */
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

/** Builds the lookups once; call it once per build and pass the index around. */
export function buildAttackIndex(extract: AttackExtract): AttackIndex {
  const tactics: Tactic[] = extract.tactics.map((tactic, order) => ({
    id: tactic.id,
    shortName: tactic.shortname,
    sentinelName: toSentinelTacticName(tactic.shortname),
    name: tactic.name,
    url: tactic.url,
    order,
  }));
  // Both spellings resolve, case-insensitively, because rule authors mix them.
  const tacticByName = new Map<string, Tactic>();
  for (const tactic of tactics) {
    tacticByName.set(tactic.shortName.toLowerCase(), tactic);
    tacticByName.set(tactic.sentinelName.toLowerCase(), tactic);
  }

  const techniqueById = new Map<string, Technique>();
  for (const raw of extract.techniques) {
    techniqueById.set(raw.id, {
      id: raw.id,
      name: raw.name,
      url: raw.url,
      tactics: raw.tactics,
      parentId: raw.subtechniqueOf ?? undefined,
      subtechniqueIds: [],
    });
  }
  for (const technique of techniqueById.values()) {
    if (technique.parentId) techniqueById.get(technique.parentId)?.subtechniqueIds.push(technique.id);
  }
  for (const technique of techniqueById.values()) technique.subtechniqueIds.sort();
  const techniques = [...techniqueById.values()].sort((a, b) => a.id.localeCompare(b.id));

  const dataComponentById = new Map((extract.dataComponents ?? []).map((dc) => [dc.id, dc]));

  return {
    source: extract.source ?? 'MITRE ATT&CK Enterprise',
    tactics,
    techniques,
    findTactic: (name) => tacticByName.get(name.trim().toLowerCase()),
    findTechnique: (id) => techniqueById.get(id.trim().toUpperCase()),
    findDataComponent: (id) => dataComponentById.get(id),
  };
}
