/**
 * The telemetry a Sigma rule reads, by its logsource: the kinds of src/model/telemetry.ts where
 * one fits, a label of its own otherwise (image loads, antivirus, a service's log).
 */
import { TELEMETRY_KINDS } from '../model/telemetry.ts';
import type { SigmaLogsource } from './types.ts';

const CATEGORY_KIND: Readonly<Record<string, string>> = {
  process_creation: 'process',
  network_connection: 'network',
  dns_query: 'dns',
  dns: 'dns',
};

const PREFIX_KIND: readonly [string, string][] = [
  ['file_', 'file'],
  ['registry_', 'registry'],
];

/**
 * @example toSigmaTelemetry({ category: 'registry_set' }) // → { id: 'registry', label: 'Registry' }
 * @example toSigmaTelemetry({ category: 'image_load' }) // → { id: 'image-load', label: 'Image load' }
 */
export function toSigmaTelemetry(logsource: SigmaLogsource): { id: string; label: string } | undefined {
  const category = logsource.category?.trim().toLowerCase();
  const name = category || [logsource.product, logsource.service].filter(Boolean).join(' ').trim().toLowerCase();
  if (!name) return undefined;
  const kindId =
    (category && Object.hasOwn(CATEGORY_KIND, category) ? CATEGORY_KIND[category] : undefined) ??
    PREFIX_KIND.find(([prefix]) => category?.startsWith(prefix))?.[1];
  const kind = TELEMETRY_KINDS.find((known) => known.id === kindId);
  if (kind) return { id: kind.id, label: kind.label };
  const words = name.split(/[\s_-]+/).filter(Boolean);
  const label = words.join(' ');
  return { id: words.join('-'), label: label.charAt(0).toUpperCase() + label.slice(1) };
}
