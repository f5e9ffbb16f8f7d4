import yaml from 'js-yaml';
import { CONTENT_YAML_SCHEMA } from '../loaders/yaml-schema.ts';
import { SENTINEL_ANALYTICS_FIELDS, SENTINEL_CORE_FIELDS } from '../schemas/sentinel-fields.ts';

/** Fields every rule page shows in its own section; all others are "rule fields". */
const CORE_FIELDS: ReadonlySet<string> = new Set(SENTINEL_CORE_FIELDS);

/** Analytics-rule fields in the order Sentinel's own files use; unknown fields follow, sorted. */
const ANALYTICS_FIELD_ORDER: readonly string[] = SENTINEL_ANALYTICS_FIELDS;

export interface RuleField {
  key: string;
  /** `text` for a one-line value, `block` for nested data shown as YAML. */
  kind: 'text' | 'block';
  text: string;
}

/**
 * Lists a rule's fields beyond the core ones, ready to print as text.
 * @example listExtraFields({ id: '…', severity: 'High', tags: ['RMM'] })
 *   // → [{ key: 'severity', kind: 'text', text: 'High' }, { key: 'tags', kind: 'text', text: 'RMM' }]
 */
export function listExtraFields(rule: Record<string, unknown>): RuleField[] {
  const keys = Object.keys(rule).filter((key) => !CORE_FIELDS.has(key) && rule[key] !== undefined);
  const rank = (key: string) => {
    const index = ANALYTICS_FIELD_ORDER.indexOf(key);
    return index === -1 ? ANALYTICS_FIELD_ORDER.length : index;
  };
  keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return keys.map((key) => formatField(key, rule[key]));
}

function formatField(key: string, value: unknown): RuleField {
  if (value === null || typeof value !== 'object') return { key, kind: 'text', text: String(value) };
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) {
    return { key, kind: 'text', text: value.map(String).join(', ') };
  }
  return {
    key,
    kind: 'block',
    text: yaml.dump(value, { lineWidth: 100, noRefs: true, schema: CONTENT_YAML_SCHEMA }).trimEnd(),
  };
}
