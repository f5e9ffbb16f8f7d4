import { z } from 'astro/zod';

/**
 * The ATT&CK Navigator layer file format, version 4.5, as far as Huntbook writes it.
 * Used to check our export in tests, so a field typo cannot ship a layer Navigator rejects.
 */
const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour');
const linkSchema = z.strictObject({ label: z.string().min(1), url: z.string().min(1) });
const metadataSchema = z.strictObject({ name: z.string().min(1), value: z.string() });

export const layerTechniqueSchema = z.strictObject({
  techniqueID: z.string().regex(/^T\d{4}(\.\d{3})?$/),
  tactic: z
    .string()
    .regex(/^[a-z]+(-[a-z]+)*$/)
    .optional(),
  score: z.number().optional(),
  color: z.string().optional(),
  comment: z.string().optional(),
  enabled: z.boolean().optional(),
  metadata: z.array(metadataSchema).optional(),
  links: z.array(linkSchema).optional(),
  showSubtechniques: z.boolean().optional(),
});

export const navigatorLayerSchema = z.strictObject({
  name: z.string().min(1),
  versions: z.strictObject({
    layer: z.literal('4.5'),
    attack: z.string().optional(),
    navigator: z.string().optional(),
  }),
  /** Navigator opens one matrix per layer. */
  domain: z.enum(['enterprise-attack', 'ics-attack', 'mobile-attack']),
  description: z.string().optional(),
  sorting: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
  hideDisabled: z.boolean().optional(),
  techniques: z.array(layerTechniqueSchema),
  gradient: z.strictObject({
    colors: z.array(colorSchema).min(2),
    minValue: z.number(),
    maxValue: z.number(),
  }),
  legendItems: z.array(z.strictObject({ label: z.string().min(1), color: colorSchema })),
  showTacticRowBackground: z.boolean().optional(),
  selectTechniquesAcrossTactics: z.boolean().optional(),
  selectSubtechniquesWithParent: z.boolean().optional(),
  selectVisibleTechniques: z.boolean().optional(),
  metadata: z.array(metadataSchema).optional(),
  links: z.array(linkSchema).optional(),
});

export type NavigatorLayer = z.infer<typeof navigatorLayerSchema>;
