import type { PermalinkTarget } from '../site/permalink-targets.ts';
import type { AlertNameRule } from './match-alert-name.ts';

/** The names file beside the `/r/` page: what the page's script resolves alert names with. */
export const ALERT_NAMES_FILE = 'names.json';

/** The names file's content: one entry per rule with a permanent link, sorted by id. */
export interface AlertNamesFile {
  rules: AlertNameRule[];
}

/**
 * The names of the rules behind the permanent links: a rule of an id several files share keeps
 * its own page, so its name leads there.
 * @example toAlertNamesFile([{ id: '58cb…', name: 'PDQ', path: '/rules/pdq/' }]) // → { rules: [{ id: '58cb…', name: 'PDQ', path: '/rules/pdq/' }] }
 */
export function toAlertNamesFile(targets: readonly PermalinkTarget[]): AlertNamesFile {
  return {
    rules: targets.flatMap((target) =>
      (target.rules ?? [target]).map(({ name, path, format }) => ({
        id: target.id,
        name,
        ...(format === undefined ? {} : { format }),
        path,
      })),
    ),
  };
}

/**
 * The display-name format of a rule's alerts, `alertDetailsOverride.alertDisplayNameFormat` in
 * Sentinel's YAML, when it is a non-empty string; anything else there is left to the rule page.
 * @example readAlertNameFormat({ alertDetailsOverride: { alertDisplayNameFormat: 'AnyDesk on {{DeviceName}}' } }) // → 'AnyDesk on {{DeviceName}}'
 */
export function readAlertNameFormat(rule: Readonly<Record<string, unknown>>): string | undefined {
  const override = rule.alertDetailsOverride;
  if (typeof override !== 'object' || override === null) return undefined;
  const format = (override as Record<string, unknown>).alertDisplayNameFormat;
  return typeof format === 'string' && format.trim() !== '' ? format.trim() : undefined;
}
