import type { APIRoute } from 'astro';
import { getNavigatorLayerJson } from '../../site/index.ts';

export const GET: APIRoute = async () =>
  new Response(await getNavigatorLayerJson(), { headers: { 'Content-Type': 'application/json' } });
