import type { Random } from './random.ts';

const CAMEL_BOUNDARY_RE = /([a-z])([A-Z])/g;

/** Tactics of the techniques the corpus uses, as in the pinned extract, in Sentinel spelling. */
const TECHNIQUE_TACTICS: Readonly<Record<string, readonly string[]>> = {
  T1219: ['CommandAndControl'],
  'T1219.001': ['CommandAndControl'],
  'T1219.002': ['CommandAndControl'],
  'T1219.003': ['CommandAndControl'],
  'T1071.001': ['CommandAndControl'],
  'T1071.004': ['CommandAndControl'],
  T1105: ['CommandAndControl'],
  T1572: ['CommandAndControl'],
  T1090: ['CommandAndControl'],
  'T1059.001': ['Execution'],
  'T1204.002': ['Execution'],
  'T1021.001': ['LateralMovement'],
  T1133: ['Persistence', 'InitialAccess'],
  T1078: ['DefenseEvasion', 'Persistence', 'PrivilegeEscalation', 'InitialAccess'],
  'T1543.003': ['Persistence', 'PrivilegeEscalation'],
  T1112: ['DefenseEvasion', 'Persistence'],
  'T1553.002': ['DefenseEvasion'],
};

/** Lists the tactics that cover every technique, sometimes in ATT&CK short-name spelling. */
export function chooseTactics(random: Random, techniques: readonly string[]): string[] {
  const everyTactic = random.chance(0.3);
  const tactics = techniques.flatMap((id) => {
    const all = TECHNIQUE_TACTICS[id] ?? [];
    return everyTactic ? all : all.slice(0, 1);
  });
  const unique = [...new Set(tactics)];
  if (!random.chance(0.1)) return unique;
  return unique.map((name) => name.replace(CAMEL_BOUNDARY_RE, '$1-$2').toLowerCase());
}
