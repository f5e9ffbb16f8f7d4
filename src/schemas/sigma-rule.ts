import { z } from 'astro/zod';
import type { DetectionSummary, SigmaConversion, SigmaLogsource } from '../sigma/index.ts';

/** A Sigma list field: one string or a list; items that are not text are read as text. */
const textListSchema = z
  .unknown()
  .optional()
  .transform((value) =>
    (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value])
      .filter((item) => item !== null && item !== undefined && typeof item !== 'object')
      .map((item) => String(item).trim())
      .filter(Boolean),
  );

/** A scalar Sigma field (status, level, author, dates): text as written; a number is read as text. */
const textSchema = z
  .union([z.string(), z.number()])
  .optional()
  .transform((value) => (value === undefined ? undefined : String(value).trim() || undefined));

/**
 * A Sigma rule (the Sigma rule specification, SigmaHQ's conventions). The specification
 * requires `title`, `logsource` and `detection` with a `condition`; here each is a warning when
 * missing (src/checks/validate-sigma-rule.ts), and a field of the wrong shape is named in a
 * warning and left out, so every Sigma file that is a YAML mapping is published. Unknown fields are kept.
 */
export const sigmaRuleSchema = z.looseObject({
  /** Short title, shown as the rule's name. */
  title: textSchema,
  /** A UUID; `/r/<id>/` links to the rule. */
  id: z.unknown().optional(),
  /** Other rules this one derives from, replaces, renames…: `{id, type}`. */
  related: z
    .array(z.looseObject({ id: z.union([z.string(), z.number()]).transform(String), type: textSchema }))
    .optional()
    .transform((value) => value ?? []),
  /** `stable`, `test`, `experimental`, `deprecated`, `unsupported`. */
  status: textSchema,
  description: z.string().optional(),
  references: textListSchema,
  author: textSchema,
  /** `YYYY-MM-DD` or `YYYY/MM/DD`, as written. */
  date: textSchema,
  modified: textSchema,
  /** Fields worth showing in an alert. */
  fields: textListSchema,
  /** `informational`, `low`, `medium`, `high`, `critical`. */
  level: textSchema,
  /** `attack.t1219.002`, `attack.command-and-control`, others kept as labels. */
  tags: textListSchema,
  /** `category`, `product`, `service`. */
  logsource: z.looseObject({ category: textSchema, product: textSchema, service: textSchema }).optional(),
  /** Search identifiers and the `condition`. */
  detection: z.unknown().optional(),
  falsepositives: textListSchema,
});

export type SigmaRuleData = z.output<typeof sigmaRuleSchema>;

/** What a rule page shows of a Sigma rule beside its Sentinel-shaped fields. */
export interface SigmaFacet {
  /** A detection rule, a correlation rule (`correlation:`) or a filter (`filter:`). */
  kind: 'rule' | 'correlation' | 'filter';
  /** The file's text as read. */
  yaml: string;
  logsource: SigmaLogsource;
  status?: string;
  level?: string;
  author?: string;
  date?: string;
  modified?: string;
  /** `http(s)` links and other references as written. */
  references: string[];
  /** Tags that are not ATT&CK: `detection.threat-hunting`, `cve.2024-1234`. */
  labels: string[];
  /** `known`: a rule of the site has the id (set by the site model), so the page links to it. */
  related: { id: string; type?: string; known?: boolean }[];
  fields: string[];
  /** `falsepositives`, without a lone `Unknown` or `None`. */
  falsePositives: string[];
  summary?: DetectionSummary;
  conversion: SigmaConversion;
}
