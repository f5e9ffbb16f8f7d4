import { hasPermalink } from '../schemas/rule-id.ts';
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
  /** The rule's alert display-name format, when it has one (src/alert-names/). */
  format?: string;
  /** The rule page's path under the base. */
  path: string;
  /** When several rule files share the id: each of them, first file first; the link lists them. */
  rules?: { name: string; format?: string; path: string; file: string }[];
}

/** What a permanent link needs of a rule; `key` and `file` tell rules that share an id apart. */
export interface PermalinkRule {
  id: string;
  name: string;
  alertNameFormat?: string;
  slug: string;
  key?: string;
  file?: string;
}

/**
 * The permanent links of the site's rules, sorted by id so the file changes only with the rules.
 * An id several rules share is one link listing them; an id that cannot be a folder name has none.
 * @example toPermalinkTargets([{ id: '58cb…', name: 'PDQ', slug: 'pdq' }], createRoutes('/soc/')) // → [{ id: '58cb…', name: 'PDQ', path: '/soc/rules/pdq/' }]
 */
export function toPermalinkTargets(
  rules: readonly PermalinkRule[],
  routes: Pick<SiteRoutes, 'rule'>,
): PermalinkTarget[] {
  const byId = new Map<string, PermalinkRule[]>();
  for (const rule of rules) {
    if (hasPermalink(rule.id)) byId.set(rule.id, [...(byId.get(rule.id) ?? []), rule]);
  }
  return [...byId]
    .map(([id, sharing]): PermalinkTarget => {
      const [first, ...others] = sortFirstFileFirst(sharing) as [PermalinkRule, ...PermalinkRule[]];
      const target = { id, name: first.name, ...withFormat(first), path: routes.rule(first.slug) };
      if (others.length === 0) return target;
      const listed = [first, ...others].map((rule) => ({
        name: rule.name,
        ...withFormat(rule),
        path: routes.rule(rule.slug),
        file: rule.file ?? '',
      }));
      return { ...target, rules: listed };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The format, only when the rule has one, so the targets file stays small. */
function withFormat(rule: PermalinkRule): { format?: string } {
  return rule.alertNameFormat === undefined ? {} : { format: rule.alertNameFormat };
}

/** The first file's rule is keyed by the bare id, the others by the id and a suffix (src/model/rule-key.ts). */
function sortFirstFileFirst(rules: readonly PermalinkRule[]): PermalinkRule[] {
  const keyOf = (rule: PermalinkRule) => rule.key ?? rule.id;
  return [...rules].sort((a, b) => keyOf(a).length - keyOf(b).length || keyOf(a).localeCompare(keyOf(b)));
}
