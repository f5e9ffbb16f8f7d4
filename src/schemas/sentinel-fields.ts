/**
 * The top-level fields of Sentinel rule files, by what Huntbook does with them. The rule page
 * lists the analytics-rule fields in Sentinel's order, and the YAML repairs recognise any of
 * these keys when one slips into the end of a query block.
 */

/** Fields every rule page shows in its own section. */
export const SENTINEL_CORE_FIELDS = [
  'id',
  'name',
  'description',
  'query',
  'requiredDataConnectors',
  'tactics',
  'relevantTechniques',
] as const;

/** Analytics-rule fields, in the order Sentinel's own files use. */
export const SENTINEL_ANALYTICS_FIELDS = [
  'kind',
  'severity',
  'status',
  'queryFrequency',
  'queryPeriod',
  'triggerOperator',
  'triggerThreshold',
  'suppressionEnabled',
  'suppressionDuration',
  'version',
  'tags',
  'entityMappings',
  'customDetails',
  'alertDetailsOverride',
  'eventGroupingSettings',
  'incidentConfiguration',
] as const;

/** Other top-level keys that Sentinel content repositories carry. */
export const SENTINEL_OTHER_FIELDS = ['sentinelEntitiesMappings', 'metadata'] as const;
