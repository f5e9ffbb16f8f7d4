import { z } from 'astro/zod';

/** Matches the ATT&CK technique id form, e.g. `T1219` or `T1219.002`. */
export const TECHNIQUE_ID_RE = /^T\d{4}(\.\d{3})?$/;

/** A list field that authors may also write as a single string or leave empty. */
const stringListSchema = z
  .union([z.string(), z.array(z.string()), z.null()])
  .optional()
  .transform((value) => toCleanList(value));

/** Trims, drops empty strings, and removes duplicates while keeping order. */
export function toCleanList(value: string | readonly string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  const items = typeof value === 'string' ? [value] : value;
  return [...new Set(items.map((item) => item.trim()).filter((item) => item.length > 0))];
}

/**
 * One remote-access tool in the catalog (`content/tools/*.yaml`).
 * The coverage matrix has one row per tool; rules are matched to tools by name, alias,
 * domain, product and process name, signer and company.
 */
export const toolSchema = z.object({
  /** Stable identifier and URL segment, lowercase, e.g. `anydesk`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'),
  /** Display name, e.g. `AnyDesk`. */
  name: z.string().min(1),
  /** Company or project that makes the tool, e.g. `AnyDesk Software GmbH`. */
  vendor: z.string().optional(),
  /** Product home page, e.g. `https://anydesk.com`. */
  website: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).optional(),
  /** `RMM` (remote monitoring and management) or `RAT` (remote access trojan). */
  category: z.enum(['RMM', 'RAT']).default('RMM'),
  /** ATT&CK technique the tool is abused under, e.g. `T1219.002` (Remote Desktop Software). */
  technique: z.string().regex(TECHNIQUE_ID_RE, 'expected T#### or T####.###').default('T1219.002'),
  /** Domains the tool talks to, e.g. `relay.anydesk.com`. Wildcards like `*.anydesk.com` allowed. */
  domains: stringListSchema,
  /** PE version-info product names, e.g. `AnyDesk`. */
  productNames: stringListSchema,
  /** Executable names, e.g. `AnyDesk.exe`. */
  processNames: stringListSchema,
  /** Subject names of the code-signing certificates its executables carry, e.g. `philandro Software GmbH`. */
  signers: stringListSchema,
  /** PE version-info company names (`CompanyName`), e.g. `AnyDesk Software GmbH`. */
  companies: stringListSchema,
  /** Where it installs itself, as folders or file paths; `*` stands for any text, e.g. `C:\Program Files\AnyDesk\*`. */
  installPaths: stringListSchema,
  /** Other names the tool goes by, e.g. `ConnectWise Control` for ScreenConnect. */
  aliases: stringListSchema,
  /** Short factual summary. */
  description: z.string().optional(),
});

export type ToolInput = z.input<typeof toolSchema>;
export type Tool = z.output<typeof toolSchema>;
