import type { Finding } from '../checks/findings.ts';
import { findDuplicateRunbooks } from '../checks/unique-ids.ts';
import type { RunbookFrontmatter } from '../schemas/runbook.ts';
import { type ExcludedCount, listContentFiles, readContentText, toDisplayPath } from './content-fs.ts';
import type { ContentLocation } from './content-location.ts';
import { toTopLevelFieldAt, withFields } from './field-at-line.ts';
import { parseRunbook } from './runbook-markdown.ts';

export const RUNBOOK_EXTENSIONS = ['.md', '.markdown'];

/** Where front-matter fields sit in the file, for findings raised after loading. */
export type FieldPositions = Partial<Record<'rule' | 'tool', { line: number; column?: number }>>;

export interface RunbookRecord {
  file: string;
  frontmatter: RunbookFrontmatter;
  body: string;
  positions: FieldPositions;
}

/**
 * What the site keeps of a runbook besides its body: the file, the front matter and where its
 * fields sit. The build stores it in the content store; `huntbook check` hands it on directly.
 * @example toRunbookData(record) // → { file: 'runbooks/pdq.md', rule: '…', tool: 'pdq', positions: { rule: { line: 2, column: 7 } } }
 */
export function toRunbookData(record: RunbookRecord): RunbookFrontmatter & Pick<RunbookRecord, 'file' | 'positions'> {
  return { file: record.file, ...record.frontmatter, positions: record.positions };
}

/**
 * Reads and validates every runbook; two runbooks for one rule are an error naming both, listed
 * with the second file's findings.
 */
export function readRunbooks(locations: readonly (string | ContentLocation)[]): {
  records: RunbookRecord[];
  findings: Finding[];
  excluded: ExcludedCount[];
} {
  // Rules publish without runbooks: a runbook location that gives nothing is a warning.
  const listing = listContentFiles(locations, RUNBOOK_EXTENSIONS, { setting: 'HUNTBOOK_RUNBOOKS', missing: 'warning' });
  const files = listing.files.map(readRunbookFile);
  const parsed = files.flatMap((file) => (file.record ? [file.record] : []));
  const duplicates = findDuplicateRunbooks(
    parsed.map((record) => ({ file: record.file, rule: record.frontmatter.rule, positions: record.positions })),
  );
  const duplicateByFile = new Map(duplicates.map((finding) => [finding.file, finding]));
  const findings = [...listing.findings];
  const records: RunbookRecord[] = [];
  for (const file of files) {
    findings.push(...file.findings);
    if (!file.record) continue;
    const duplicate = duplicateByFile.get(file.record.file);
    if (duplicate) findings.push(duplicate);
    else records.push(file.record);
  }
  return { records, findings, excluded: listing.excluded };
}

function readRunbookFile(absolutePath: string): { findings: Finding[]; record?: RunbookRecord } {
  const file = toDisplayPath(absolutePath);
  const decoded = readContentText(absolutePath, file);
  const parsed = parseRunbook(decoded.text, file);
  const findings = [
    ...withFields(decoded.findings, (line) => toRunbookFieldAt(decoded.text, line)),
    ...parsed.findings,
  ];
  if (!parsed.frontmatter) return { findings };
  const positions: FieldPositions = { rule: parsed.locate(['rule']), tool: parsed.locate(['tool']) };
  return { findings, record: { file, frontmatter: parsed.frontmatter, body: parsed.body, positions } };
}

/** A line's front-matter field, or `body` below the front matter. */
function toRunbookFieldAt(text: string, line: number): string | undefined {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '---') return undefined;
  const end = lines.findIndex((candidate, index) => index > 0 && candidate.trim() === '---');
  if (end !== -1 && line > end + 1) return 'body';
  return line === 1 || line === end + 1 ? undefined : toTopLevelFieldAt(lines.slice(1).join('\n'), line - 1);
}
