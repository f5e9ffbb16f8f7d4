/**
 * What the lookup index is built from, read off the site model: each rule with the literal
 * values its query matches, and each catalogued tool with its facts.
 */
import type { KqlIndicatorKind } from '../kql/analysis.ts';
import { listSigmaValues } from '../model/sigma-evidence.ts';
import type { RuleView, SiteModel } from '../model/site-model.ts';
import type { SiteRoutes } from '../site/routes.ts';
import type { LookupRuleSource, LookupToolSource } from './lookup-index.ts';

/** Catalog fields that hold lists of facts. */
const TOOL_LIST_FIELDS = [
  'domains',
  'productNames',
  'processNames',
  'aliases',
  'signers',
  'companies',
  'installPaths',
] as const;

/**
 * The lookup's sources from the site model; tools known only from rule names have no facts.
 * @example toLookupSources(model, routes).tools[0] // → { title: 'AnyDesk', url: '/tools/anydesk/', facts: { domains: ['*.anydesk.com'], … } }
 */
export function toLookupSources(
  model: Pick<SiteModel, 'rules' | 'tools'>,
  routes: Pick<SiteRoutes, 'rule' | 'tool'>,
): { rules: LookupRuleSource[]; tools: LookupToolSource[] } {
  return {
    rules: model.rules.map((rule) => ({
      title: rule.name,
      url: routes.rule(rule.slug),
      id: rule.id,
      indicators: [...(rule.analysis?.indicators ?? []), ...listSigmaIndicators(rule)],
    })),
    tools: model.tools
      .filter((view) => view.catalogued)
      .map(({ tool }) => {
        const fields = tool as unknown as Record<string, unknown>;
        const facts: Record<string, string[]> = { name: [tool.name] };
        if (tool.vendor) facts.vendor = [tool.vendor];
        for (const field of TOOL_LIST_FIELDS) {
          const values = fields[field];
          if (Array.isArray(values)) facts[field] = values.filter((value) => typeof value === 'string');
        }
        return { title: tool.name, url: routes.tool(tool.id), facts };
      }),
  };
}

/** Sigma fields whose values are file names or paths, and those whose values are host names. */
const SIGMA_FILE_FIELD_RE =
  /^(?:Image|ParentImage|OriginalFileName|TargetFilename|ImageLoaded|SourceImage|TargetImage)$/i;
const SIGMA_HOST_FIELD_RE = /^(?:DestinationHostname|QueryName|SourceHostname|Hostname)$/i;

/**
 * Every value a Sigma rule's detection tests, as indicators keyed by their Sigma field: also
 * for a rule without a conversion, whose page has no query to take literals from. Wildcards
 * and the dot before a domain suffix (`.anydesk.com`) are left off.
 * @example listSigmaIndicators(sigmaRule) // → [{ value: '\\AnyDesk.exe', kind: 'process', column: 'Image' }, …]
 */
export function listSigmaIndicators(
  rule: Pick<RuleView, 'sigma'>,
): { value: string; kind: KqlIndicatorKind; column?: string }[] {
  return listSigmaValues(rule.sigma?.summary, { negated: true }).flatMap(({ field = '', value: raw }) => {
    const value = raw.replace(/^[*?]+|[*?]+$/g, '');
    const kind: KqlIndicatorKind = SIGMA_FILE_FIELD_RE.test(field)
      ? 'process'
      : SIGMA_HOST_FIELD_RE.test(field)
        ? 'domain'
        : 'other';
    const cleaned = kind === 'domain' ? value.replace(/^\.+/, '') : value;
    return cleaned ? [{ value: cleaned, kind, ...(field ? { column: field } : {}) }] : [];
  });
}
