import type { SiteRoutes } from '../site/routes.ts';
import type { AlertNamesFile } from './alert-names-file.ts';
import { type AlertNameRule, matchAlertName } from './match-alert-name.ts';

/** The routes a resolved link can lead to besides a rule page. */
export type AlertLinkRoutes = Pick<SiteRoutes, 'search' | 'permalink'>;

const BRACES_RE = /^\{(.*)\}$/s;

/**
 * Where `/r/?name=<alert name>` or `/r/?id=<rule id>` leads: the rule's page when the id or the
 * name picks one rule (an id several files share leads to `/r/<id>/`, which lists them),
 * otherwise search with what was given. Undefined when the query names neither.
 * @example resolveAlertLink('?name=PDQ', { rules: [{ id, name: 'PDQ', path: '/rules/pdq/' }] }, routes) // → '/rules/pdq/'
 * @example resolveAlertLink('?name=Unknown', { rules: [] }, createRoutes('/')) // → '/search/?q=Unknown'
 */
export function resolveAlertLink(query: string, names: AlertNamesFile, routes: AlertLinkRoutes): string | undefined {
  const params = new URLSearchParams(query);
  const id = params.get('id')?.trim();
  const name = params.get('name');
  if (id) {
    const byId = findById(id, names.rules, routes);
    if (byId) return byId;
  }
  if (name?.trim()) {
    const match = matchAlertName(name, names.rules);
    return 'rule' in match ? match.rule.path : toSearch(name.trim(), routes);
  }
  return id ? toSearch(id, routes) : undefined;
}

/**
 * A rule id as alerts and tickets write it, in any case and with or without braces.
 * @example normalizeRuleId('{58CBBE97-F835-4677-9BEE-203B1DF29600}') // → '58cbbe97-f835-4677-9bee-203b1df29600'
 */
export function normalizeRuleId(id: string): string {
  return id.trim().replace(BRACES_RE, '$1').trim().toLowerCase();
}

function findById(
  id: string,
  rules: readonly AlertNameRule[],
  routes: Pick<SiteRoutes, 'permalink'>,
): string | undefined {
  const wanted = normalizeRuleId(id);
  const found = rules.filter((rule) => rule.id === wanted);
  const [first] = found;
  if (!first) return undefined;
  return found.every((rule) => rule.path === first.path) ? first.path : routes.permalink(wanted);
}

function toSearch(text: string, routes: Pick<SiteRoutes, 'search'>): string {
  return `${routes.search()}?q=${encodeURIComponent(text)}`;
}
