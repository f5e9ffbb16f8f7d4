import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataStore, Loader, LoaderContext } from 'astro/loaders';
import { writeCollectionReport } from '../build-cache/content-findings.ts';
import { writePayloads } from '../build-cache/content-payloads.ts';
import { digest } from '../build-cache/digest.ts';
import { RUNBOOK_MARKDOWN } from '../build-cache/producers.ts';
import { digestProducer } from '../build-cache/producers-fs.ts';
import { type Finding, formatFindingGroup, groupRepeatedFindings } from '../checks/findings.ts';
import type { RunbookMarkdownSettings } from '../integrations/runbook-markdown.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import type { ContentFolderCount } from './content-counts.ts';
import type { ExcludedCount } from './content-fs.ts';
import { type ContentLocation, isExcluded, isSelected } from './content-location.ts';
import { RULE_EXTENSIONS } from './read-rules.ts';
import { readRulesWithQueryWork } from './read-rules-with-queries.ts';
import { RUNBOOK_EXTENSIONS, readRunbooks, toRunbookData } from './read-runbooks.ts';
import { readTools, TOOL_EXTENSIONS } from './read-tools.ts';

/**
 * Content-layer loaders. Each reads its directories in full, stores what can be published and
 * hands every finding to the site in the build cache (content-findings.ts): the site lists the
 * findings of all collections together and fails the build on errors, so one collection's
 * error does not hide another's. In `astro dev` a loader reloads when a file under its
 * directories changes, so authors get a live preview, and logs what it found.
 */

type StoreEntry = Omit<Parameters<DataStore['set']>[0], 'digest'>;

interface ReadResult<TRecord> {
  records: TRecord[];
  findings: Finding[];
  /** Files read, when it is not one per record (rules: a file that cannot be read gives no record). */
  filesRead?: number;
  /** Per content folder, files read and published (rules). */
  folders?: ContentFolderCount[];
  /** Per content folder, files `content.exclude` left out. */
  excluded?: ExcludedCount[];
}

interface DirectoryLoaderOptions<TRecord> {
  name: string;
  /** The collection's name in content.config.ts. */
  collection: string;
  locations: readonly ContentLocation[];
  extensions: readonly string[];
  read: (
    locations: readonly ContentLocation[],
    context: LoaderContext,
  ) => ReadResult<TRecord> | Promise<ReadResult<TRecord>>;
  toEntry: (record: TRecord) => StoreEntry;
  /** Renders an entry's body; entries unchanged since the last load keep what was rendered then. */
  render?: (entry: StoreEntry, context: LoaderContext) => Promise<StoreEntry['rendered']>;
  /** Part of every digest: the producer digest of whatever else an entry's stored form depends on (its renderer). */
  digestSalt?: string;
  /**
   * Keeps entry data in the collection's payload file in this folder and only its digest in
   * the store (see content-payloads.ts); pages read the data with `readPayloads`.
   */
  payloadDir?: string;
  /** The build cache folder, where the loader's findings are left for the site. */
  findingsDir: string;
}

function createDirectoryLoader<TRecord>(options: DirectoryLoaderOptions<TRecord>): Loader {
  return {
    name: options.name,
    load: async (context) => {
      const load = async () => {
        const { records, findings, filesRead, folders, excluded } = await options.read(options.locations, context);
        writeCollectionReport(options.findingsDir, options.collection, {
          findings,
          files: filesRead ?? records.length,
          published: records.length,
          ...(folders ? { folders } : {}),
          ...(excluded?.length ? { excluded } : {}),
        });
        await storeEntries(context, keepDataAside(records.map(options.toEntry), options), options);
        if (!context.watcher) return;
        // A build lists every collection's findings at its end (src/site/build-report.ts); the
        // dev server's terminal has only this log to say what an edit broke.
        logFindings(context, findings);
        // Pages read the findings from the build cache, not the store: a change of findings
        // alone must still change the store, which is what makes the dev server read the
        // content again and reload the browser.
        context.meta.set(FINDINGS_DIGEST_KEY, digest(JSON.stringify(findings)));
      };
      await load();
      watchLocations(context, options.locations, options.extensions, load);
    },
  };
}

/** The store's record of a collection's findings, by digest (see `load`). */
const FINDINGS_DIGEST_KEY = 'huntbook-findings';

function logFindings(context: LoaderContext, findings: readonly Finding[]): void {
  for (const group of groupRepeatedFindings(findings)) {
    const line = formatFindingGroup(group);
    if (group.severity === 'error') context.logger.error(line);
    else context.logger.warn(line);
  }
}

/** With `payloadDir`, writes the entries' data to the payload file and leaves its digest in its place. */
function keepDataAside<TRecord>(entries: StoreEntry[], options: DirectoryLoaderOptions<TRecord>): StoreEntry[] {
  if (options.payloadDir === undefined) return entries;
  const digests = writePayloads(options.payloadDir, options.collection, entries);
  return entries.map((entry, index) => ({ ...entry, data: { ...digests[index]?.data } }));
}

/** Entries handled between two turns of the event loop while storing a collection. */
const ENTRIES_BETWEEN_PAUSES = 25;

function pauseForEventLoop(): Promise<void> {
  return new Promise((resolvePause) => setImmediate(resolvePause));
}

/**
 * Replaces the collection with the given entries, leaving every entry whose digest is unchanged
 * as stored (its rendered Markdown included, which is most of a rebuild's content sync) and
 * rendering only new or changed ones. Everything is rendered before the store is touched, so a
 * failing render leaves the last good content in place.
 */
async function storeEntries<TRecord>(
  context: LoaderContext,
  entries: readonly StoreEntry[],
  options: DirectoryLoaderOptions<TRecord>,
): Promise<void> {
  const changed: (StoreEntry & { digest: string })[] = [];
  for (const [index, entry] of entries.entries()) {
    // Rendering is all microtasks: without a pause now and then it would hold up the other
    // loaders (the rules loader starting its query workers) and the workers' results.
    if (index % ENTRIES_BETWEEN_PAUSES === ENTRIES_BETWEEN_PAUSES - 1) await pauseForEventLoop();
    const entryDigest = digest(options.digestSalt ?? '', JSON.stringify(entry.data), entry.body ?? '');
    if (context.store.get(entry.id)?.digest === entryDigest) continue;
    const rendered = await options.render?.(entry, context);
    changed.push({ ...entry, digest: entryDigest, ...(rendered ? { rendered } : {}) });
  }
  const ids = new Set(entries.map((entry) => entry.id));
  for (const id of context.store.keys()) if (!ids.has(id)) context.store.delete(id);
  // Pages use the rendered HTML; the Markdown source would only make the store bigger.
  const root = context.config?.root ? fileURLToPath(context.config.root) : process.cwd();
  for (const { body: _source, filePath, ...entry } of changed) {
    context.store.set({ ...entry, ...(filePath === undefined ? {} : { filePath: toRootPath(filePath, root) }) });
  }
}

/**
 * A content file's path relative to the project root, as Astro's store requires: content may
 * live outside the project (`HUNTBOOK_RULES=~/src/detections/…`), where it starts with `../`.
 * @example toRootPath('/src/detections/tools/a.yaml', '/src/huntbook') // → '../detections/tools/a.yaml'
 */
export function toRootPath(file: string, root: string): string {
  return relative(root, resolve(root, file)).split(sep).join('/');
}

export function rulesLoader(config: SiteConfig): Loader {
  return createDirectoryLoader({
    name: 'huntbook-rules',
    collection: 'rules',
    // Sentinel and Sigma rules are one collection; reading tells them apart by location.
    locations: [...config.content.rules, ...config.content.sigma],
    extensions: RULE_EXTENSIONS,
    read: (_locations, context) =>
      readRulesWithQueryWork(config.content.rules, config, context.logger, { sigma: config.content.sigma }),
    // The analysis stays in its cache file and the rule in its payload file (src/site/data.ts
    // reads both); the absolute path is derived from `file`.
    // Keyed by the rule's key, not its id: two files may share an id and both are published.
    toEntry: ({ key, file, rule, queryNotes, positions, sigma }) => ({
      id: key,
      data: { file, rule, queryNotes, positions, ...(sigma ? { sigma } : {}) },
    }),
    payloadDir: config.cacheDir,
    findingsDir: config.cacheDir,
  });
}

/**
 * Runbooks from `locations`; their data is kept in a payload file in `payloadDir` (the build cache).
 * The `markdown` settings change the rendered body, so they are part of every entry's digest.
 */
export function runbooksLoader(
  locations: readonly (string | ContentLocation)[],
  payloadDir: string,
  markdown: RunbookMarkdownSettings = { allowHtml: false },
): Loader {
  return createDirectoryLoader({
    name: 'huntbook-runbooks',
    collection: 'runbooks',
    locations: locations.map(toLocation),
    extensions: RUNBOOK_EXTENSIONS,
    read: readRunbooks,
    toEntry: (record) => ({
      id: record.frontmatter.rule,
      data: toRunbookData(record),
      body: record.body,
      filePath: record.file,
    }),
    render: (entry, context) => context.renderMarkdown(entry.body ?? ''),
    digestSalt: digest(digestProducer(RUNBOOK_MARKDOWN), JSON.stringify(markdown)),
    payloadDir,
    findingsDir: payloadDir,
  });
}

/** Catalog tools from `locations`; their findings are left in `findingsDir` (the build cache). */
export function toolsLoader(locations: readonly (string | ContentLocation)[], findingsDir: string): Loader {
  return createDirectoryLoader({
    name: 'huntbook-tools',
    collection: 'tools',
    locations: locations.map(toLocation),
    extensions: TOOL_EXTENSIONS,
    read: readTools,
    toEntry: (record) => ({ id: record.tool.id, data: { ...record }, filePath: record.files[0] }),
    findingsDir,
  });
}

/** A folder given as a plain path (tests, tools): read as it is, with nothing excluded. */
function toLocation(location: string | ContentLocation): ContentLocation {
  if (typeof location !== 'string') return location;
  return { base: location, exclude: [], origin: { kind: 'env', setting: 'content', written: location } };
}

/**
 * Reloads when a content file changes: the folders are watched (a pattern's fixed prefix), and
 * a changed path counts when its location selects it and no exclude pattern leaves it out.
 */
function watchLocations(
  context: LoaderContext,
  locations: readonly ContentLocation[],
  extensions: readonly string[],
  reload: () => Promise<void>,
): void {
  const { watcher } = context;
  if (!watcher) return;
  watcher.add([...new Set(locations.map((location) => location.base))]);
  watcher.on('all', (_event, path) => {
    if (!extensions.some((ext) => path.toLowerCase().endsWith(ext))) return;
    if (!locations.some((location) => isWatchedBy(location, path))) return;
    // A broken file while editing must not stop the dev server: log and keep the last good content.
    reload().catch((error: unknown) => context.logger.error(error instanceof Error ? error.message : String(error)));
  });
}

/**
 * Whether a changed file belongs to a location.
 * @example isWatchedBy({ base: '/r', pattern: '**\/*.yaml', exclude: [], origin }, '/r/a/b.yaml') // → true
 */
export function isWatchedBy(location: ContentLocation, path: string): boolean {
  const rel = relative(location.base, path);
  const inside = rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  return inside && isSelected(location, path) && !isExcluded(location.exclude, path);
}
