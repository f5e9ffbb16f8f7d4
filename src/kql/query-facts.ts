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

/**
 * Says when a query filters on Defender XDR's `Timestamp` without Sentinel's `TimeGenerated`:
 * such a rule was written for advanced hunting, and in Sentinel its time range depends on the
 * column the workspace's time picker does not use.
 */
export function describeTimeColumn(analysis: KqlAnalysis): string | undefined {
  if (!analysis.usesTimestamp || analysis.usesTimeGenerated) return undefined;
  return 'This query uses Defender XDR’s Timestamp column and not TimeGenerated, the time column Microsoft Sentinel rules use; check its time filter before running it as a Sentinel rule.';
}
