import type { APIRoute } from 'astro';
import { getGapsCsv } from '../../site/index.ts';

export const GET: APIRoute = async () =>
  new Response(await getGapsCsv(), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
