import { load } from 'js-yaml';
import type { Finding } from '../checks/findings.ts';
import { generatedRuleSchema } from '../schemas/rule.ts';
import { runbookFrontmatterSchema } from '../schemas/runbook.ts';
import type { SeedDocument } from './seed-document.ts';
import { toContentFileName, toRuleYaml, toRunbookMarkdown } from './seed-to-content.ts';

/**
 * What the importer decides about each seed document, apart from reading and writing files:
 * the checked rule and runbook text, which names a run has taken, and the lines it prints.
 */

const FRONT_MATTER_RE = /^---\n([\s\S]*?)\n---\n/;

/** What one import run reads and where it writes. */
export interface ImportOptions {
  /** Files and folders to import; folders are searched recursively for .txt and .md files. */
  inputs: string[];
  /** Content root; rules go to `<out>/rules/`, runbooks to `<out>/runbooks/`. */
  out: string;
  /** Replace files that already exist instead of skipping them. */
  force: boolean;
}

/** Where the importer reads relative paths from and prints to; tests pass their own. */
export interface ImportIo {
  cwd: string;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

/** The outcome of a run: its exit code, counts, and the files it wrote or left alone. */
export interface ImportSummary {
  exitCode: 0 | 1;
  imported: number;
  failed: number;
  written: string[];
  skipped: string[];
  warnings: number;
}

/**
 * The closing line of a run.
 * @example formatSummary(summary) // → 'Imported 2 of 2 documents: 4 files written, 0 skipped, 0 warnings, 0 failed.'
 */
export function formatSummary(summary: ImportSummary): string {
  const total = summary.imported + summary.failed;
  const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
  return (
    `Imported ${summary.imported} of ${plural(total, 'document')}: ` +
    `${plural(summary.written.length, 'file')} written, ${summary.skipped.length} skipped, ` +
    `${plural(summary.warnings, 'warning')}, ${summary.failed} failed.`
  );
}

/**
 * Generates both files and checks them against the schemas the site build will apply.
 * @example generateContent(document, 'seeds/pdq.txt') // → {ruleYaml: 'id: 58cbbe97-…', runbookMarkdown: '---\nrule: 58cbbe97-…', findings: []}
 */
export function generateContent(
  document: SeedDocument,
  file: string,
): { ruleYaml: string; runbookMarkdown: string; findings: Finding[] } {
  const ruleYaml = toRuleYaml(document);
  const runbookMarkdown = toRunbookMarkdown(document);
  const ruleFindings = checkAgainstSchema(generatedRuleSchema, load(ruleYaml), 'rule', file);
  // The runbook repeats the rule id, so a bad id would be reported twice; the rule's report is enough.
  const findings =
    ruleFindings.length > 0
      ? ruleFindings
      : checkAgainstSchema(runbookFrontmatterSchema, readFrontmatter(runbookMarkdown), 'runbook', file);
  return { ruleYaml, runbookMarkdown, findings };
}

/** Turns schema issues into findings, so a seed that would break the build is not written. */
function checkAgainstSchema(
  schema: typeof generatedRuleSchema | typeof runbookFrontmatterSchema,
  value: unknown,
  what: string,
  file: string,
): Finding[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    severity: 'error',
    file,
    field: issue.path.join('.'),
    message: `the generated ${what} is invalid: ${issue.message}`,
  }));
}

/** Reads the YAML front matter back out of a generated runbook. */
function readFrontmatter(markdown: string): unknown {
  const match = FRONT_MATTER_RE.exec(markdown);
  return match ? load(match[1] ?? '') : undefined;
}

/**
 * Reserves the document's output name and rule id for this run; two seeds that share either
 * would otherwise overwrite each other or collide on the site.
 * @example claimOutputs(copyOfPdq, 'seeds/zz-copy.txt', claimedNames, claimedIds)
 *   // → [{severity: 'error', file: 'seeds/zz-copy.txt', message: 'file name "…-pdq-network-connection" is already used by …'}, …]
 */
export function claimOutputs(
  document: SeedDocument,
  file: string,
  claimedNames: Map<string, string>,
  claimedIds: Map<string, string>,
): Finding[] {
  const findings: Finding[] = [];
  const slug = toOutputName(document);
  const id = document.rule.id.toLowerCase();
  const nameOwner = claimedNames.get(slug);
  const idOwner = claimedIds.get(id);
  if (nameOwner !== undefined) {
    findings.push({
      severity: 'error',
      file,
      message: `file name "${slug}" is already used by ${nameOwner} in this import`,
    });
  }
  if (idOwner !== undefined) {
    findings.push({
      severity: 'error',
      file,
      field: 'id',
      message: `rule id ${id} is already imported from ${idOwner}`,
    });
  }
  if (findings.length === 0) {
    claimedNames.set(slug, file);
    claimedIds.set(id, file);
  }
  return findings;
}

/**
 * The output file name; a name with no letters or digits falls back to the rule id.
 * @example toOutputName(pdq) // → 'remote-management-and-monitoring-tool-pdq-network-connection'
 */
export function toOutputName(document: SeedDocument): string {
  return toContentFileName(document.rule.name) || toContentFileName(document.rule.id);
}

/**
 * Formats a finding as `file:line: field: message`, the colon after the location keeping
 * the file name easy to pick out of a long line.
 * @example describeFinding({severity: 'error', file: 'seeds/x.txt', message: 'no "KQL Query" line'})
 *   // → 'seeds/x.txt: no "KQL Query" line'
 */
export function describeFinding(finding: Finding): string {
  const line = finding.line === undefined ? '' : `:${finding.line}`;
  const column = finding.line !== undefined && finding.column !== undefined ? `:${finding.column}` : '';
  const field = finding.field ? `${finding.field}: ` : '';
  return `${finding.file}${line}${column}: ${field}${finding.message}`;
}
