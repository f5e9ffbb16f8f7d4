import type { KqlAnalysis, KqlIndicatorKind } from './analysis.ts';

const KIND_LABELS: Record<KqlIndicatorKind, string> = {
  domain: 'Domains',
  ip: 'IP addresses',
  process: 'Processes',
  product: 'Product names',
  signer: 'Signers',
  path: 'Paths',
  other: 'Other values',
};

export interface IndicatorGroup {
  label: string;
  items: { value: string; column?: string }[];
}

/**
 * Groups a query's indicators by kind in the order an analyst checks them: domains and IPs,
 * then processes, products and signers.
 */
export function groupIndicators(analysis: KqlAnalysis): IndicatorGroup[] {
  return (Object.keys(KIND_LABELS) as KqlIndicatorKind[])
    .map((kind) => ({
      label: KIND_LABELS[kind],
      items: analysis.indicators.filter((i) => i.kind === kind).map(({ value, column }) => ({ value, column })),
    }))
    .filter((group) => group.items.length > 0);
}
