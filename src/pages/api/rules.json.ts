import type { APIRoute } from 'astro';
import { getRulesExportJson } from '../../site/index.ts';

export const GET: APIRoute = async () =>
  new Response(await getRulesExportJson(), { headers: { 'Content-Type': 'application/json' } });
