import type { SiteRoutes } from './routes.ts';

/**
 * The build-cache file through which the site model tells the permalinks integration which
 * `/r/<id>/` redirects to write. Private to the build: outside tools read `api/rules.json`.
 */
export const PERMALINK_TARGETS_FILE = 'permalink-targets.json';

/** Where one permanent link leads. */
export interface PermalinkTarget {
  /** The rule id, lowercased by the rule schema. */
  id: string;
  name: string;
  /** The rule page's path under the base. */
  path: string;
}

/**
 * The permanent links of the site's rules, sorted by id so the file changes only with the rules.
 * @example toPermalinkTargets([{ id: '58cb…', name: 'PDQ', slug: 'pdq' }], createRoutes('/soc/')) // → [{ id: '58cb…', name: 'PDQ', path: '/soc/rules/pdq/' }]
 */
export function toPermalinkTargets(
  rules: readonly { id: string; name: string; slug: string }[],
  routes: Pick<SiteRoutes, 'rule'>,
): PermalinkTarget[] {
  return rules
    .map((rule) => ({ id: rule.id, name: rule.name, path: routes.rule(rule.slug) }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
