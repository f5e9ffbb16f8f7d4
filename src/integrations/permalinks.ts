/**
 * Permanent links `/r/<rule id>/` without an Astro page per rule: after the build, one small
 * redirect file per rule is written from the list the site model handed over in the build cache
 * (thousands of Astro renders cost seconds; writing the files costs milliseconds), and the dev
 * server answers the same paths with an HTTP redirect to the rule page, from the live model.
 * Beside them goes `r/names.json`, which the `/r/` page (src/pages/r/index.astro) resolves
 * `?name=<alert name>` and `?id=` with in the browser; the dev server resolves those itself.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { ALERT_NAMES_FILE, toAlertNamesFile } from '../alert-names/alert-names-file.ts';
import { resolveAlertLink } from '../alert-names/resolve-alert-link.ts';
import { ALERT_LINK_FILES, hasPermalink } from '../schemas/rule-id.ts';
import type { PermalinkTarget } from '../site/permalink-targets.ts';
import { readPermalinkTargets, removePermalinkTargets } from '../site/permalink-targets-fs.ts';
import { createRoutes } from '../site/routes.ts';
import { renderCspMeta } from './content-security-policy.ts';

const PERMALINK_PATH_RE = /^\/r\/([^/?#]+)\/?(?:[?#].*)?$/;
const ALERT_LINK_PATH_RE = /^\/r\/?(\?[^#]*)?(?:#.*)?$/;
const TRAILING_SLASH_RE = /\/$/;
const TEXT_SPECIAL_RE = /[&<>'"]/g;
/** The redirect pages' only style; the Content-Security-Policy allows it by its hash. */
const PAGE_STYLE = 'body{font-family:system-ui,sans-serif;overflow-wrap:anywhere}';
/** The start of every page this file writes: the policy first, before anything it governs. */
const PAGE_HEAD = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">${renderCspMeta({ styles: [PAGE_STYLE] })}`;
const ATTRIBUTE_SPECIAL_RE = /[&"]/g;
/** The facade module the dev server asks for the live permanent links. */
const DEV_TARGETS_MODULE = fileURLToPath(new URL('../site/dev-permalinks.ts', import.meta.url));

const TEXT_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&#39;',
  '"': '&quot;',
};

export interface PermalinkOptions {
  /** The configured base path, e.g. `/` or `/soc/wiki/`. */
  base: string;
  /** The build cache folder, where the site model leaves the list of permanent links. */
  cacheDir: string;
}

/**
 * The Astro integration: writes `r/<id>/index.html` for every rule in `astro:build:done` and
 * redirects `/r/<id>/` in `astro dev`.
 * @example defineConfig({ integrations: [permalinks({ base: site.base, cacheDir: site.cacheDir })] })
 */
export function permalinks(options: PermalinkOptions): AstroIntegration {
  return {
    name: 'huntbook-permalinks',
    hooks: {
      'astro:server:setup': ({ server, logger }) => {
        const loadTargets = async () => {
          // Pages render in the ssr environment's module runner; asking the same runner shares their model.
          const { runner } = server.environments.ssr as { runner?: ModuleRunner };
          if (!runner) return [];
          const { getPermalinkTargets } = (await runner.import(DEV_TARGETS_MODULE)) as DevTargetsModule;
          return getPermalinkTargets();
        };
        server.middlewares.use((request, response, next) => {
          redirectPermalink(request, response, options.base, loadTargets).then(
            (handled) => handled || next(),
            (error: unknown) => {
              logger.warn(`permalink ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
              next();
            },
          );
        });
      },
      'astro:build:start': () => {
        removePermalinkTargets(options.cacheDir);
      },
      'astro:build:done': ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const targets = readPermalinkTargets(options.cacheDir);
        const { written, removed } = writePermalinkPages(outDir, targets, options.base);
        logger.info(`${written} permanent links written${removed > 0 ? `, ${removed} of deleted rules removed` : ''}`);
      },
    },
  };
}

/**
 * Makes `<outDir>/r/` hold one redirect page per rule and the names file of the `/r/` page:
 * pages a rebuild left unchanged are not written again, and those of rules that are gone are
 * removed. Returns how many pages there are and how many were removed.
 */
export function writePermalinkPages(
  outDir: string,
  targets: readonly PermalinkTarget[],
  base: string,
): { written: number; removed: number } {
  const root = join(outDir, 'r');
  const ids = new Set<string>();
  for (const target of targets) {
    const id = checkRuleId(target.id);
    ids.add(id);
    writeIfChanged(join(root, id), 'index.html', renderPermalinkPage(target, base));
  }
  writeIfChanged(root, ALERT_NAMES_FILE, `${JSON.stringify(toAlertNamesFile(targets))}\n`);
  const stale = existsSync(root)
    ? readdirSync(root).filter((name) => !ids.has(name) && !ALERT_LINK_FILES.includes(name))
    : [];
  for (const name of stale) rmSync(join(root, name), { recursive: true, force: true });
  return { written: ids.size, removed: stale.length };
}

function writeIfChanged(dir: string, name: string, text: string): void {
  const file = join(dir, name);
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, text);
}

/**
 * The redirect page: the site's Content-Security-Policy, a meta refresh, a canonical link and a
 * plain link for clients that do not follow refreshes. For an
 * id that several rules share, a short page listing them instead, like a shared slug's page.
 * @example renderPermalinkPage({ id, name: 'PDQ', path: '/rules/pdq/' }, '/') // → '<!DOCTYPE html>…<a href="/rules/pdq/">PDQ</a>…'
 */
export function renderPermalinkPage(target: PermalinkTarget, base: string): string {
  if (target.rules) return renderSharedIdPage(target.id, target.rules, base);
  const href = escapeAttribute(target.path);
  const name = escapeText(target.name);
  return (
    PAGE_HEAD +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">' +
    `<link rel="icon" href="${escapeAttribute(createRoutes(base).favicon())}" type="image/svg+xml">` +
    `<title>${name}</title><meta http-equiv="refresh" content="0; url=${href}"><link rel="canonical" href="${href}">` +
    `<style>${PAGE_STYLE}</style></head>` +
    `<body><main><p>This rule's runbook is at <a href="${href}">${name}</a>.</p></main></body></html>`
  );
}

function renderSharedIdPage(id: string, rules: NonNullable<PermalinkTarget['rules']>, base: string): string {
  const title = escapeText(`Rules with the id ${id}`);
  const items = rules.map(
    (rule) =>
      `<li><a href="${escapeAttribute(rule.path)}">${escapeText(rule.name)}</a> <code>${escapeText(rule.file)}</code></li>`,
  );
  return (
    PAGE_HEAD +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">' +
    `<link rel="icon" href="${escapeAttribute(createRoutes(base).favicon())}" type="image/svg+xml">` +
    `<title>${title}</title>` +
    `<style>${PAGE_STYLE}</style></head>` +
    `<body><main><h1>${title}</h1><p>Several rule files have this id. Choose one:</p><ul>${items.join('')}</ul></main></body></html>`
  );
}

/**
 * Answers a dev-server request for `/r/<id>/` with a redirect to the rule page, or with the
 * page listing the rules that share the id; resolves to false for every other request. The
 * targets come from the live site model.
 */
async function redirectPermalink(
  request: IncomingMessage,
  response: ServerResponse,
  base: string,
  loadTargets: () => Promise<readonly PermalinkTarget[]>,
): Promise<boolean> {
  // Vite strips the base from `url` before later middleware sees it; connect keeps the original.
  const { originalUrl } = request as IncomingMessage & { originalUrl?: string };
  const url = originalUrl ?? request.url ?? '';
  const query = matchAlertLink(url, base);
  if (query !== undefined) {
    const targets = await loadTargets();
    const location = resolveAlertLink(query, toAlertNamesFile(targets), createRoutes(base));
    if (location === undefined) return false;
    response.statusCode = 302;
    response.setHeader('Location', location);
    response.end();
    return true;
  }
  const id = matchPermalink(url, base);
  if (id === undefined) return false;
  const target = (await loadTargets()).find((candidate) => candidate.id === id);
  if (!target) return false;
  if (target.rules) {
    response.statusCode = 200;
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(renderPermalinkPage(target, base));
    return true;
  }
  response.statusCode = 302;
  response.setHeader('Location', target.path);
  response.end();
  return true;
}

type DevTargetsModule = typeof import('../site/dev-permalinks.ts');

/** What the dev server's ssr environment runs page modules with. */
interface ModuleRunner {
  import(id: string): Promise<unknown>;
}

/**
 * The lowercased rule id of a permalink request path under the base, or undefined (also for
 * an id that cannot be a folder name, such as `..`).
 * @example matchPermalink('/soc/r/58CBBE97-F835-4677-9BEE-203B1DF29600/', '/soc/') // → '58cbbe97-f835-4677-9bee-203b1df29600'
 */
export function matchPermalink(url: string, base: string): string | undefined {
  const prefix = base.replace(TRAILING_SLASH_RE, '');
  if (!url.startsWith(`${prefix}/`)) return undefined;
  const id = PERMALINK_PATH_RE.exec(url.slice(prefix.length))?.[1]?.toLowerCase();
  return id !== undefined && hasPermalink(id) ? id : undefined;
}

/**
 * The query string of a request for the `/r/` page under the base, or undefined for any other
 * path. The page without a query has nothing to resolve and is served as it is.
 * @example matchAlertLink('/soc/r/?name=PDQ', '/soc/') // → '?name=PDQ'
 */
export function matchAlertLink(url: string, base: string): string | undefined {
  const prefix = base.replace(TRAILING_SLASH_RE, '');
  if (!url.startsWith(`${prefix}/`)) return undefined;
  return ALERT_LINK_PATH_RE.exec(url.slice(prefix.length))?.[1];
}

/** Rule ids are lowercased by the rule schema; one that cannot be a folder name never becomes one. */
function checkRuleId(id: string): string {
  if (!hasPermalink(id)) throw new Error(`"${id}" is not a rule id that can be a folder name; no permalink written`);
  return id;
}

/** Escapes text content as Astro does for `{expression}` children. */
function escapeText(text: string): string {
  return text.replace(TEXT_SPECIAL_RE, (character) => TEXT_ENTITIES[character] ?? character);
}

/** Escapes an attribute value as Astro does: only `&` and `"` need it inside double quotes. */
function escapeAttribute(value: string): string {
  return value.replace(ATTRIBUTE_SPECIAL_RE, (character) => (character === '&' ? '&amp;' : '&quot;'));
}
