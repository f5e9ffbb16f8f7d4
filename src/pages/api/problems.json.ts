import type { APIRoute } from 'astro';
import { getProblemsJson } from '../../site/index.ts';

export const GET: APIRoute = async () =>
  new Response(await getProblemsJson(), { headers: { 'Content-Type': 'application/json' } });
