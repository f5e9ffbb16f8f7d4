import type { APIRoute } from 'astro';
import { getProblemsSarif } from '../../site/index.ts';

export const GET: APIRoute = async () =>
  new Response(await getProblemsSarif(), { headers: { 'Content-Type': 'application/sarif+json' } });
