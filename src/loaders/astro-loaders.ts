import type { DataStore, Loader, LoaderContext } from 'astro/loaders';
import { formatFinding, throwOnErrors, type Finding } from '../lib/findings.ts';
import { loadAttackIndex } from '../lib/attack-fs.ts';
import { createKqlAnalysisCache } from '../lib/kql-analysis-cache.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { readRules, RULE_EXTENSIONS } from './read-rules.ts';
import { readRunbooks, RUNBOOK_EXTENSIONS } from './read-runbooks.ts';
import { readTools, TOOL_EXTENSIONS } from './read-tools.ts';

/**
 * Content-layer loaders. Each reads its directories in full, fails the build on any error
 * finding (Astro itself only logs some content errors), and in `astro dev` reloads when a
 * file under its directories changes, so authors get a live preview.
 */

type StoreEntry = Omit<Parameters<DataStore['set']>[0], 'digest'>;

interface DirectoryLoaderOptions<TRecord> {
  name: string;
  dirs: readonly string[];
  extensions: readonly string[];
  read: (dirs: readonly string[]) => { records: TRecord[]; findings: Finding[] };
  toEntry: (record: TRecord, context: LoaderContext) => Promise<StoreEntry> | StoreEntry;
}

function createDirectoryLoader<TRecord>(options: DirectoryLoaderOptions<TRecord>): Loader {
  return {
    name: options.name,
    load: async (context) => {
      const load = async () => {
        const { records, findings } = options.read(options.dirs);
        for (const warning of throwOnErrors(findings)) context.logger.warn(formatFinding(warning));
        const entries = await Promise.all(records.map((record) => options.toEntry(record, context)));
        context.store.clear();
        for (const entry of entries) {
          context.store.set({ ...entry, digest: context.generateDigest(JSON.stringify(entry.data)) });
        }
      };
      await load();
      watchDirectories(context, options.dirs, options.extensions, load);
    },
  };
}

export function rulesLoader(config: SiteConfig): Loader {
  return createDirectoryLoader({
    name: 'huntbook-rules',
    dirs: config.content.rules,
    extensions: RULE_EXTENSIONS,
    read: (ruleDirs) => {
      // Unchanged queries keep their analysis from the last build.
      const cache = createKqlAnalysisCache(config.cacheDir);
      const result = readRules(ruleDirs, loadAttackIndex(), { syntaxErrors: config.kql.syntaxErrors, cache });
      cache.flush();
      return result;
    },
    toEntry: (record) => ({ id: record.rule.id, data: { ...record }, filePath: record.file }),
  });
}

export function runbooksLoader(dirs: readonly string[]): Loader {
  return createDirectoryLoader({
    name: 'huntbook-runbooks',
    dirs,
    extensions: RUNBOOK_EXTENSIONS,
    read: readRunbooks,
    toEntry: async (record, context) => ({
      id: record.frontmatter.rule,
      data: { file: record.file, ...record.frontmatter, positions: record.positions },
      body: record.body,
      filePath: record.file,
      rendered: await context.renderMarkdown(record.body),
    }),
  });
}

export function toolsLoader(dirs: readonly string[]): Loader {
  return createDirectoryLoader({
    name: 'huntbook-tools',
    dirs,
    extensions: TOOL_EXTENSIONS,
    read: readTools,
    toEntry: (record) => ({ id: record.tool.id, data: { ...record }, filePath: record.files[0] }),
  });
}

function watchDirectories(
  context: LoaderContext,
  dirs: readonly string[],
  extensions: readonly string[],
  reload: () => Promise<void>,
): void {
  const { watcher } = context;
  if (!watcher) return;
  watcher.add([...dirs]);
  watcher.on('all', (_event, path) => {
    const inside = dirs.some((dir) => path.startsWith(dir));
    if (!inside || !extensions.some((ext) => path.toLowerCase().endsWith(ext))) return;
    // A broken file while editing must not stop the dev server: log and keep the last good content.
    reload().catch((error: unknown) => context.logger.error(error instanceof Error ? error.message : String(error)));
  });
}
