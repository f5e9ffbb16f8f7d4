import type { APIRoute, GetStaticPaths } from 'astro';
import { type ExtraLayer, getNavigatorLayerJson, listExtraLayers } from '../../site/index.ts';

/** One layer per ATT&CK domain besides Enterprise that rules map to, e.g. `navigator-layer-ics.json`. */
export const getStaticPaths = (async () =>
  (await listExtraLayers()).map((layer) => ({
    params: { matrix: layer.suffix },
    props: { layer },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ layer: ExtraLayer }> = async ({ props }) =>
  new Response(await getNavigatorLayerJson(props.layer.domain), { headers: { 'Content-Type': 'application/json' } });
