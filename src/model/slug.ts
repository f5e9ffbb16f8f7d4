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
  /** Slug of each rule id. */
  slugById: Map<string, string>;
  /** Name slugs shared by several rules, with their ids: each gets a page that lists them. */
  sharedSlugs: Map<string, string[]>;
}

/**
 * Gives every rule a slug from its name. A rule's URL must not depend on which other rules
 * exist, so when names collide every rule in the collision gets the first block of its id
 * appended (`…-58cbbe97`), and the bare slug becomes a page that lists them all.
 */
export function assignRuleSlugs(rules: readonly { id: string; name: string }[]): SlugAssignment {
  const idsBySlug = new Map<string, string[]>();
  for (const rule of rules) {
    const slug = toSlug(rule.name) || 'rule';
    idsBySlug.set(slug, [...(idsBySlug.get(slug) ?? []), rule.id]);
  }
  const slugById = new Map<string, string>();
  const sharedSlugs = new Map<string, string[]>();
  for (const [slug, ids] of idsBySlug) {
    if (ids.length === 1 && slug !== 'rule') {
      slugById.set(ids[0] as string, slug);
      continue;
    }
    if (ids.length > 1) sharedSlugs.set(slug, [...ids].sort());
    for (const id of ids) slugById.set(id, `${slug}-${id.slice(0, 8)}`);
  }
  return { slugById, sharedSlugs };
}
