/**
 * The code behind each kind of cached item. An item's key is the digest of every input it
 * depends on: its own content, the settings that matter, and its producer's digest, made of the
 * producer's source files, data files and installed package versions (producers-fs.ts). Edit a
 * source listed here and that kind's items miss; edit anything else and they stay.
 *
 * Each list follows what the producing code really imports (test/unit/build-cache/producers.test.ts
 * checks it). The build cache's own code is part of every producer: it decides how items are
 * written and read back.
 */
export interface Producer {
  /** Names the kind; also the file or folder its items are kept in under the cache folder. */
  name: string;
  /** Project folders (listed recursively) and single files whose code produces the items. */
  sources: readonly string[];
  /** Project data files the items are made from besides their own input, e.g. the ATT&CK extract. */
  dataFiles?: readonly string[];
  /** Installed packages whose code produces the items; a new version misses. */
  packages: readonly string[];
}

/** Shared by every producer: the store's own code and where it finds the package's files. */
export const BUILD_CACHE_SOURCES = ['src/build-cache', 'src/package'];

/**
 * A rule file's parse and validation (YAML, Sentinel repairs, the rule schema, ATT&CK checks):
 * loaders, checks, schemas and attack, and src/sigma (Sigma rules are converted while parsed). Not src/kql: the query is analyzed apart (KQL_ANALYSIS),
 * and its findings are made after the cache, on every build.
 */
export const RULE_PARSE: Producer = {
  name: 'rule-parse',
  // src/alert-names: the name of the file rule ids may not take (src/schemas/rule-id.ts).
  sources: ['src/loaders', 'src/checks', 'src/schemas', 'src/attack', 'src/alert-names', 'src/sigma'],
  dataFiles: [
    'content/attack/enterprise-attack.json',
    'content/attack/ics-attack.json',
    'content/attack/mobile-attack.json',
  ],
  packages: ['js-yaml', 'astro'],
};

/** A query's analysis: src/kql (and the worker processes it runs in, src/workers) and the Kusto language service. */
export const KQL_ANALYSIS: Producer = {
  name: 'kql-analysis',
  sources: ['src/kql', 'src/workers'],
  packages: ['@kusto/language-service-next'],
};

/** A query's highlighted HTML: src/kql (the highlighter and its workers, with src/workers) and Shiki's grammar and themes. */
export const KQL_HIGHLIGHT: Producer = {
  name: 'kql-highlight',
  sources: ['src/kql', 'src/workers'],
  packages: ['shiki'],
};

/**
 * A runbook body's rendered HTML: the Markdown settings in astro.config.mjs, the project's
 * rehype plugins and sanitiser schema (src/integrations, which take heading slugs from
 * src/model/slug.ts and its rule-key.ts; code blocks take the queries' themes and classes from
 * src/kql/highlight-classes.ts) and the
 * Markdown packages. Astro clears its store when its config changes, but a plugin's code is not
 * part of that config.
 */
export const RUNBOOK_MARKDOWN: Producer = {
  name: 'runbook-markdown',
  sources: [
    'astro.config.mjs',
    'src/integrations',
    'src/model/slug.ts',
    'src/model/rule-key.ts',
    'src/kql/highlight-classes.ts',
  ],
  // The sanitiser's defaults (hast-util-sanitize) are the base of the runbook schema.
  packages: ['astro', '@astrojs/markdown-remark', 'shiki', 'rehype-raw', 'rehype-sanitize', 'hast-util-sanitize'],
};

/**
 * A search shard's Pagefind bundle: the index step and its lane processes (src/search,
 * src/workers) and Pagefind. Pages are inputs by their bytes, so page code is not listed.
 */
export const SEARCH_SHARD: Producer = {
  name: 'search',
  // src/lookup: the browser search code (src/search/client.ts) imports it.
  sources: ['src/search', 'src/workers', 'src/lookup'],
  packages: ['pagefind'],
};

export const PRODUCERS: readonly Producer[] = [RULE_PARSE, KQL_ANALYSIS, KQL_HIGHLIGHT, RUNBOOK_MARKDOWN, SEARCH_SHARD];
