import type { APIRoute } from 'astro';
import { getLookupIndex } from '../../site/index.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify((await getLookupIndex()).manifest), { headers: { 'Content-Type': 'application/json' } });
