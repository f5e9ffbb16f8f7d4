import { type DumpOptions, dump } from 'js-yaml';

/**
 * The `huntbook.config.yaml` that `huntbook init` writes: the content folders it found, and
 * every other setting as a comment with an example value, so the file doubles as the list of
 * what can be set. Folder names come from the repository and go through js-yaml.
 */

export interface ConfigTextInput {
  /** Rule folders, relative to the settings file; empty when none was found. */
  rules: readonly string[];
  /** Sigma rule folders, relative to the settings file; empty (or absent) when none was found. */
  sigma?: readonly string[];
  /** Runbook folders, relative to the settings file; empty when none was found. */
  runbooks: readonly string[];
}

/** Where a kind of content goes when the repository holds none yet. */
export const DEFAULT_RULES_FOLDER = 'rules';
export const DEFAULT_RUNBOOKS_FOLDER = 'runbooks';

const DUMP_OPTIONS: DumpOptions = { lineWidth: -1, noRefs: true };

/**
 * @example toConfigText({ rules: ['Detections', 'Hunting Queries'], runbooks: [] })
 *   // → '# Settings of the Huntbook site …\ncontent:\n  rules:\n    - Detections\n    - Hunting Queries\n  …'
 */
export function toConfigText(input: ConfigTextInput): string {
  return [
    HEADER,
    SITE_SETTINGS,
    'content:',
    describeFolders('rules', input.rules, DEFAULT_RULES_FOLDER, [
      '  # Folders or glob patterns holding Sentinel rule YAML (analytics rules and hunting queries).',
    ]),
    describeSigmaFolders(input.sigma ?? []),
    describeFolders('runbooks', input.runbooks, DEFAULT_RUNBOOKS_FOLDER, [
      '  # Folders of runbooks: Markdown whose front matter names its rule. "huntbook new runbook"',
      '  # writes new ones into the first.',
    ]),
    CONTENT_COMMENTS,
    OTHER_SETTINGS,
  ].join('\n');
}

/**
 * A content setting: the folders found; when none was, the default folder as a comment. Left
 * at its default, a folder that is not there yet is no finding, so the first check of a new
 * repository is clean; written out, it would be a warning until the folder exists.
 */
function describeFolders(key: string, folders: readonly string[], fallback: string, lead: string[]): string {
  if (folders.length === 0) {
    const note = `  # None was found in this repository: Huntbook looks in ${fallback}/ until you set it.`;
    return [...lead, note, ...indent(dump({ [key]: fallback }, DUMP_OPTIONS).trimEnd()).map(toComment)].join('\n');
  }
  return [...lead, ...indent(dump({ [key]: [...folders] }, DUMP_OPTIONS).trimEnd())].join('\n');
}

/** `content.sigma`: the folders found, else an example as a comment (it has no default folder). */
function describeSigmaFolders(folders: readonly string[]): string {
  const lead = ['  # Folders or glob patterns holding Sigma rule YAML, converted to KQL for Defender XDR.'];
  if (folders.length === 0) {
    const note = '  # None was found in this repository: no Sigma rules are read until you set it.';
    return [...lead, note, ...indent(dump({ sigma: 'sigma' }, DUMP_OPTIONS).trimEnd()).map(toComment)].join('\n');
  }
  return [...lead, ...indent(dump({ sigma: [...folders] }, DUMP_OPTIONS).trimEnd())].join('\n');
}

function toComment(line: string): string {
  return line.replace(/^(\s*)/, '$1# ');
}

function indent(text: string): string[] {
  return text.split('\n').map((line) => `  ${line}`);
}

const HEADER = `# Settings of the Huntbook site of this repository, written by "huntbook init".
# Paths are relative to this file, and ~ is your home folder. Lines starting with # are
# settings left at their default: remove the # to set one. Huntbook's README (Settings)
# describes each of them; HUNTBOOK_* environment variables and command-line flags override them.
`;

const SITE_SETTINGS = `# Site title, shown in the header and in page titles (default: Huntbook).
# title: SOC Wiki

# Path the site is served under, starting and ending with / (--base overrides it).
# base: /soc/wiki/

# Address of the published site, used in exports that link back to it.
# site: https://wiki.soc.example

# Where the site is written (--out overrides it).
# outDir: dist

# true: Huntbook may empty an output folder holding files it did not write itself.
# emptyOutDir: false

# true: warnings fail the build too, not only errors (--strict turns it on for one run).
# strict: false

# Defender tenant id, added to "Open in advanced hunting" links.
# defenderTenantId: 00000000-0000-0000-0000-000000000000

# Web address of this repository's files, for "View source" links, and the folder those
# links start from.
# sourceRepositoryUrl: https://github.com/your-org/detections/blob/main
# sourceRoot: .
`;

const CONTENT_COMMENTS = `  # Your own tool catalog, added to the one Huntbook comes with (an entry with the id of a
  # bundled tool extends it).
  # tools: my-tools
  # false: use only the tools of content.tools, not Huntbook's catalog.
  # bundledTools: true
  # Glob patterns of files never read, for every kind of content.
  # exclude: ['**/templates/**']
`;

const OTHER_SETTINGS = `# Your organisation's look: a logo (copied into the site), links added to the navigation,
# footer text and a stylesheet loaded after Huntbook's own.
# branding:
#   logo: assets/logo.svg
#   nav:
#     - label: Sentinel
#       href: https://portal.azure.com
#   footer: Run by the SOC detection team
#   css: assets/wiki.css

# Most pages in one search-index shard (default: 500, more on very large sites).
# search:
#   shardPages: 500

# Largest query, in bytes, that is highlighted and analysed (default: 1048576, 1 MiB); a
# larger one is published as plain text, with a warning.
# kql:
#   maxQueryBytes: 1048576

# true: HTML in runbook bodies is published as written, scripts included, so every runbook
# author can run script in every reader's browser. Off, it is sanitised: what Markdown
# produces stays (tables, details/summary, code, images), scripts and event handlers go.
# markdown:
#   allowHtml: false
`;
