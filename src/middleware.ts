// Hands each searchable page to the build's search step as it renders (src/search/rendered-pages.ts).
// Only `huntbook build` installs a sink; the dev server and a plain `astro build` pass through.
import { defineMiddleware } from 'astro:middleware';
import { findRenderedPageSink, toSearchPagePath } from './search/rendered-pages.ts';
import { SEARCHABLE_FOLDERS } from './search/shards.ts';
import { countSearchablePages } from './site/data.ts';
import { siteConfig } from './site/settings.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const sink = context.isPrerendered ? findRenderedPageSink() : undefined;
  if (!sink || !response.ok) return response;
  const path = toSearchPagePath(context.url.pathname, siteConfig.base, SEARCHABLE_FOLDERS);
  if (!path || !response.headers.get('content-type')?.includes('text/html')) return response;
  sink.expect(await countSearchablePages());
  // A copy for the index; Astro writes the original.
  sink.add(path, await response.clone().text());
  return response;
});
