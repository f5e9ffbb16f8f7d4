import type { Tool } from '../schemas/tool.ts';

/** One row of a tool page's facts list: a label and the catalog values under it. */
export interface ToolFact {
  label: string;
  values: string[];
}

/**
 * The catalog lists of a tool a page shows, in the order an analyst checks them against an
 * alert (where it talks to, what the file calls itself, who signed it, where it lives); empty
 * lists are left out.
 * @example toToolFacts(anydesk).map((fact) => fact.label) // → ['Domains', 'Product names', …, 'Signed by', …]
 */
export function toToolFacts(tool: Tool): ToolFact[] {
  const facts: ToolFact[] = [
    { label: 'Domains', values: tool.domains },
    { label: 'Product names', values: tool.productNames },
    { label: 'Process names', values: tool.processNames },
    { label: 'Signed by', values: tool.signers },
    { label: 'Company names', values: tool.companies },
    { label: 'Install paths', values: tool.installPaths },
    { label: 'Also known as', values: tool.aliases },
  ];
  return facts.filter((fact) => fact.values.length > 0);
}
