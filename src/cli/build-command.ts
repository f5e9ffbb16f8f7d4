import { existsSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { ContentError } from '../checks/findings.ts';
import { PACKAGE_ROOT } from '../package/package-root.ts';
import { indexSite } from '../search/index-site.ts';
import { type Command, type CommandIo, EXIT } from './command.ts';
import { type FlagSpecs, formatFlags, parseCommandLine } from './command-line.ts';
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
};

export const buildCommand: Command = {
  name: 'build',
  summary: 'build the whole site, search index included',
  help: [
    'Usage: huntbook build [--config FILE] [--out DIR] [--base PATH] [--strict]',
    '',
    'Reads the rules, runbooks and tool catalog named in the settings, writes the site with its',
    'search index, and lists every finding with its file and line. Content errors (and, with',
    '--strict, warnings) stop the build with exit code 1; nothing is published then.',
    '',
    formatFlags(FLAGS),
  ].join('\n'),
  run: async (argv, io) => {
    const parsed = parseCommandLine(argv, FLAGS);
    if (parsed.kind === 'help') {
      io.stdout(buildCommand.help);
      return EXIT.ok;
    }
    if (parsed.kind === 'error') {
      io.stderr(`error: ${parsed.message}\nRun "huntbook build --help" for its flags.`);
      return EXIT.usage;
    }
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
    returnFreedBundlerMemory(io.env);
    // Astro (and the bundler's native allocator) loads only now, after the settings above.
    const { build } = await import('astro');
    const scratch = join(process.cwd(), ASTRO_SCRATCH_DIR);
    const scratchExisted = existsSync(scratch);
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
    io.stdout(`[search] Indexing ${config.outDir}`);
    const { pages, seconds, shards } = await indexSite({
      outDir: config.outDir,
      cacheDir: config.cacheDir,
      shardPages: config.search.shardPages,
      log: io.stdout,
    });
    const reused = shards.filter((shard) => shard.reused).length;
    io.stdout(
      `[search] Indexed ${pages} pages in ${seconds.toFixed(2)}s ` +
        `(${shards.length} shards: ${shards.length - reused} indexed, ${reused} reused from the cache)`,
    );
    return EXIT.ok;
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
