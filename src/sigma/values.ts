/** The values a detection tests, for tool matching and the indicator lookup. */
import { readDetection } from './detection.ts';
import type { DetectionSelection } from './types.ts';

/**
 * Every text or number the selections test, as written, with its field: what both the
 * indicator values below and the site model's tool evidence are read from. `null` and booleans
 * test presence or a flag, not a value, and are left out.
 * @example listSelectionValues([{ name: 'sel', groups: [[{ field: 'DestinationPort', modifiers: [], values: [443, null] }]] }])
 *   // → [{ field: 'DestinationPort', value: '443', modifiers: [] }]
 */
export function listSelectionValues(
  selections: readonly DetectionSelection[],
): { field?: string; value: string; modifiers: readonly string[] }[] {
  return selections.flatMap((selection) =>
    selection.groups.flat().flatMap((item) =>
      item.values.flatMap((raw) =>
        raw === null || typeof raw === 'boolean'
          ? []
          : [
              {
                ...(item.field === undefined ? {} : { field: item.field }),
                value: String(raw),
                modifiers: item.modifiers,
              },
            ],
      ),
    ),
  );
}

/**
 * Every value of every selection, as text, with its field; Sigma's escapes for wildcards are
 * resolved and wildcards at the ends dropped, since they are not part of the indicator.
 * @example listDetectionValues({ sel: { 'Image|endswith': '\\AnyDesk.exe' }, condition: 'sel' })
 *   // → [{ field: 'Image', value: '\\AnyDesk.exe' }]
 */
export function listDetectionValues(detection: unknown): { field?: string; value: string }[] {
  const found: { field?: string; value: string }[] = [];
  const seen = new Set<string>();
  for (const { field, value: raw, modifiers } of listSelectionValues(readDetection(detection).summary.selections)) {
    const value = toIndicatorText(raw, modifiers.includes('re'));
    if (!value) continue;
    const key = `${field ?? ''}\u0000${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(field === undefined ? { value } : { field, value });
  }
  return found;
}

function toIndicatorText(value: string, regex: boolean): string {
  if (regex) return value;
  return value
    .replace(/^[*?]+/, '')
    .replace(/(?<!\\)[*?]+$/, '')
    .replace(/\\([*?\\])/g, '$1');
}
