import { z } from 'astro/zod';
import type { Finding } from '../checks/findings.ts';
import { DEFAULT_MAX_QUERY_BYTES } from '../kql/query-size.ts';
import type { ContentLocation, ExcludePattern } from '../loaders/content-location.ts';
import { GUID_RE } from './guid.ts';

/** A list of folders or glob patterns; `HUNTBOOK_RULES=a:b` and YAML lists both end up here. */
const pathListSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (typeof value === 'string' ? value.split(':') : value).map((dir) => dir.trim()).filter(Boolean),
  );

/** Image formats a browser shows in an `<img>`, so a logo is one of them. */
export const LOGO_FILE_RE = /\.(?:svg|png|jpe?g|gif|webp|avif)$/i;
const CSS_FILE_RE = /\.css$/i;
/** A URL scheme such as `https:` or `javascript:` at the start of an href. */
const HREF_SCHEME_RE = /^([a-z][a-z0-9+.-]*):/i;
/** Browsers drop tabs and line breaks inside a URL (`java\tscript:`), so an href holds none. */
const HREF_SPACE_RE = /[\s\p{Cc}]/u;

/** A navigation link's target: an http(s) address or a path in the site, never a script. */
const navHrefSchema = z
  .string()
  .min(1)
  .refine((href) => !HREF_SPACE_RE.test(href), { error: 'must not contain spaces or control characters' })
  .refine((href) => /^https?$/i.test(HREF_SCHEME_RE.exec(href)?.[1] ?? 'https'), {
    error: 'must be an http(s) address or a path in the site',
  });

/** The site's look, set without changing Huntbook: paths are relative to the settings file. */
const brandingSchema = z.strictObject({
  /** Image shown before the site title in the header, e.g. `assets/logo.svg`; copied into the site. */
  logo: z
    .string()
    .regex(LOGO_FILE_RE, 'must be an image file: .svg, .png, .jpg, .jpeg, .gif, .webp or .avif')
    .optional(),
  /**
   * Links added to the site navigation after Huntbook's own, e.g.
   * `[{ label: Sentinel, href: https://portal.azure.com }]`. A path without a leading `/` is
   * taken from the site's base (`faq/` is `/soc/wiki/faq/` under `base: /soc/wiki/`).
   */
  nav: z.array(z.strictObject({ label: z.string().trim().min(1), href: navHrefSchema })).default([]),
  /** Plain text shown in the footer of every page, e.g. `Run by the SOC detection team`; line breaks are kept. */
  footer: z.string().trim().min(1).optional(),
  /** A stylesheet linked after Huntbook's own, e.g. `assets/wiki.css`; copied into the site. */
  css: z.string().regex(CSS_FILE_RE, 'must be a .css file').optional(),
});

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
  /**
   * Lets a build empty an output folder that holds files Huntbook did not write (`--empty-out-dir`
   * for one build). Off, such a build stops and lists them: Huntbook removes only files it wrote.
   */
  emptyOutDir: z.boolean().default(false),
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
  kql: z
    .strictObject({
      syntaxErrors: z.enum(['error', 'warning']).optional(),
      /**
       * Largest query, in bytes of UTF-8, that is highlighted and analysed (default 1048576,
       * 1 MiB). A larger one is published as plain text, without syntax check, analysis, tool
       * matching or hunting link, with a `query-too-large` warning: parsing and highlighting cost
       * memory many times a query's size. `HUNTBOOK_KQL_MAX_QUERY_BYTES` overrides it.
       * @example 4194304
       */
      maxQueryBytes: z.number().int().positive().default(DEFAULT_MAX_QUERY_BYTES),
    })
    .prefault({}),
  /** How runbook Markdown bodies are rendered. */
  markdown: z
    .strictObject({
      /**
       * `true` publishes HTML written in runbook bodies as it is: any runbook author can then run
       * script in every reader's browser. Off (the default), runbook HTML is sanitised: what
       * Markdown produces is kept, details/summary too, and scripts, event handlers, frames,
       * forms, styles and script URLs are removed. Only for sites whose runbook authors are all trusted.
       */
      allowHtml: z.boolean().default(false),
    })
    .prefault({}),
  /** Logo, extra navigation links, footer text and stylesheet. */
  branding: brandingSchema.prefault({}),
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
   * Where content is read from. Each of `rules`, `sigma`, `runbooks` and `tools` takes one folder or
   * glob pattern or a list of them (`detections/`, `hunting/**\/*.yaml`, `hunting/*\/queries`),
   * relative to this file; `~` is the home folder. `HUNTBOOK_RULES`, `HUNTBOOK_SIGMA`, `HUNTBOOK_RUNBOOKS`
   * and `HUNTBOOK_TOOLS` override them (`:`-separated, relative to the working directory).
   */
  content: z
    .strictObject({
      /** Rule YAML (Sentinel). Default: `rules` beside this file. */
      rules: pathListSchema.default(['rules']),
      /**
       * Sigma rule YAML, converted to KQL for Defender XDR advanced hunting and published beside
       * the Sentinel rules. Default: none. `HUNTBOOK_SIGMA` overrides it.
       */
      sigma: pathListSchema.default([]),
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
  /** Where `outDir` was set: by `HUNTBOOK_OUT_DIR` (and so `--out`), the `outDir` setting, or neither. */
  outDirOrigin: 'HUNTBOOK_OUT_DIR' | 'outDir' | 'default';
  /** Build cache folder (`HUNTBOOK_CACHE_DIR`): Astro's content cache, query analyses and search-index shards. */
  cacheDir: string;
  /** Warnings about the settings file itself (a setting that is no longer needed), listed with the content's. */
  findings: Finding[];
};

export interface ContentSettings {
  rules: ContentLocation[];
  /** Sigma rule files (`content.sigma`); none unless set. */
  sigma: ContentLocation[];
  runbooks: ContentLocation[];
  /** The bundled catalog first (unless `bundledTools: false`), then the user's. */
  tools: ContentLocation[];
  /** `content.exclude`, also carried by every location. */
  exclude: ExcludePattern[];
}
