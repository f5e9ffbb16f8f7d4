import { type DetectionSummary, listSelectionValues } from '../sigma/index.ts';

/** `not name`, `not 1 of name*`, `not all of them`: what a condition negates. */
const NEGATED_RE = /\bnot\s+(?:(?:1|all|any)\s+of\s+)?([\w*]+)/gi;

/**
 * The values a Sigma rule's detection looks for, each with its field, for tool matching: the
 * values of selections the condition negates (`not filter_admin`) are left out, because
 * excluding a tool is no evidence of it. A selection negated in one condition and not in
 * another is left out too: this reads the condition's words, not its logic.
 * @example listSigmaEvidence({ selections: [sel('selection', 'Image', '\\AnyDesk.exe'), sel('filter', 'Image', '\\TeamViewer.exe')], condition: ['selection and not filter'] })
 *   // → [{ field: 'Image', value: '\\AnyDesk.exe' }]
 */
export function listSigmaEvidence(summary: DetectionSummary | undefined): { field?: string; value: string }[] {
  return listSigmaValues(summary, { negated: false });
}

/**
 * Every text or number a Sigma rule's detection tests, with its field; with `negated: false`,
 * not those of selections its condition negates.
 */
export function listSigmaValues(
  summary: DetectionSummary | undefined,
  { negated: withNegated }: { negated: boolean },
): { field?: string; value: string }[] {
  if (!summary) return [];
  const negated = withNegated
    ? []
    : summary.condition.flatMap((condition) =>
        [...condition.matchAll(NEGATED_RE)].map((match) => toNamePattern(match[1] as string)),
      );
  return listSelectionValues(
    summary.selections.filter((selection) => !negated.some((pattern) => pattern.test(selection.name))),
  ).flatMap(({ field, value }) => (value === '' ? [] : [{ ...(field ? { field } : {}), value }]));
}

/** `filter_*` → a pattern over selection names; `them` is every selection. */
function toNamePattern(name: string): RegExp {
  if (name.toLowerCase() === 'them') return /^/;
  const source = name
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}
