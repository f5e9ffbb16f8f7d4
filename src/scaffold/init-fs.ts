import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { writeContentFile } from '../import/import-seeds-fs.ts';
import { DEFAULT_CONFIG_FILE } from '../loaders/site-config.ts';
import { toConfigText } from './config-text.ts';
import { type CandidateFile, type ContentFolder, chooseContentFolders } from './content-folders.ts';
import { isRuleText, isRunbookText, isSigmaText } from './content-kinds.ts';
import { describeFolders, formatNextSteps } from './init-report.ts';
import type { ScaffoldIo } from './new-runbooks-fs.ts';
import { toWorkflowText, WORKFLOW_PATH } from './workflow-text.ts';

/**
 * `huntbook init`: finds the rule and runbook folders of the repository in `io.cwd`, writes the
 * settings file and the CI workflow, and says what to do next. Existing files are kept unless
 * `force` is set.
 */

/** Never content: packages, version control, build output. Hidden folders are left out too, as the loaders do. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist']);
const RULE_FILE_RE = /\.ya?ml$/i;
const RUNBOOK_FILE_RE = /\.(?:md|markdown)$/i;
/** Larger files are data, not a rule or a runbook; reading them would only slow the scan. */
const MAX_CONTENT_BYTES = 1024 * 1024;

export interface InitResult {
  rules: ContentFolder[];
  sigma: ContentFolder[];
  runbooks: ContentFolder[];
  /** Files not written because they exist (and `force` was not set) or could not be written. */
  notWritten: number;
  failed: boolean;
}

export async function runInit(options: { force: boolean }, io: ScaffoldIo): Promise<InitResult> {
  const candidates = scanRepository(io.cwd);
  const rules = chooseContentFolders(candidates.rules);
  const sigma = chooseContentFolders(candidates.sigma);
  const runbooks = chooseContentFolders(candidates.runbooks);
  const described = [
    ...describeFolders('rule', rules),
    ...(sigma.length > 0 ? describeFolders('Sigma rule', sigma) : []),
    ...describeFolders('runbook', runbooks),
  ];
  for (const line of described) io.stdout(line);
  const files = [
    {
      path: DEFAULT_CONFIG_FILE,
      text: toConfigText({
        rules: rules.map((folder) => folder.path),
        sigma: sigma.map((folder) => folder.path),
        runbooks: runbooks.map((folder) => folder.path),
      }),
    },
    { path: WORKFLOW_PATH, text: toWorkflowText() },
  ];
  let notWritten = 0;
  let failed = false;
  for (const file of files) {
    const outcome = await writeContentFile(join(io.cwd, file.path), file.text, options.force);
    if (typeof outcome === 'object') {
      io.stderr(`error   ${file.path}: could not write it (${outcome.error})`);
      failed = true;
      notWritten++;
    } else if (outcome === 'skipped') {
      io.stdout(`skipped ${file.path}: it already exists; pass --force to replace it`);
      notWritten++;
    } else {
      io.stdout(`${outcome.padEnd(7)} ${file.path}`);
    }
  }
  io.stdout(formatNextSteps({ rules, runbooks, installed: namesHuntbook(join(io.cwd, 'package.json')) }));
  return { rules, sigma, runbooks, notWritten, failed };
}

/** Every YAML and Markdown file below `root`, marked as Sentinel rule, Sigma rule or runbook by its text. */
export function scanRepository(root: string): {
  rules: CandidateFile[];
  sigma: CandidateFile[];
  runbooks: CandidateFile[];
} {
  const rules: CandidateFile[] = [];
  const sigma: CandidateFile[] = [];
  const runbooks: CandidateFile[] = [];
  const visit = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() && RULE_FILE_RE.test(entry.name)) {
        rules.push(toCandidate(root, path, isRuleText));
        sigma.push(toCandidate(root, path, isSigmaText));
      } else if (entry.isFile() && RUNBOOK_FILE_RE.test(entry.name))
        runbooks.push(toCandidate(root, path, isRunbookText));
    }
  };
  visit(root);
  return { rules, sigma, runbooks };
}

function toCandidate(root: string, path: string, isContent: (text: string) => boolean): CandidateFile {
  const shown = relative(root, path).split(sep).join('/');
  const small = statSync(path).size <= MAX_CONTENT_BYTES;
  return { path: shown, isContent: small && isContent(readFileSync(path, 'utf8')) };
}

/** package.json lists huntbook among its dependencies. */
function namesHuntbook(packageFile: string): boolean {
  if (!existsSync(packageFile)) return false;
  try {
    const data = JSON.parse(readFileSync(packageFile, 'utf8')) as Record<string, Record<string, string> | undefined>;
    return ['dependencies', 'devDependencies'].some((field) => data[field]?.huntbook !== undefined);
  } catch {
    return false;
  }
}
