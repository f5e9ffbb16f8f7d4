/**
 * What `astro dev` does beyond a build: pages learn that they render in the dev server (where a
 * content error is shown on the page instead of failing), unknown addresses get a page that
 * lists the content errors (a rule whose file is broken has no page until it is fixed), and
 * search is answered from the last build's index, since Pagefind indexes built HTML.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { createRoutes } from '../site/routes.ts';

export interface DevServerOptions {
  /** The configured base path, e.g. `/` or `/soc/wiki/`. */
  base: string;
  /** The output folder of `huntbook build`, whose `pagefind/` search index the dev server serves. */
  outDir: string;
}

/** Pagefind's bundle: scripts must come as JavaScript to run as modules, the rest is data. */
const BUNDLE_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

const NOT_FOUND_PAGE = fileURLToPath(new URL('./dev-not-found.astro', import.meta.url));
const QUERY_RE = /[?#].*$/;

/**
 * The Astro integration.
 * @example defineConfig({ integrations: [devServer({ base: site.base, outDir: site.outDir })] })
 */
export function devServer(options: DevServerOptions): AstroIntegration {
  return {
    name: 'huntbook-dev-server',
    hooks: {
      'astro:config:setup': ({ command, updateConfig, injectRoute }) => {
        // `import.meta.env.DEV` is true while a build prerenders too; the command is not.
        updateConfig({
          vite: { define: { 'import.meta.env.HUNTBOOK_DEV_SERVER': JSON.stringify(command === 'dev') } },
        });
        if (command === 'dev') injectRoute({ pattern: '/404', entrypoint: NOT_FOUND_PAGE });
      },
      'astro:server:setup': ({ server }) => {
        const bundleDir = join(options.outDir, 'pagefind');
        const bundlePath = createRoutes(options.base).searchBundle();
        server.middlewares.use((request, response, next) => {
          if (!serveBundleFile(request, response, bundlePath, bundleDir)) next();
        });
      },
    },
  };
}

/** Answers a request under the bundle path with the file of the last build's index; false when there is none. */
function serveBundleFile(
  request: IncomingMessage,
  response: ServerResponse,
  bundlePath: string,
  bundleDir: string,
): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  // Vite strips the base from `url` before later middleware sees it; connect keeps the original.
  const { originalUrl } = request as IncomingMessage & { originalUrl?: string };
  const file = toBundleFile(originalUrl ?? request.url ?? '', bundlePath, bundleDir);
  const size = file === undefined ? undefined : statSync(file, { throwIfNoEntry: false });
  if (file === undefined || !size?.isFile()) return false;
  response.statusCode = 200;
  response.setHeader('Content-Type', BUNDLE_CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
  response.setHeader('Content-Length', size.size);
  // A rebuild replaces the index while the server runs.
  response.setHeader('Cache-Control', 'no-cache');
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
  return true;
}

/**
 * The file inside `bundleDir` that a request path under `bundlePath` names, or undefined for
 * any other path and for one that would leave the folder.
 * @example toBundleFile('/soc/pagefind/pagefind.js?v=1', '/soc/pagefind/', '/repo/dist/pagefind') // → '/repo/dist/pagefind/pagefind.js'
 */
export function toBundleFile(url: string, bundlePath: string, bundleDir: string): string | undefined {
  const path = url.replace(QUERY_RE, '');
  if (!path.startsWith(bundlePath)) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(path.slice(bundlePath.length));
  } catch {
    return undefined;
  }
  const root = resolve(bundleDir);
  const file = resolve(root, name);
  const inside = relative(root, file);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) || name.includes('\0') ? undefined : file;
}
