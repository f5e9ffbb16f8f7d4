import type { APIRoute } from 'astro';
import { loadAttackIndex } from '../../attack/attack-fs.ts';
import { buildNavigatorLayer } from '../../attack/navigator-layer.ts';
import { getSiteModel, siteConfig, toExportUrl } from '../../site/data.ts';

export const GET: APIRoute = async () => {
  const { rules } = await getSiteModel();
  const layer = buildNavigatorLayer(rules, loadAttackIndex(), { title: siteConfig.title, toUrl: toExportUrl });
  return new Response(`${JSON.stringify(layer, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
