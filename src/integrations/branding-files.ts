/**
 * The logo and stylesheet named in the settings, in the site: copied into the output folder when
 * the build is done (so the output folder's manifest lists them as Huntbook's), and answered from
 * the files themselves by the dev server, so an edit shows on reload.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { BrandingFile } from '../site/branding.ts';
import { joinBase } from '../site/routes.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.css': 'text/css; charset=utf-8',
};

export interface BrandingFilesOptions {
  /** The configured base path, e.g. `/` or `/soc/wiki/`. */
  base: string;
  /** From `listBrandingFiles(site.branding)`. */
  files: readonly BrandingFile[];
}

/**
 * The Astro integration.
 * @example defineConfig({ integrations: [brandingFiles({ base: site.base, files: listBrandingFiles(site.branding) })] })
 */
export function brandingFiles(options: BrandingFilesOptions): AstroIntegration {
  return {
    name: 'huntbook-branding-files',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          if (!serveBrandingFile(request, response, options)) next();
        });
      },
      'astro:build:done': ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        for (const { source, file } of options.files) {
          mkdirSync(dirname(join(outDir, file)), { recursive: true });
          copyFileSync(source, join(outDir, file));
        }
        if (options.files.length > 0) logger.info(`${options.files.map(({ file }) => file).join(', ')} copied`);
      },
    },
  };
}

/** Answers a dev-server request for a branding file; false for every other request. */
function serveBrandingFile(request: IncomingMessage, response: ServerResponse, options: BrandingFilesOptions): boolean {
  // Vite strips the base from `url` before later middleware sees it; connect keeps the original.
  const { originalUrl } = request as IncomingMessage & { originalUrl?: string };
  const path = (originalUrl ?? request.url ?? '').split(/[?#]/)[0];
  const match = options.files.find(({ file }) => joinBase(options.base, file) === path);
  if (!match) return false;
  response.statusCode = 200;
  response.setHeader('Content-Type', CONTENT_TYPES[extname(match.file)] ?? 'application/octet-stream');
  response.setHeader('Cache-Control', 'no-cache');
  response.end(readFileSync(match.source));
  return true;
}
