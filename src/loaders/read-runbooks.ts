import type { Finding } from '../checks/findings.ts';
import type { RunbookFrontmatter } from '../schemas/runbook.ts';
import { listContentFiles, readText, toDisplayPath } from './content-fs.ts';
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

/** Reads and validates every runbook; two runbooks for one rule are an error naming both. */
export function readRunbooks(dirs: readonly string[]): { records: RunbookRecord[]; findings: Finding[] } {
  const listing = listContentFiles(dirs, RUNBOOK_EXTENSIONS, 'HUNTBOOK_RUNBOOKS');
  const findings = [...listing.findings];
  const records: RunbookRecord[] = [];
  const firstByRule = new Map<string, RunbookRecord>();
  for (const absolutePath of listing.files) {
    const file = toDisplayPath(absolutePath);
    const parsed = parseRunbook(readText(absolutePath), file);
    findings.push(...parsed.findings);
    if (!parsed.frontmatter) continue;
    const positions: FieldPositions = { rule: parsed.locate(['rule']), tool: parsed.locate(['tool']) };
    const record = { file, frontmatter: parsed.frontmatter, body: parsed.body, positions };
    const first = firstByRule.get(record.frontmatter.rule);
    if (first) {
      findings.push({
        severity: 'error',
        file,
        ...positions.rule,
        field: 'rule',
        message: `${record.frontmatter.rule} already has a runbook: ${first.file}; merge the two into one`,
      });
      continue;
    }
    firstByRule.set(record.frontmatter.rule, record);
    records.push(record);
  }
  return { records, findings };
}
