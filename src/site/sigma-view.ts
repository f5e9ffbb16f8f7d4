import { highlightYaml } from '../kql/highlight-yaml.ts';
import type { RuleView } from '../model/site-model.ts';
import type { SigmaFacet } from '../schemas/sigma-rule.ts';
import type { DetectionItem } from '../sigma/index.ts';

/** A Sigma rule's page section, ready to print: the highlighted file, the detection in words and the metadata. */
export interface SigmaView {
  html: string;
  kindLabel: string;
  selections: SelectionView[];
  condition: string[];
  timeframe?: string;
  facts: { term: string; value: string }[];
  references: { text: string; href?: string }[];
  related: { id: string; type?: string; href?: string }[];
}

/**
 * A selection in words: the field tests it needs (`all`), or its alternatives, of which one is
 * enough (`any`); an alternative of several tests reads as them joined with "and".
 */
export interface SelectionView {
  name: string;
  match: 'all' | 'any';
  tests: string[];
}

const HTTP_RE = /^https?:\/\//i;

/**
 * The Sigma section of a rule page; a related id links to its rule's permanent link when the
 * site publishes that rule (`known`, from the site model).
 */
export async function getSigmaView(sigma: SigmaFacet, permalink: (id: string) => string): Promise<SigmaView> {
  const { logsource } = sigma;
  const facts = [
    ['Status', sigma.status],
    ['Level', sigma.level],
    ['Author', sigma.author],
    ['Date', sigma.date],
    ['Modified', sigma.modified],
    [
      'Log source',
      [
        logsource.product && `product: ${logsource.product}`,
        logsource.category && `category: ${logsource.category}`,
        logsource.service && `service: ${logsource.service}`,
      ]
        .filter(Boolean)
        .join(', ') || undefined,
    ],
    ['Labels', sigma.labels.join(', ') || undefined],
    ['Fields', sigma.fields.join(', ') || undefined],
  ].flatMap(([term, value]) => (value ? [{ term: term as string, value }] : []));
  return {
    html: await highlightYaml(sigma.yaml, 'Sigma rule'),
    kindLabel:
      sigma.kind === 'rule' ? 'Sigma rule' : sigma.kind === 'correlation' ? 'Sigma correlation rule' : 'Sigma filter',
    selections: (sigma.summary?.selections ?? []).map((selection) => toSelectionView(selection.name, selection.groups)),
    condition: sigma.summary?.condition ?? [],
    ...(sigma.summary?.timeframe ? { timeframe: sigma.summary.timeframe } : {}),
    facts,
    references: sigma.references.map((text) => (HTTP_RE.test(text) ? { text, href: text } : { text })),
    related: sigma.related.map(({ id, type, known }) => ({
      id,
      ...(type ? { type } : {}),
      ...(known ? { href: permalink(id) } : {}),
    })),
  };
}

/**
 * @example toSelectionView('selection', [[{ field: 'Image', modifiers: ['endswith'], values: ['\\AnyDesk.exe'] }], [{ field: 'Product', modifiers: [], values: ['AnyDesk'] }]]) // → { name: 'selection', match: 'any', tests: ['Image endswith \\AnyDesk.exe', 'Product is AnyDesk'] }
 */
export function toSelectionView(name: string, groups: readonly (readonly DetectionItem[])[]): SelectionView {
  if (groups.length === 1) return { name, match: 'all', tests: (groups[0] ?? []).map(describeItem) };
  return { name, match: 'any', tests: groups.map((group) => group.map(describeItem).join(' and ')) };
}

/**
 * One field test in words: `Image endswith \AnyDesk.exe`, `CommandLine contains all of a, b`.
 * @example describeItem({ field: 'Image', modifiers: ['endswith'], values: ['\\AnyDesk.exe'] }) // → 'Image endswith \\AnyDesk.exe'
 */
export function describeItem(item: DetectionItem): string {
  const values = item.values.map((value) => (value === null ? '(empty)' : String(value)));
  const all = item.modifiers.includes('all');
  const modifiers = item.modifiers.filter((modifier) => modifier !== 'all');
  const operator = modifiers.length > 0 ? modifiers.join(' ') : item.field ? 'is' : 'keyword';
  const joined = values.length > 1 ? `${all ? 'all of' : 'any of'} ${values.join(', ')}` : (values[0] ?? '');
  return `${item.field ?? ''} ${operator} ${joined}`.trim();
}

/** The false-positive scenarios a Sigma rule lists, shaped as a runbook's (the runbook's come first). */
export function toSigmaFalsePositives(rule: Pick<RuleView, 'sigma'>): { scenario: string; exclusion: string }[] {
  return (rule.sigma?.falsePositives ?? []).map((scenario) => ({ scenario, exclusion: '' }));
}
