import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../checks/findings.ts';
import { type DecodedText, decodeContentBytes } from '../loaders/text-decoding.ts';
import {
  claimOutputs,
  describeFinding,
  formatSummary,
  generateContent,
  type ImportIo,
  type ImportOptions,
  type ImportSummary,
  toOutputName,
} from './import-seeds.ts';
import { parseSeedDocument } from './seed-document.ts';

/**
 * The importer's file access: finds seed files, reads them and writes the rule and runbook
 * each one becomes, without replacing a file unless asked to.
 */

const SEED_FILE_RE = /\.(?:txt|md)$/i;

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
  let decoded: DecodedText;
  try {
    decoded = decodeContentBytes(await readFile(file), shown);
  } catch (cause) {
    reportFindings(run, [{ severity: 'error', file: shown, message: `could not read it (${describeError(cause)})` }]);
    return 'failed';
  }

  const parsed = parseSeedDocument(decoded.text, shown);
  const { document } = parsed;
  const findings = [...decoded.findings, ...parsed.findings];
  if (!document) {
    reportFindings(run, findings);
    return 'failed';
  }
  const generated = generateContent(document, shown);
  const claims = claimOutputs(document, shown, run.claimedNames, run.claimedIds);
  const allFindings = [...findings, ...generated.findings, ...claims];
  reportFindings(run, allFindings);
  if (allFindings.some((finding) => finding.severity === 'error')) return 'failed';

  const slug = toOutputName(document);
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

/** Writes a file unless it exists and `force` is off; the exclusive flag makes the check race-free. */
export async function writeContentFile(
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
