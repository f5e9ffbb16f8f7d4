import type { Random } from './random.ts';
import { CONNECTOR_BY_TABLE, DEFENDER } from './tables.ts';
import { quote, toBlock } from './yaml-text.ts';

const SEVERITIES = [
  { value: 'Informational', weight: 10 },
  { value: 'Low', weight: 35 },
  { value: 'Medium', weight: 40 },
  { value: 'High', weight: 15 },
];
const FREQUENCIES = [
  { frequency: '5m', period: '5m' },
  { frequency: '1h', period: '1h' },
  { frequency: '1h', period: '1d' },
  { frequency: '1d', period: '14d' },
];

/**
 * `requiredDataConnectors` lines, one entry per connector with its tables; `slip` reproduces
 * the shared rule set's indentation defect.
 */
function toConnectorLines(random: Random, tables: readonly string[], slip: boolean, firstConnector?: string): string[] {
  const tablesByConnector = new Map<string, string[]>();
  tables.forEach((table, index) => {
    const known = CONNECTOR_BY_TABLE.get(table) ?? DEFENDER;
    const connectorId =
      index === 0 && firstConnector ? firstConnector : typeof known === 'string' ? known : random.pick(known);
    tablesByConnector.set(connectorId, [...(tablesByConnector.get(connectorId) ?? []), table]);
  });
  const lines = ['requiredDataConnectors:'];
  for (const [connectorId, connectorTables] of tablesByConnector) {
    lines.push(
      `  - connectorId: ${connectorId}`,
      `${slip ? '  ' : '    '}dataTypes:`,
      ...connectorTables.map((table) => `${slip ? '    ' : '      '}- ${table}`),
    );
  }
  return lines;
}

function toListOrScalar(key: string, items: readonly string[], random: Random): string[] {
  if (items.length === 1 && random.chance(0.6)) return [`${key}: ${items[0]}`];
  return [`${key}:`, ...items.map((item) => `  - ${item}`)];
}

/** Scheduled or NRT analytics-rule fields, kept by the site and shown on the rule page. */
function toAnalyticsLines(random: Random, tables: readonly string[]): { head: string[]; tail: string[] } {
  const nrt = random.chance(0.15);
  const head = [`severity: ${random.weighted(SEVERITIES)}`];
  if (!nrt) {
    const schedule = random.pick(FREQUENCIES);
    head.push(
      `queryFrequency: ${schedule.frequency}`,
      `queryPeriod: ${schedule.period}`,
      'triggerOperator: gt',
      'triggerThreshold: 0',
    );
  }
  const hostColumn = tables[0]?.startsWith('Device')
    ? 'DeviceName'
    : tables[0] === 'CommonSecurityLog'
      ? 'SourceIP'
      : 'Computer';
  const entityType = hostColumn === 'SourceIP' ? 'IP' : 'Host';
  const identifier = hostColumn === 'SourceIP' ? 'Address' : 'HostName';
  const tail = [
    'entityMappings:',
    `  - entityType: ${entityType}`,
    '    fieldMappings:',
    `      - identifier: ${identifier}`,
    `        columnName: ${hostColumn}`,
    `version: 1.0.${random.int(0, 9)}`,
    `kind: ${nrt ? 'NRT' : 'Scheduled'}`,
  ];
  if (random.chance(0.4))
    tail.push('tags:', '  - RMM', `  - ${random.pick(['Hunting', 'Initial Access', 'Remote Access'])}`);
  return { head, tail };
}

export function toRuleYaml(
  random: Random,
  fields: {
    id: string;
    name: string;
    description: string;
    tables: string[];
    connector?: string;
    tactics: string[];
    techniques: string[];
    query: string;
  },
): string {
  const analytics = random.chance(0.3) ? toAnalyticsLines(random, fields.tables) : { head: [], tail: [] };
  const lines = [
    `id: ${fields.id}`,
    `name: ${quote(fields.name)}`,
    ...toBlock('description', fields.description),
    ...analytics.head,
    ...toConnectorLines(random, fields.tables, random.chance(0.02), fields.connector),
    ...toListOrScalar('tactics', fields.tactics, random),
    ...toListOrScalar('relevantTechniques', fields.techniques, random),
    ...toBlock('query', fields.query),
    ...analytics.tail,
  ];
  return applyFileQuirks(random, `${lines.join('\n').replace(/\n+$/, '')}\n`);
}

/** A few files carry a byte-order mark or CRLF endings, as files edited on Windows do. */
function applyFileQuirks(random: Random, text: string): string {
  const roll = random.next();
  if (roll < 0.01) return text.replace(/\n/g, '\r\n');
  if (roll < 0.02) return `\uFEFF${text}`;
  return text;
}
