import { toKeySuffix } from './rule-key.ts';

const COMBINING_MARK_RE = /\p{M}+/gu;
const NON_SLUG_RE = /[^a-z0-9]+/g;
const EDGE_DASH_RE = /^-+|-+$/g;
const MAX_SLUG_LENGTH = 100;

/**
 * Makes a URL segment from a name: lowercase ASCII letters, digits and dashes; accents are
 * dropped (`Ü` → `u`) so German and French rule names give readable URLs.
 * @example toSlug('Remote Management and Monitoring tool - PDQ - Network Connection')
 *   // → 'remote-management-and-monitoring-tool-pdq-network-connection'
 */
export function toSlug(text: string): string {
  const slug = text
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(COMBINING_MARK_RE, '')
    .toLowerCase()
    .replace(NON_SLUG_RE, '-')
    .replace(EDGE_DASH_RE, '');
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  // Cut at a word boundary so a long name still reads as words.
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 0 ? cut.slice(0, lastDash) : cut.slice(0, MAX_SLUG_LENGTH)).replace(EDGE_DASH_RE, '');
}

export interface SlugAssignment {
  /** Slug of each rule key (src/model/rule-key.ts). */
  slugByKey: Map<string, string>;
  /** Name slugs shared by several rules, with their keys: each gets a page that lists them. */
  sharedSlugs: Map<string, string[]>;
}

/**
 * Gives every rule a slug from its name. A rule's URL must not depend on which other rules
 * exist, so when names collide every rule in the collision gets the first block of its id
 * appended (`…-58cbbe97`), and the bare slug becomes a page that lists them all. A rule whose
 * id an earlier file has too gets what its key adds to the id as well (`…-58cbbe97-1c2d3e4f`).
 * Rules without a key are keyed by their id.
 */
export function assignRuleSlugs(rules: readonly { key?: string; id: string; name: string }[]): SlugAssignment {
  const rulesBySlug = new Map<string, { key: string; id: string }[]>();
  for (const rule of rules) {
    const slug = toSlug(rule.name) || 'rule';
    rulesBySlug.set(slug, [...(rulesBySlug.get(slug) ?? []), { key: rule.key ?? rule.id, id: rule.id }]);
  }
  const slugByKey = new Map<string, string>();
  const sharedSlugs = new Map<string, string[]>();
  for (const [slug, keyed] of rulesBySlug) {
    if (keyed.length === 1 && slug !== 'rule') {
      slugByKey.set((keyed[0] as { key: string }).key, slug);
      continue;
    }
    if (keyed.length > 1) sharedSlugs.set(slug, keyed.map(({ key }) => key).sort());
    for (const { key, id } of keyed) slugByKey.set(key, `${slug}-${toSlug(id.slice(0, 8))}${toKeySuffix(key, id)}`);
  }
  return { slugByKey, sharedSlugs };
}
