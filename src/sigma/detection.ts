/**
 * Reads a Sigma `detection` map into named selections and the condition, keeping values as
 * written. Anything a selection holds that Sigma does not define is kept as a problem, so the
 * converter can refuse the rule instead of converting half of it.
 */
import type { DetectionItem, DetectionSelection, DetectionSummary, DetectionValue } from './types.ts';

export interface ReadDetection {
  summary: DetectionSummary;
  /** Why the detection cannot be converted as read; empty when it can. */
  problems: string[];
}

const RESERVED_KEYS = new Set(['condition', 'timeframe']);

/**
 * The selections and condition of a detection, with the problems found on the way.
 * @example readDetection({ sel: { 'Image|endswith': '\\AnyDesk.exe' }, condition: 'sel' }).summary
 *   // → { selections: [{ name: 'sel', groups: [[{ field: 'Image', modifiers: ['endswith'], values: ['\\AnyDesk.exe'] }]] }], condition: ['sel'] }
 */
export function readDetection(detection: unknown): ReadDetection {
  const problems: string[] = [];
  if (!isMap(detection)) {
    return { summary: { selections: [], condition: [] }, problems: ['the detection is not a mapping'] };
  }
  const selections: DetectionSelection[] = [];
  for (const [name, body] of Object.entries(detection)) {
    if (RESERVED_KEYS.has(name)) continue;
    selections.push({ name, groups: readGroups(name, body, problems) });
  }
  const condition = readCondition(detection.condition, problems);
  const summary: DetectionSummary = { selections, condition };
  const timeframe = detection.timeframe;
  if (typeof timeframe === 'string' || typeof timeframe === 'number') summary.timeframe = String(timeframe);
  return { summary, problems };
}

function readCondition(condition: unknown, problems: string[]): string[] {
  if (typeof condition === 'string') return [condition];
  if (Array.isArray(condition) && condition.length > 0 && condition.every((entry) => typeof entry === 'string')) {
    return condition;
  }
  problems.push(condition === undefined ? 'the detection has no condition' : 'the condition is not a string');
  return [];
}

function readGroups(name: string, body: unknown, problems: string[]): DetectionItem[][] {
  if (isMap(body)) return [readMap(name, body, problems)];
  if (Array.isArray(body)) {
    const groups: DetectionItem[][] = [];
    const keywords: DetectionValue[] = [];
    for (const entry of body) {
      if (isMap(entry)) groups.push(readMap(name, entry, problems));
      else if (isValue(entry)) keywords.push(entry);
      else problems.push(`the search identifier '${name}' holds a nested list`);
    }
    if (keywords.length > 0) groups.push([{ modifiers: [], values: keywords }]);
    return groups;
  }
  if (isValue(body)) return [[{ modifiers: [], values: [body] }]];
  problems.push(`the search identifier '${name}' is empty`);
  return [];
}

function readMap(name: string, map: Record<string, unknown>, problems: string[]): DetectionItem[] {
  const items: DetectionItem[] = [];
  for (const [key, raw] of Object.entries(map)) {
    const [field = '', ...modifiers] = key.split('|');
    const values = toValues(raw);
    if (!values) {
      problems.push(`the field '${key}' in '${name}' holds a mapping, not values`);
      continue;
    }
    const item: DetectionItem = { modifiers, values };
    if (field !== '') item.field = field;
    items.push(item);
  }
  if (items.length === 0 && Object.keys(map).length === 0) problems.push(`the search identifier '${name}' is empty`);
  return items;
}

/** A field's value or list of values; `undefined` when the YAML holds something else (a mapping). */
function toValues(raw: unknown): DetectionValue[] | undefined {
  if (isValue(raw)) return [raw];
  if (!Array.isArray(raw)) return undefined;
  const values: DetectionValue[] = [];
  for (const entry of raw) {
    if (!isValue(entry)) return undefined;
    values.push(entry);
  }
  return values;
}

function isValue(value: unknown): value is DetectionValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
