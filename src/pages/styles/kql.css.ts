import type { APIRoute } from 'astro';
import { buildKqlThemeCss } from '../../site/index.ts';

// A file, not a `<style>` in each rule page: the Content-Security-Policy allows stylesheets from
// the site itself without a hash to keep in step, and readers' browsers cache it once.
export const GET: APIRoute = async () =>
  new Response(await buildKqlThemeCss(), { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
