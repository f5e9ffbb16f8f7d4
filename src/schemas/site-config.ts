import { z } from 'astro/zod';
import type { Finding } from '../checks/findings.ts';
import type { ContentLocation, ExcludePattern } from '../loaders/content-location.ts';
import { GUID_RE } from './guid.ts';

/** A list of folders or glob patterns; `HUNTBOOK_RULES=a:b` and YAML lists both end up here. */
const pathListSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (typeof value === 'string' ? value.split(':') : value).map((dir) => dir.trim()).filter(Boolean),
  );

/**
 * Site settings, read from `huntbook.config.yaml` in the project root (or the file named by
 * `HUNTBOOK_CONFIG`). Every field is optional.
 */
export const siteConfigSchema = z.strictObject({
  /** Site title shown in the header and page titles. */
  title: z.string().min(1).default('Huntbook'),
  /** Path the site is served under, e.g. `/soc/wiki/`. Starts and ends with `/`. */
  base: z
    .string()
    .default('/')
    .transform((base) => `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/')),
  /** Absolute origin of the published site, e.g. `https://wiki.soc.example`; used in exports. */
  site: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).optional(),
  /** Defender tenant id; added to "Open in advanced hunting" links as `tid` so multi-tenant analysts land in the right tenant. */
  defenderTenantId: z.string().regex(GUID_RE, 'must be a tenant GUID').optional(),
  /** Web URL of the detection repository's tree, e.g. `https://github.com/org/detections/blob/main`; enables "View source" links. */
  sourceRepositoryUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).optional(),
  /** Where the site is written (`--out` and `HUNTBOOK_OUT_DIR` override it). */
  outDir: z.string().min(1).default('dist'),
  /** Directory the source links are relative to (the root of your detection repository checkout). */
  sourceRoot: z.string().default('.'),
  /**
   * Fails the build on every warning, not only on errors: what a detection repository runs on
   * pull requests. `HUNTBOOK_STRICT=1` turns it on too.
   */
  strict: z.boolean().default(false),
  /**
   * No longer needed: a KQL syntax error is a warning (the rule is published with the error
   * shown), and an error in strict mode. Still accepted, with a warning, so older settings files build.
   */
  kql: z.strictObject({ syntaxErrors: z.enum(['error', 'warning']).optional() }).prefault({}),
  /** Search index. */
  search: z
    .strictObject({
      /**
       * Most pages in one search-index shard. Each shard is indexed on its own, so peak memory
       * follows this number, and a shard whose pages did not change is reused from the build
       * cache. Unset, it is 500, raised on large sites so there are about 24 shards at most
       * (see `chooseShardPages`). `HUNTBOOK_SEARCH_SHARD_PAGES` overrides it.
       */
      shardPages: z.number().int().min(1).optional(),
    })
    .prefault({}),
  /**
   * Where content is read from. Each of `rules`, `runbooks` and `tools` takes one folder or
   * glob pattern or a list of them (`detections/`, `hunting/**\/*.yaml`, `hunting/*\/queries`),
   * relative to this file; `~` is the home folder. `HUNTBOOK_RULES`, `HUNTBOOK_RUNBOOKS` and
   * `HUNTBOOK_TOOLS` override them (`:`-separated, relative to the working directory).
   */
  content: z
    .strictObject({
      /** Rule YAML (Sentinel). Default: `rules` beside this file. */
      rules: pathListSchema.default(['rules']),
      /** Runbook Markdown. Default: `runbooks` beside this file (no runbooks when it does not exist). */
      runbooks: pathListSchema.default(['runbooks']),
      /**
       * Your own tool catalog entries (Huntbook's or LOLRMM format), added to the bundled
       * catalog. A file with the id of a bundled tool extends it: its fields replace the
       * bundled ones, its lists (domains, product and process names, aliases) are added.
       */
      tools: pathListSchema.default([]),
      /** `false`: leave out Huntbook's bundled tool catalog, only `tools` is read. `HUNTBOOK_BUNDLED_TOOLS=0` too. */
      bundledTools: z.boolean().default(true),
      /**
       * Glob patterns of files never read, for every kind, relative to this file, e.g.
       * `**\/templates/**` or `**\/.github/**`. The build log says how many files each folder lost to them.
       */
      exclude: z
        .union([z.string(), z.array(z.string())])
        .transform((value) => (typeof value === 'string' ? [value] : value).map((p) => p.trim()).filter(Boolean))
        .default([]),
    })
    .prefault({}),
});

export type SiteConfigInput = z.input<typeof siteConfigSchema>;
export type SiteConfig = Omit<z.output<typeof siteConfigSchema>, 'content'> & {
  /** Content locations resolved: absolute folders and patterns, each with what the user wrote. */
  content: ContentSettings;
  /** The settings file read, absolute; undefined when there is none and every setting is its default. */
  configFile: string | undefined;
  /** Build cache folder (`HUNTBOOK_CACHE_DIR`): Astro's content cache, query analyses and search-index shards. */
  cacheDir: string;
  /** Warnings about the settings file itself (a setting that is no longer needed), listed with the content's. */
  findings: Finding[];
};

export interface ContentSettings {
  rules: ContentLocation[];
  runbooks: ContentLocation[];
  /** The bundled catalog first (unless `bundledTools: false`), then the user's. */
  tools: ContentLocation[];
  /** `content.exclude`, also carried by every location. */
  exclude: ExcludePattern[];
}
