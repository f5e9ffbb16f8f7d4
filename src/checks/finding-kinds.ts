import { type Finding, kindOf, OTHER_CODE } from './findings.ts';

/**
 * What each kind of finding is called on /problems/ and in SARIF (`code` → title). A code that
 * is not here is shown as it is, so a new check needs no entry to be listed.
 */
const KIND_TITLES: Readonly<Record<string, string>> = {
  'kql-syntax': 'KQL syntax errors',
  'kql-incomplete': 'Queries only partly checked',
  'tables-mismatch': 'Tables read and dataTypes disagree',
  'timestamp-column': 'Analytics rules on the Timestamp column',
  'setting-obsolete': 'Settings no longer needed',
  'unknown-setting': 'Unknown settings',
  'content-location-missing': 'Content locations that give nothing',
  'no-rules': 'No rules found',
  'yaml-repaired': 'YAML repaired',
  'yaml-key-unreadable': 'Keys that could not be read',
  'list-shape': 'Lists written another way',
  'invalid-encoding': 'Files that are not valid UTF-8',
  'nul-character': 'Files holding NUL characters',
  'invalid-date': 'Dates that do not exist',
  'tactic-not-attack': 'Tactics that are not ATT&CK tactics',
  'technique-retired': 'Retired techniques',
  'technique-unknown': 'Unknown techniques',
  'technique-malformed': 'Malformed technique ids',
  'technique-respelled': 'Technique ids read another way',
  'technique-is-tactic': 'Tactic ids given as techniques',
  'technique-tactic-not-listed': 'Techniques whose tactic is not listed',
  'data-connector-repaired': 'Data connectors read another way',
  'id-not-guid': 'Ids that are not GUIDs',
  'duplicate-id': 'Ids used by more than one file',
  'unknown-key': 'Unknown keys',
  'no-tool': 'Rules that match no tool',
  'tool-not-in-catalog': 'Tools known only from rule names',
  'hidden-content': 'Hidden files and folders not read',
  'symlink-outside': 'Links that lead outside the content folders',
  'broken-symlink': 'Broken links',
  'source-link-unrelated': 'Rule files without a source link',
  'sigma-not-converted': 'Sigma rules without a KQL conversion',
  'sigma-in-rules': 'Sigma rules among the Sentinel rules',
  'sigma-required-field': 'Sigma rules missing a required field',
  'sigma-field-shape': 'Sigma fields of the wrong shape',
  'sigma-id-missing': 'Sigma rules without an id',
  [OTHER_CODE]: 'Other problems',
};

/**
 * The title of a kind of finding.
 * @example titleOfKind('kql-syntax') // → 'KQL syntax errors'
 * @example titleOfKind('something-new') // → 'something-new'
 */
export function titleOfKind(code: string): string {
  return KIND_TITLES[code] ?? code;
}

/** Findings of one kind. */
export interface FindingKind {
  code: string;
  title: string;
  findings: Finding[];
}

/**
 * Groups findings by kind (`code`): errors' kinds first, then by title; findings in file order
 * within a kind.
 * @example groupFindingsByKind(findings).map((kind) => kind.code) // → ['kql-syntax', 'yaml-repaired']
 */
export function groupFindingsByKind(findings: readonly Finding[]): FindingKind[] {
  const kinds = new Map<string, Finding[]>();
  for (const finding of findings) {
    const code = kindOf(finding);
    const list = kinds.get(code);
    if (list) list.push(finding);
    else kinds.set(code, [finding]);
  }
  const hasError = (list: Finding[]) => (list.some((f) => f.severity === 'error') ? 0 : 1);
  return [...kinds]
    .map(([code, list]) => ({
      code,
      title: titleOfKind(code),
      findings: [...list].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0)),
    }))
    .sort((a, b) => hasError(a.findings) - hasError(b.findings) || a.title.localeCompare(b.title));
}
