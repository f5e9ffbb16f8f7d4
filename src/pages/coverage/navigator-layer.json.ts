import type { APIRoute } from 'astro';
import { getSiteModel, siteConfig, toExportUrl } from '../../data/site.ts';
import { loadAttackIndex } from '../../lib/attack-fs.ts';
import { buildNavigatorLayer } from '../../lib/navigator-layer.ts';

export const GET: APIRoute = async () => {
  const { rules } = await getSiteModel();
  const layer = buildNavigatorLayer(rules, loadAttackIndex(), { title: siteConfig.title, toUrl: toExportUrl });
  return new Response(`${JSON.stringify(layer, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
