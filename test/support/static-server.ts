import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface StaticServer {
  /** Origin plus base path, always ending in `/`, e.g. `http://127.0.0.1:41234/soc/wiki/`. */
  url: string;
  close: () => Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  // Pagefind's index fragments are opaque binary.
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

const TRAILING_SLASHES_RE = /\/+$/;

/** Serves a built site folder on 127.0.0.1 at an ephemeral port, under an optional base path. */
export async function serveStatic(root: string, base = '/'): Promise<StaticServer> {
  const rootDir = resolve(root);
  const basePath = normaliseBase(base);
  const server = createServer((request, response) => {
    handleRequest(rootDir, basePath, request, response).catch((error: unknown) => {
      if (!response.headersSent) sendText(response, 500, `Internal error: ${String(error)}`);
      else response.destroy();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    close: () => closeServer(server),
  };
}

/** Turns `soc/wiki`, `/soc/wiki` or `/soc/wiki/` into `/soc/wiki/`. */
function normaliseBase(base: string): string {
  const trimmed = base.replace(TRAILING_SLASHES_RE, '');
  if (trimmed === '') return '/';
  return `${trimmed.startsWith('/') ? '' : '/'}${trimmed}/`;
}

async function handleRequest(
  rootDir: string,
  basePath: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'Method not allowed');
    return;
  }
  const pathname = decodePathname(request.url ?? '/');
  if (pathname !== undefined && `${pathname}/` === basePath) {
    redirect(response, basePath);
    return;
  }
  if (pathname === undefined || !pathname.startsWith(basePath)) {
    sendText(response, 404, 'Not found');
    return;
  }
  const file = await resolveFile(rootDir, pathname.slice(basePath.length));
  if (file === undefined) {
    sendText(response, 404, 'Not found');
    return;
  }
  if (file.isFolder) {
    // Mirrors common static hosts: a folder without its trailing slash redirects to it.
    redirect(response, `${pathname}/`);
    return;
  }
  const body = await readFile(file.path);
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** Decodes the path of a request URL; undefined when it is malformed. */
function decodePathname(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
}

/** Finds the file for a path below the base; undefined when it does not exist or escapes the root. */
async function resolveFile(
  rootDir: string,
  subPath: string,
): Promise<{ path: string; isFolder?: boolean } | undefined> {
  const candidate = resolve(rootDir, `.${sep}${subPath}`);
  const inside = relative(rootDir, candidate);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined;
  const info = await stat(candidate).catch(() => undefined);
  if (info?.isFile()) return { path: candidate };
  if (!info?.isDirectory()) return undefined;
  if (subPath !== '' && !subPath.endsWith('/')) return { path: candidate, isFolder: true };
  const index = join(candidate, 'index.html');
  const indexInfo = await stat(index).catch(() => undefined);
  return indexInfo?.isFile() ? { path: index } : undefined;
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(301, { location: encodeURI(location) });
  response.end();
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  // Keep-alive sockets from the browser would otherwise hold close() open.
  server.closeAllConnections();
  return new Promise((resolveClose, reject) => server.close((error) => (error ? reject(error) : resolveClose())));
}

/** Every file in a built site folder, as `/`-separated paths relative to it, sorted. */
export function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

const INDEX_HTML_RE = /(^|\/)index\.html$/;

/** Every page of a built site as its path below the base, e.g. `/`, `/rules/`, `/rules/pdq/`. */
export function listPages(root: string): string[] {
  return listFiles(root)
    .filter((file) => INDEX_HTML_RE.test(file))
    .map((file) => `/${file.replace(INDEX_HTML_RE, '$1')}`);
}

/**
 * The kind of page a path is, from its first segment and whether it goes deeper, so new routes
 * are covered without listing them: `/` → `home`, `/rules/` → `rules`, `/rules/pdq/` → `rules/*`.
 */
export function pageTypeOf(path: string): string {
  const segments = path.split('/').filter(Boolean);
  if (segments.length === 0) return 'home';
  return segments.length === 1 ? (segments[0] as string) : `${segments[0]}/*`;
}

/** The largest page of each page type: the one that exercises the most of its template. */
export function pickOnePerType(root: string, paths: readonly string[] = listPages(root)): Map<string, string> {
  const byType = new Map<string, { path: string; size: number }>();
  for (const path of [...paths].sort()) {
    const type = pageTypeOf(path);
    const size = statSync(join(root, path, 'index.html')).size;
    const best = byType.get(type);
    if (best === undefined || size > best.size) byType.set(type, { path, size });
  }
  return new Map([...byType].map(([type, { path }]) => [type, path]));
}

const REFRESH_URL_RE = /<meta http-equiv="?refresh"? content="\d+;\s*url=([^"]+)"/i;

/** Where a built page's meta refresh points, as given in the page (e.g. `/rules/pdq/`); undefined when it has none. */
export function readRefreshTarget(root: string, path: string): string | undefined {
  return REFRESH_URL_RE.exec(readFileSync(join(root, path, 'index.html'), 'utf8'))?.[1];
}
