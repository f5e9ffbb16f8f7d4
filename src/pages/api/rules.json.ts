import type { APIRoute } from 'astro';
import { toRulesExport } from '../../coverage/exports.ts';
import { getSiteModel, toExportUrl } from '../../site/data.ts';

export const GET: APIRoute = async () => {
  const { rules } = await getSiteModel();
  const body = { rules: toRulesExport(rules, toExportUrl) };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
