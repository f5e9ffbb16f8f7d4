/** The shapes the Sigma conversion module reads and returns; index.ts re-exports them. */

export interface SigmaLogsource {
  category?: string;
  product?: string;
  service?: string;
}

/** One field test of a selection; `field` absent for a keyword. Values as written (strings, numbers, booleans, null). */
export interface DetectionItem {
  field?: string;
  modifiers: string[];
  values: (string | number | boolean | null)[];
}

/**
 * A named search identifier: its groups are OR-ed, the items in a group AND-ed (a map is one group;
 * a list of maps is several; a list of plain values is one keyword item).
 */
export interface DetectionSelection {
  name: string;
  groups: DetectionItem[][];
}

export interface DetectionSummary {
  selections: DetectionSelection[];
  condition: string[];
  timeframe?: string;
}

/** `reason` reads after "no KQL conversion: ", e.g. "the modifier 'base64offset' is not supported". */
export type SigmaConversion = { ok: true; kql: string; table: string } | { ok: false; reason: string };

export type DetectionValue = DetectionItem['values'][number];
