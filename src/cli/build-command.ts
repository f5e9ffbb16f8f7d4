import { existsSync, rmdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ContentError } from '../checks/findings.ts';
import { formatOutputRefusal, type GuardedPath, type OutputPlan } from '../output/output-folder.ts';
import { prepareOutputFolder, recordBuildOutput } from '../output/output-folder-fs.ts';
import { PACKAGE_ROOT } from '../package/package-root.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { closeSearchService, startSearchService } from '../search/write-shard.ts';
import { type Command, type CommandIo, EXIT } from './command.ts';
import { type FlagSpecs, formatFlags, readCommandLine } from './command-line.ts';
import { indexBuiltSite } from './index-search.ts';
import { CONFIG_FLAG, formatContentError, loadSettingsFor } from './settings-env.ts';

const FLAGS: FlagSpecs = {
  ...CONFIG_FLAG,
  out: {
    type: 'string',
    short: 'o',
    value: 'DIR',
    description: 'output folder (default: outDir, or dist/ beside the settings)',
  },
  base: { type: 'string', value: 'PATH', description: 'serve the site under this path, e.g. /soc/wiki/' },
  strict: { type: 'boolean', description: 'fail on warnings too, not only on errors' },
  'empty-out-dir': {
    type: 'boolean',
    description: 'remove files Huntbook did not write from the output folder (setting: emptyOutDir)',
  },
};

export const buildCommand: Command = {
  name: 'build',
  summary: 'build the whole site, search index included',
  help: [
    'Usage: huntbook build [--config FILE] [--out DIR] [--base PATH] [--strict] [--empty-out-dir]',
    '',
    'Reads the rules, runbooks and tool catalog named in the settings, writes the site with its',
    'search index, and lists every finding with its file and line. Content errors (and, with',
    '--strict, warnings) stop the build with exit code 1; nothing is published then.',
    '',
    'Huntbook removes only files it wrote itself (the output folder keeps a list of them). An',
    'output folder holding other files stops the build with exit code 4, unless --empty-out-dir',
    'or the setting emptyOutDir: true lets Huntbook remove them first.',
    '',
    formatFlags(FLAGS),
  ].join('\n'),
  run: async (argv, io) => {
    const parsed = readCommandLine(argv, FLAGS, buildCommand, io);
    if (typeof parsed === 'number') return parsed;
    const { values } = parsed;
    const settings = loadSettingsFor(
      {
        config: values.config as string | undefined,
        out: values.out as string | undefined,
        base: values.base as string | undefined,
        strict: values.strict as boolean | undefined,
      },
      io,
    );
    if ('exitCode' in settings) return settings.exitCode;
    const { config } = settings;
    const plan = prepareOutputFolder(config.outDir, {
      emptyAllowed: values['empty-out-dir'] === true || config.emptyOutDir,
      guarded: listGuardedPaths(config, io),
    });
    if (plan.action === 'refuse' || plan.action === 'protect') {
      const origin = values.out ? '--out' : config.outDirOrigin;
      io.stderr(formatOutputRefusal({ outDir: config.outDir, plan, origin, configFile: config.configFile }));
      return EXIT.outputFolder;
    }
    if (plan.action === 'remove') io.stdout(formatRemoved(config.outDir, plan));
    // Whatever happens, the manifest then lists what this build wrote: a failed build's files
    // stay Huntbook's to replace or remove next time.
    try {
      return await buildSiteAndIndex(config, io);
    } finally {
      recordBuildOutput(config.outDir);
    }
  },
};

/**
 * With the output folder outside the working directory, Astro keeps its prerender chunks in
 * `.astro/` of the working directory, the user's repository, and leaves the folder behind empty.
 */
const ASTRO_SCRATCH_DIR = '.astro';

function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not there, or Astro left something in it: either way not ours to remove.
  }
}

/**
 * The bundler (Rolldown) allocates with mimalloc, which keeps freed memory unless told otherwise;
 * at 5,000 rules these settings save about 175 MB (docs/performance.md). mimalloc reads them when
 * it starts, which is after this, when Astro loads the bundler; a user's own values are kept.
 */
function returnFreedBundlerMemory(env: CommandIo['env']): void {
  env.MIMALLOC_PURGE_DELAY ??= '0';
  env.MIMALLOC_PURGE_DECOMMITS ??= '1';
  env.MIMALLOC_ARENA_EAGER_COMMIT ??= '0';
}

/** The content error behind a failed build, which Astro may hand back wrapped. */
function findContentError(error: unknown): ContentError | undefined {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    if (cause instanceof ContentError || (cause as Error).name === 'ContentError') return cause as ContentError;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

async function buildSiteAndIndex(config: SiteConfig, io: CommandIo): Promise<number> {
  const scratch = join(io.cwd, ASTRO_SCRATCH_DIR);
  // In Huntbook's own folder, `.astro/` is Astro's working folder, which other builds may be using.
  const scratchExisted = existsSync(scratch) || resolve(io.cwd) === PACKAGE_ROOT;
  returnFreedBundlerMemory(io.env);
  // The index step's Pagefind starts while this process is small (startSearchService says why).
  await startSearchService();
  try {
    // Astro (and the bundler's native allocator) loads only now, after the settings are in place.
    const { build } = await import('astro');
    try {
      await build({ root: PACKAGE_ROOT, logLevel: 'info' });
    } catch (error) {
      const content = findContentError(error);
      if (!content) throw error;
      io.stderr(formatContentError(content));
      return EXIT.findings;
    } finally {
      if (!scratchExisted) removeIfEmpty(scratch);
    }
    await indexBuiltSite(config, io.stdout);
    return EXIT.ok;
  } finally {
    await closeSearchService();
  }
}

/** What emptying the output folder must never delete: the user's settings, content and folders. */
function listGuardedPaths(config: SiteConfig, io: CommandIo): GuardedPath[] {
  return [
    ...(config.configFile ? [{ label: 'the settings file', path: config.configFile }] : []),
    ...[...config.content.rules, ...config.content.runbooks, ...config.content.tools].map((location) => ({
      label: 'a content folder',
      path: location.base,
    })),
    { label: 'the source root', path: config.sourceRoot },
    { label: 'the build cache', path: config.cacheDir },
    { label: 'the working folder', path: io.cwd },
    { label: 'your home folder', path: io.env.HOME || homedir() },
  ];
}

function formatRemoved(outDir: string, plan: Extract<OutputPlan, { action: 'remove' }>): string {
  const count = plan.files.length;
  return `[output] Removed ${count === 1 ? '1 file' : `${count} files`} Huntbook did not write from ${outDir} (emptying allowed)`;
}
