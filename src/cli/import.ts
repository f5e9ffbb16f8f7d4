import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { load } from 'js-yaml';
import type { Finding } from '../checks/findings.ts';
import type { SeedDocument } from '../import/seed-document.ts';
import { parseSeedDocument } from '../import/seed-document.ts';
import { toContentFileName, toRuleYaml, toRunbookMarkdown } from '../import/seed-to-content.ts';
import { ruleSchema } from '../schemas/rule.ts';
import { runbookFrontmatterSchema } from '../schemas/runbook.ts';
import { isRunDirectly, type ParsedArgs, takeOptions } from './run-directly.ts';

/**
 * Imports seed hunting documents into content/: one rule YAML and one runbook per document.
 * Usage: node src/cli/import.ts <files or folders…> [--out content] [--force]
 */

export const USAGE = 'Usage: node src/cli/import.ts <files or folders…> [--out content] [--force]';

const SEED_FILE_RE = /\.(?:txt|md)$/i;
const FRONT_MATTER_RE = /^---\n([\s\S]*?)\n---\n/;

export interface ImportOptions {
  /** Files and folders to import; folders are searched recursively for .txt and .md files. */
  inputs: string[];
  /** Content root; rules go to `<out>/rules/`, runbooks to `<out>/runbooks/`. */
  out: string;
  /** Replace files that already exist instead of skipping them. */
  force: boolean;
}

export type ParsedImportArgs = ParsedArgs<ImportOptions>;

/** Where the importer reads relative paths from and prints to; tests pass their own. */
export interface ImportIo {
  cwd: string;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

export interface ImportSummary {
  exitCode: 0 | 1;
  imported: number;
  failed: number;
  written: string[];
  skipped: string[];
  warnings: number;
}

/**
 * Reads the command line into options, without touching the file system.
 * @example parseImportArgs(['seeds', '--force']) // → {kind: 'run', options: {inputs: ['seeds'], out: 'content', force: true}}
 */
export function parseImportArgs(argv: readonly string[]): ParsedImportArgs {
  let parsed: ReturnType<typeof readArgv>;
  try {
    parsed = readArgv(argv);
  } catch (cause) {
    return { kind: 'error', message: cause instanceof Error ? cause.message : String(cause) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (positionals.length === 0) return { kind: 'error', message: 'no input files or folders given' };
  if (values.out.trim() === '') return { kind: 'error', message: '--out needs a folder' };
  return { kind: 'run', options: { inputs: positionals, out: values.out, force: values.force } };
}

/** node:util's parser with the importer's options; throws on unknown flags. */
function readArgv(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string', short: 'o', default: 'content' },
      force: { type: 'boolean', short: 'f', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

/** State shared by the documents of one import run. */
interface ImportRun {
  options: ImportOptions;
  io: ImportIo;
  outDir: string;
  summary: ImportSummary;
  /** Output file names and rule ids already taken in this run, with the seed that took them. */
  claimedNames: Map<string, string>;
  claimedIds: Map<string, string>;
}

/**
 * Imports every seed document found in `options.inputs`, printing one line per file written
 * or skipped and every warning and error; a broken document does not stop the others.
 */
export async function runImport(options: ImportOptions, io: ImportIo): Promise<ImportSummary> {
  const outDir = path.resolve(io.cwd, options.out);
  const run: ImportRun = {
    options,
    io,
    outDir,
    summary: { exitCode: 0, imported: 0, failed: 0, written: [], skipped: [], warnings: 0 },
    claimedNames: new Map(),
    claimedIds: new Map(),
  };

  const collected = await collectSeedFiles(options.inputs, io.cwd, outDir);
  reportFindings(run, collected.findings);
  run.summary.failed += collected.findings.filter((finding) => finding.severity === 'error').length;

  for (const file of collected.files) {
    const outcome = await importSeedFile(run, file);
    run.summary[outcome]++;
  }

  run.summary.exitCode = run.summary.failed > 0 ? 1 : 0;
  io.stdout(formatSummary(run.summary));
  return run.summary;
}

/** Imports one seed file: parse, generate, check, then write both files. */
async function importSeedFile(run: ImportRun, file: string): Promise<'imported' | 'failed'> {
  const shown = showPath(run.io.cwd, file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    reportFindings(run, [{ severity: 'error', file: shown, message: `could not read it (${describeError(cause)})` }]);
    return 'failed';
  }

  const { document, findings } = parseSeedDocument(text, shown);
  if (!document) {
    reportFindings(run, findings);
    return 'failed';
  }
  const generated = generateContent(document, shown);
  const claims = claimOutputs(document, shown, run.claimedNames, run.claimedIds);
  const allFindings = [...findings, ...generated.findings, ...claims];
  reportFindings(run, allFindings);
  if (allFindings.some((finding) => finding.severity === 'error')) return 'failed';

  const slug = slugFor(document);
  const targets = [
    { file: path.join(run.outDir, 'rules', `${slug}.yaml`), text: generated.ruleYaml },
    { file: path.join(run.outDir, 'runbooks', `${slug}.md`), text: generated.runbookMarkdown },
  ];
  let failed = false;
  for (const target of targets) {
    const written = await writeAndReport(run, target.file, target.text, shown);
    failed ||= !written;
  }
  return failed ? 'failed' : 'imported';
}

/** Writes one output file and prints what happened; false when it could not be written. */
async function writeAndReport(run: ImportRun, file: string, text: string, source: string): Promise<boolean> {
  const shown = showPath(run.io.cwd, file);
  const outcome = await writeContentFile(file, text, run.options.force);
  if (outcome === 'skipped') {
    run.summary.skipped.push(file);
    run.io.stdout(`skipped ${shown} (from ${source}): it already exists; pass --force to replace it`);
    return true;
  }
  if (outcome === 'written' || outcome === 'replaced') {
    run.summary.written.push(file);
    run.io.stdout(`${outcome.padEnd(7)} ${shown} (from ${source})`);
    return true;
  }
  run.io.stderr(`error   ${shown}: could not write it (${outcome.error})`);
  return false;
}

/** Prints findings to stderr, one line each, and counts the warnings. */
function reportFindings(run: ImportRun, findings: readonly Finding[]): void {
  for (const finding of findings) {
    if (finding.severity === 'warning') run.summary.warnings++;
    run.io.stderr(`${finding.severity.padEnd(7)} ${describeFinding(finding)}`);
  }
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
 * Expands inputs into seed files: files as given, folders searched recursively for .txt and
 * .md (hidden entries and the output folder left out, so a re-run never reads its own runbooks).
 */
async function collectSeedFiles(
  inputs: readonly string[],
  cwd: string,
  outDir: string,
): Promise<{ files: string[]; findings: Finding[] }> {
  const files = new Set<string>();
  const findings: Finding[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) {
      findings.push({ severity: 'error', file: input, message: 'no such file or folder' });
      continue;
    }
    if (!info.isDirectory()) {
      files.add(absolute);
      continue;
    }
    const found = await listSeedFiles(absolute, outDir);
    if (found.length === 0) {
      findings.push({ severity: 'error', file: input, message: 'folder holds no .txt or .md files' });
    }
    for (const file of found) files.add(file);
  }
  return { files: [...files], findings };
}

/** Lists .txt and .md files under a folder, sorted so runs are repeatable. */
async function listSeedFiles(dir: string, outDir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && SEED_FILE_RE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !isHidden(path.relative(dir, file)) && !isInside(file, outDir))
    .sort();
}

/** Generates both files and checks them against the schemas the site build will apply. */
function generateContent(
  document: SeedDocument,
  file: string,
): { ruleYaml: string; runbookMarkdown: string; findings: Finding[] } {
  const ruleYaml = toRuleYaml(document);
  const runbookMarkdown = toRunbookMarkdown(document);
  const ruleFindings = checkAgainstSchema(ruleSchema, load(ruleYaml), 'rule', file);
  // The runbook repeats the rule id, so a bad id would be reported twice; the rule's report is enough.
  const findings =
    ruleFindings.length > 0
      ? ruleFindings
      : checkAgainstSchema(runbookFrontmatterSchema, readFrontmatter(runbookMarkdown), 'runbook', file);
  return { ruleYaml, runbookMarkdown, findings };
}

/** Turns schema issues into findings, so a seed that would break the build is not written. */
function checkAgainstSchema(
  schema: typeof ruleSchema | typeof runbookFrontmatterSchema,
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
 */
function claimOutputs(
  document: SeedDocument,
  file: string,
  claimedNames: Map<string, string>,
  claimedIds: Map<string, string>,
): Finding[] {
  const findings: Finding[] = [];
  const slug = slugFor(document);
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

/** The output file name; a name with no letters or digits falls back to the rule id. */
function slugFor(document: SeedDocument): string {
  return toContentFileName(document.rule.name) || toContentFileName(document.rule.id);
}

/** Writes a file unless it exists and `force` is off; the exclusive flag makes the check race-free. */
async function writeContentFile(
  file: string,
  text: string,
  force: boolean,
): Promise<'written' | 'replaced' | 'skipped' | { error: string }> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, { flag: 'wx' });
    return 'written';
  } catch (cause) {
    if (!isErrorCode(cause, 'EEXIST')) return { error: describeError(cause) };
  }
  if (!force) return 'skipped';
  try {
    await writeFile(file, text);
    return 'replaced';
  } catch (cause) {
    return { error: describeError(cause) };
  }
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

/** Shows a path relative to the working directory, as users typed it. */
function showPath(cwd: string, file: string): string {
  return path.relative(cwd, file) || '.';
}

function isHidden(relativePath: string): boolean {
  return relativePath.split(path.sep).some((part) => part.startsWith('.'));
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function isErrorCode(cause: unknown, code: string): boolean {
  return cause instanceof Error && 'code' in cause && cause.code === code;
}

function describeError(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** Runs the importer from the command line and sets the exit code. */
async function main(argv: readonly string[]): Promise<void> {
  const options = takeOptions(parseImportArgs(argv), USAGE);
  if (!options) return;
  const summary = await runImport(options, {
    cwd: process.cwd(),
    stdout: (line) => console.log(line),
    stderr: (line) => console.error(line),
  });
  process.exitCode = summary.exitCode;
}

if (isRunDirectly(import.meta.url)) await main(process.argv.slice(2));
