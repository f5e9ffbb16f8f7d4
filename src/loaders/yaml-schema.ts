import yaml from 'js-yaml';

/** js-yaml's own types, which it exports as `types` but @types/js-yaml does not declare. */
const { types } = yaml as unknown as { types: Record<'merge' | 'binary' | 'omap' | 'pairs' | 'set', yaml.Type> };

/**
 * js-yaml's default schema without its timestamp type: dates stay text as written. The
 * timestamp type turns `2024-13-45` into a Date of 2025-02-14 and `2024-05-01T10:00:00+02:00`
 * into another zone's time, and a Date does not survive the build cache's JSON; the dates
 * are checked by src/checks/date-values.ts instead. Merge keys (`<<`) and the explicit types
 * (`!!binary`, `!!omap`, `!!pairs`, `!!set`) stay as in the default schema.
 */
export const CONTENT_YAML_SCHEMA = yaml.CORE_SCHEMA.extend({
  implicit: [types.merge],
  explicit: [types.binary, types.omap, types.pairs, types.set],
});
