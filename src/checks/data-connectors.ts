import type { Finding } from './findings.ts';
import type { FieldLocator } from './zod-findings.ts';

const FIELD = 'requiredDataConnectors';

/**
 * Reads `requiredDataConnectors` items as public repositories write them, before the schema
 * sees them: an item without `connectorId` keeps its tables, listed without a connector (or is
 * left out when it has none), and a list of connector ids is one connector each with the item's
 * tables. Each such item gets a warning at its line. Anything else is left for the schema.
 * @example normalizeDataConnectors([{ connectorId: ['A', 'B'], dataTypes: ['T'] }], 'a.yaml', locate).value
 *   // → [{ connectorId: 'A', dataTypes: ['T'] }, { connectorId: 'B', dataTypes: ['T'] }]
 */
export function normalizeDataConnectors(
  value: unknown,
  file: string,
  locate: FieldLocator,
): { value: unknown; findings: Finding[] } {
  if (!Array.isArray(value)) return { value, findings: [] };
  const findings: Finding[] = [];
  const warn = (index: number, path: PropertyKey[], message: string) =>
    findings.push({
      severity: 'warning',
      code: 'data-connector-repaired',
      file,
      ...(locate([FIELD, index, ...path]) ?? locate([FIELD, index])),
      field: `${FIELD}.${index}`,
      message: `item ${index + 1} ${message}`,
    });
  const items = value.flatMap((item: unknown, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return [item];
    const { connectorId, ...rest } = item as Record<string, unknown>;
    if (connectorId === undefined || connectorId === null) {
      const tables = toTables(rest.dataTypes);
      if (tables.length === 0) {
        warn(index, [], 'has no connectorId and no dataTypes: left out');
        return [];
      }
      warn(index, [], `has no connectorId: its dataTypes (${tables.join(', ')}) are kept, listed without a connector`);
      return [rest];
    }
    if (Array.isArray(connectorId) && connectorId.length > 0 && connectorId.every((id) => typeof id === 'string')) {
      warn(
        index,
        ['connectorId'],
        `has a list as connectorId: read as ${connectorId.length} connectors, ${connectorId.join(' and ')}, each with the item's dataTypes`,
      );
      return connectorId.map((id: string) => ({ ...rest, connectorId: id }));
    }
    return [item];
  });
  return { value: items, findings };
}

function toTables(dataTypes: unknown): string[] {
  if (typeof dataTypes === 'string') return dataTypes.trim() ? [dataTypes.trim()] : [];
  return Array.isArray(dataTypes) ? dataTypes.filter((type) => typeof type === 'string' && type.trim()) : [];
}
