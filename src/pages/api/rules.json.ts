import type { APIRoute } from 'astro';
import { getSiteModel, toExportUrl } from '../../data/site.ts';
import { toRulesExport } from '../../lib/exports.ts';

export const GET: APIRoute = async () => {
  const { rules } = await getSiteModel();
  const body = { rules: toRulesExport(rules, toExportUrl) };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
