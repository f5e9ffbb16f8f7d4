/**
 * Permanent links `/r/<rule id>/` without an Astro page per rule: after the build, one small
 * redirect file per rule is written from the rules export (thousands of Astro renders cost
 * seconds; writing the files costs milliseconds), and the dev server answers the same paths
 * with an HTTP redirect to the rule page.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Where the build writes the rules export (src/pages/api/rules.json.ts). */
export const RULES_EXPORT_PATH = 'api/rules.json';

/** Rule ids are GUIDs (lowercased by the rule schema); anything else never becomes a folder name. */
const RULE_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The rule page's slug at the end of an exported URL, absolute or not. */
const RULE_URL_RE = /\/rules\/([^/]+)\/$/;
const PERMALINK_PATH_RE = /^\/r\/([^/?#]+)\/?(?:[?#].*)?$/;
const TRAILING_SLASH_RE = /\/$/;
const LEADING_SLASH_RE = /^\//;
const TEXT_SPECIAL_RE = /[&<>'"]/g;
const ATTRIBUTE_SPECIAL_RE = /[&"]/g;

const TEXT_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&#39;',
  '"': '&quot;',
};

/** What the rules export says about one rule, as far as a permalink needs it. */
export interface PermalinkRule {
  id: string;
  name: string;
  /** The rule page, as a path under the base or an absolute URL when `site` is set. */
  url: string;
}

export interface PermalinkOptions {
  /** The configured base path, e.g. `/` or `/soc/wiki/`. */
  base: string;
}

/**
 * The Astro integration: writes `r/<id>/index.html` for every rule in `astro:build:done` and
 * redirects `/r/<id>/` in `astro dev`.
 * @example defineConfig({ integrations: [permalinks({ base: site.base })] })
 */
export function permalinks(options: PermalinkOptions): AstroIntegration {
  let address: AddressInfo | undefined;
  return {
    name: 'huntbook-permalinks',
    hooks: {
      'astro:server:setup': ({ server, logger }) => {
        const origin = () => (address ? toOrigin(address, Boolean(server.config.server.https)) : undefined);
        server.middlewares.use((request, response, next) => {
          redirectPermalink(request, response, options.base, origin()).then(
            (handled) => handled || next(),
            (error: unknown) => {
              logger.warn(`permalink ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
              next();
            },
          );
        });
      },
      'astro:server:start': ({ address: started }) => {
        address = started;
      },
      'astro:build:done': ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const { written, removed } = writePermalinkPages(outDir, readRulesExport(outDir), options.base);
        logger.info(`${written} permanent links written${removed > 0 ? `, ${removed} of deleted rules removed` : ''}`);
      },
    },
  };
}

/** The rules the build exported. */
export function readRulesExport(outDir: string): PermalinkRule[] {
  const file = join(outDir, RULES_EXPORT_PATH);
  const content = JSON.parse(readFileSync(file, 'utf8')) as { rules?: PermalinkRule[] };
  if (!Array.isArray(content.rules)) throw new Error(`${file} has no "rules" list`);
  return content.rules;
}

/**
 * Makes `<outDir>/r/` hold one redirect page per rule: pages a rebuild left unchanged are not
 * written again, and those of rules that are gone are removed. Returns how many pages there
 * are and how many were removed.
 */
export function writePermalinkPages(
  outDir: string,
  rules: readonly PermalinkRule[],
  base: string,
): { written: number; removed: number } {
  const root = join(outDir, 'r');
  const ids = new Set<string>();
  for (const rule of rules) {
    const id = checkRuleId(rule.id);
    ids.add(id);
    const file = join(root, id, 'index.html');
    const page = renderPermalinkPage(rule, base);
    if (existsSync(file) && readFileSync(file, 'utf8') === page) continue;
    mkdirSync(join(root, id), { recursive: true });
    writeFileSync(file, page);
  }
  const stale = existsSync(root) ? readdirSync(root).filter((name) => !ids.has(name)) : [];
  for (const name of stale) rmSync(join(root, name), { recursive: true, force: true });
  return { written: ids.size, removed: stale.length };
}

/**
 * The redirect page, byte for byte what the former `src/pages/r/[id].astro` rendered: a meta
 * refresh, a canonical link and a plain link for clients that do not follow refreshes.
 * @example renderPermalinkPage({ id, name: 'PDQ', url: '/rules/pdq/' }, '/') // → '<!DOCTYPE html>…<a href="/rules/pdq/">PDQ</a>…'
 */
export function renderPermalinkPage(rule: PermalinkRule, base: string): string {
  const target = escapeAttribute(toRulePath(rule, base));
  const name = escapeText(rule.name);
  return (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">' +
    `<link rel="icon" href="${escapeAttribute(joinBase(base, '/favicon.svg'))}" type="image/svg+xml">` +
    `<title>${name}</title><meta http-equiv="refresh" content="0; url=${target}"><link rel="canonical" href="${target}">` +
    '<style>body{font-family:system-ui,sans-serif;overflow-wrap:anywhere}</style></head>' +
    `<body><main><p>This rule's runbook is at <a href="${target}">${name}</a>.</p></main></body></html>`
  );
}

/**
 * The rule page's path under the base, taken from the exported URL's slug so an absolute
 * export URL (`site` configured) still yields the same path as the rule page links use.
 * @example toRulePath({ id, name, url: 'https://wiki.example/soc/rules/pdq/' }, '/soc/') // → '/soc/rules/pdq/'
 */
export function toRulePath(rule: PermalinkRule, base: string): string {
  const slug = RULE_URL_RE.exec(rule.url)?.[1];
  if (slug === undefined) throw new Error(`rule ${rule.id}: "${rule.url}" is not a rule page URL`);
  return joinBase(base, `/rules/${slug}/`);
}

/**
 * Answers a dev-server request for `/r/<id>/` with a redirect to the rule page; resolves to
 * false for every other request. The rule index comes from the dev server's own rules
 * export, so it is always the live content.
 */
async function redirectPermalink(
  request: IncomingMessage,
  response: ServerResponse,
  base: string,
  origin: string | undefined,
): Promise<boolean> {
  // Vite strips the base from `url` before later middleware sees it; connect keeps the original.
  const { originalUrl } = request as IncomingMessage & { originalUrl?: string };
  const id = matchPermalink(originalUrl ?? request.url ?? '', base);
  if (id === undefined || origin === undefined) return false;
  const exported = await fetch(new URL(joinBase(base, `/${RULES_EXPORT_PATH}`), origin));
  if (!exported.ok) throw new Error(`${RULES_EXPORT_PATH} answered ${exported.status}`);
  const { rules } = (await exported.json()) as { rules: PermalinkRule[] };
  const rule = rules.find((candidate) => candidate.id === id);
  if (!rule) return false;
  response.statusCode = 302;
  response.setHeader('Location', toRulePath(rule, base));
  response.end();
  return true;
}

/**
 * The lowercased rule id of a permalink request path under the base, or undefined.
 * @example matchPermalink('/soc/r/58CBBE97-F835-4677-9BEE-203B1DF29600/', '/soc/') // → '58cbbe97-f835-4677-9bee-203b1df29600'
 */
export function matchPermalink(url: string, base: string): string | undefined {
  const prefix = base.replace(TRAILING_SLASH_RE, '');
  if (!url.startsWith(`${prefix}/`)) return undefined;
  const id = PERMALINK_PATH_RE.exec(url.slice(prefix.length))?.[1]?.toLowerCase();
  return id !== undefined && RULE_ID_RE.test(id) ? id : undefined;
}

/** Prefixes a site path with the base exactly as the pages do (src/site/data.ts `withBase`). */
function joinBase(base: string, path: string): string {
  return `${base.replace(TRAILING_SLASH_RE, '')}/${path.replace(LEADING_SLASH_RE, '')}`;
}

function checkRuleId(id: string): string {
  if (!RULE_ID_RE.test(id)) throw new Error(`${RULES_EXPORT_PATH}: "${id}" is not a rule id; no permalink written`);
  return id;
}

/** Loopback URL of the dev server; a wildcard listen address is reached through loopback. */
function toOrigin(address: AddressInfo, https: boolean): string {
  const protocol = https ? 'https' : 'http';
  if (address.family === 'IPv6') {
    const host = address.address === '::' ? '::1' : address.address;
    return `${protocol}://[${host}]:${address.port}`;
  }
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
  return `${protocol}://${host}:${address.port}`;
}

/** Escapes text content as Astro does for `{expression}` children. */
function escapeText(text: string): string {
  return text.replace(TEXT_SPECIAL_RE, (character) => TEXT_ENTITIES[character] ?? character);
}

/** Escapes an attribute value as Astro does: only `&` and `"` need it inside double quotes. */
function escapeAttribute(value: string): string {
  return value.replace(ATTRIBUTE_SPECIAL_RE, (character) => (character === '&' ? '&amp;' : '&quot;'));
}
