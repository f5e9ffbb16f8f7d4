import { ALERT_NAMES_FILE } from '../alert-names/alert-names-file.ts';
import type { AttackDomain } from '../attack/attack.ts';

const TRAILING_SLASH_RE = /\/$/;
const LEADING_SLASH_RE = /^\//;

/** Every page and file of the site, each as a function of what tells one page from another. */
export interface SiteRoutes {
  home(): string;
  rules(): string;
  /** A rule's runbook page. */
  rule(slug: string): string;
  /** A rule's permanent link, which redirects to its page whatever the rule is called. */
  permalink(id: string): string;
  /** The page that turns `?name=<alert name>` or `?id=<rule id>` into the rule's page (src/alert-names/). */
  alertLink(): string;
  /** The rule names and display-name formats that page resolves names with. */
  alertNames(): string;
  tools(): string;
  tool(id: string): string;
  technique(id: string): string;
  coverage(): string;
  /** The ATT&CK heatmap. */
  attackCoverage(): string;
  search(): string;
  /** The folder of the search index and Pagefind's scripts. */
  searchBundle(): string;
  /** The folder of the indicator lookup index: `manifest.json` and its shards `<n>.json`. */
  lookupIndex(): string;
  favicon(): string;
  /** The stylesheet of highlighted queries (src/pages/styles/kql.css.ts). */
  kqlStylesheet(): string;
  /** The Navigator layer of one ATT&CK domain; Enterprise's keeps the address it always had. */
  navigatorLayer(domain?: AttackDomain): string;
  gapsCsv(): string;
  rulesExport(): string;
  /** The content health page: every finding of the build. */
  problems(): string;
  problemsJson(): string;
  problemsSarif(): string;
}

/**
 * The file name of a domain's Navigator layer.
 * @example toNavigatorLayerFile('enterprise-attack') // → 'navigator-layer.json'
 * @example toNavigatorLayerFile('ics-attack') // → 'navigator-layer-ics.json'
 */
export function toNavigatorLayerFile(domain: AttackDomain): string {
  return domain === 'enterprise-attack' ? 'navigator-layer.json' : `navigator-layer-${toLayerSuffix(domain)}.json`;
}

/**
 * The short name a non-Enterprise layer's file carries.
 * @example toLayerSuffix('mobile-attack') // → 'mobile'
 */
export function toLayerSuffix(domain: AttackDomain): string {
  return domain.replace(/-attack$/, '');
}

/**
 * Prefixes a site path with a base path, e.g. `/rules/` under `/soc/` → `/soc/rules/`.
 * @example joinBase('/soc/wiki/', '/favicon.svg') // → '/soc/wiki/favicon.svg'
 * @example joinBase('/', '/rules/') // → '/rules/'
 */
export function joinBase(base: string, path: string): string {
  return `${base.replace(TRAILING_SLASH_RE, '')}/${path.replace(LEADING_SLASH_RE, '')}`;
}

/**
 * The site's routes under `base`; with `origin`, absolute URLs on that origin instead, for
 * exports that leave the site (Navigator layers, the rules API) and are opened from other tools.
 * @example createRoutes('/soc/').rule('pdq') // → '/soc/rules/pdq/'
 * @example createRoutes('/soc/', 'https://wiki.example').permalink('58cbbe97-…') // → 'https://wiki.example/soc/r/58cbbe97-…/'
 */
export function createRoutes(base: string, origin?: string): SiteRoutes {
  const at = (path: string) => {
    const local = joinBase(base, path);
    return origin ? new URL(local, origin).href : local;
  };
  return {
    home: () => at('/'),
    rules: () => at('/rules/'),
    rule: (slug) => at(`/rules/${slug}/`),
    permalink: (id) => at(`/r/${id}/`),
    alertLink: () => at('/r/'),
    alertNames: () => at(`/r/${ALERT_NAMES_FILE}`),
    tools: () => at('/tools/'),
    tool: (id) => at(`/tools/${id}/`),
    technique: (id) => at(`/techniques/${id}/`),
    coverage: () => at('/coverage/'),
    attackCoverage: () => at('/coverage/attack/'),
    search: () => at('/search/'),
    searchBundle: () => at('/pagefind/'),
    lookupIndex: () => at('/lookup/'),
    favicon: () => at('/favicon.svg'),
    kqlStylesheet: () => at('/styles/kql.css'),
    navigatorLayer: (domain = 'enterprise-attack') => at(`/coverage/${toNavigatorLayerFile(domain)}`),
    gapsCsv: () => at('/coverage/gaps.csv'),
    rulesExport: () => at('/api/rules.json'),
    problems: () => at('/problems/'),
    problemsJson: () => at('/api/problems.json'),
    problemsSarif: () => at('/api/problems.sarif'),
  };
}
