import { z } from 'astro/zod';
import { GUID_RE } from './guid.ts';
import { readStringList } from './string-list.ts';
import { toCleanList } from './tool.ts';

/** Sentinel lets `tactics` and `relevantTechniques` be one string or a list; both become a list. */
const stringOrListSchema = z
  .union([z.string(), z.array(z.string()), z.null()])
  .optional()
  .transform((value) => toCleanList(value));

/**
 * `tactics` and `relevantTechniques` never stop a rule from being published: whatever the
 * file holds is read as a list of strings (src/schemas/string-list.ts), and the checks warn
 * about what was read otherwise than as written.
 */
const attackListSchema = z
  .unknown()
  .optional()
  .transform((value) => toCleanList(readStringList(value).items));

/** A data connector the rule needs, with the tables (data types) it provides. */
export const dataConnectorSchema = z.object({
  /**
   * Connector id, e.g. `MicrosoftThreatProtection`. Sentinel requires it; an item without one
   * keeps its tables, and a list of ids is read as one connector each (src/checks/data-connectors.ts).
   */
  connectorId: z.string().min(1).optional(),
  /** Tables the rule reads through this connector, e.g. `DeviceNetworkEvents`. */
  dataTypes: stringOrListSchema,
});

/**
 * A detection rule in Microsoft Sentinel YAML (hunting query or analytics rule), kept as
 * teams keep it in git. Fields not listed here (severity, queryFrequency, entityMappings,
 * version, kind, …) are kept as they are and shown on the rule page.
 */
export const ruleSchema = z.looseObject({
  /**
   * Unique GUID; `/r/<id>/` links to the rule forever. Compared case-insensitively. An id that
   * is not a GUID is published with a warning (src/checks/rule-id.ts).
   */
  id: z
    .string()
    .min(1, 'must not be empty')
    .transform((id) => id.toLowerCase()),
  /** Display name, e.g. `Remote Management and Monitoring tool - PDQ - Network Connection`. */
  name: z.string().trim().min(1, 'must not be empty'),
  /** What the rule looks for; shown as plain text. */
  description: z.string().optional().default(''),
  /** The KQL query. */
  query: z.string().refine((query) => query.trim().length > 0, 'must not be empty'),
  /** Connectors and their tables, e.g. `[{connectorId: MicrosoftThreatProtection, dataTypes: [DeviceNetworkEvents]}]`. */
  requiredDataConnectors: z
    .array(dataConnectorSchema)
    .nullable()
    .optional()
    .transform((value) => value ?? []),
  /**
   * Sentinel tactic names (`CommandAndControl`, `ImpairProcessControl`, `PreAttack`) or ATT&CK
   * names (`command-and-control`, `Command and Control`), any case, spaces or dashes. Other
   * values (Defender XDR categories such as `Ransomware`) are kept as categories, with a warning.
   */
  tactics: attackListSchema,
  /**
   * ATT&CK technique ids of Enterprise, ICS or Mobile, e.g. `T1219`, `T1219.002`, `T0814`.
   * A revoked id counts as its replacement, with a warning.
   */
  relevantTechniques: attackListSchema,
});

/** A rule id as Sentinel writes it: a GUID. */
export const ruleGuidSchema = z.string().regex(GUID_RE, 'is not a GUID (expected 8-4-4-4-12 hexadecimal digits)');

/** The rule schema for rules Huntbook writes itself (the importer), where the id must be a GUID. */
export const generatedRuleSchema = ruleSchema.extend({ id: ruleGuidSchema.transform((id) => id.toLowerCase()) });

export type RuleInput = z.input<typeof ruleSchema>;
export type Rule = z.output<typeof ruleSchema>;
