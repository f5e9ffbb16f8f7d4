import { getSiteModel } from './data.ts';
import type { PermalinkTarget } from './permalink-targets.ts';
import { toPermalinkTargets } from './permalink-targets.ts';
import { routes } from './settings.ts';

/**
 * The permanent links of the live site model, for the dev server's `/r/<id>/` redirects
 * (src/integrations/permalinks.ts), which run before any page has built the model.
 * @example (await getPermalinkTargets()).find((target) => target.id === id)?.path // → '/rules/pdq/'
 */
export async function getPermalinkTargets(): Promise<PermalinkTarget[]> {
  return toPermalinkTargets((await getSiteModel()).rules, routes);
}
