/** The values a detection tests, for tool matching and the indicator lookup. */
import { readDetection } from './detection.ts';

/**
 * Every value of every selection, as text, with its field; Sigma's escapes for wildcards are
 * resolved and wildcards at the ends dropped, since they are not part of the indicator.
 * @example listDetectionValues({ sel: { 'Image|endswith': '\\AnyDesk.exe' }, condition: 'sel' })
 *   // → [{ field: 'Image', value: '\\AnyDesk.exe' }]
 */
export function listDetectionValues(detection: unknown): { field?: string; value: string }[] {
  const found: { field?: string; value: string }[] = [];
  const seen = new Set<string>();
  for (const selection of readDetection(detection).summary.selections) {
    for (const item of selection.groups.flat()) {
      for (const raw of item.values) {
        if (raw === null || typeof raw === 'boolean') continue;
        const value = toIndicatorText(String(raw), item.modifiers.includes('re'));
        if (!value) continue;
        const key = `${item.field ?? ''}\u0000${value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push(item.field === undefined ? { value } : { field: item.field, value });
      }
    }
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
