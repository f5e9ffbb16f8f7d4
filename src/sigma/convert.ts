/**
 * Sigma rule → Defender XDR advanced hunting KQL. Never throws: whatever the converter does
 * not support comes back as `{ ok: false, reason }`, the reason written to follow
 * "no KQL conversion: ".
 */
import { toColumnExpression } from './column-match.ts';
import { type ConditionNode, parseCondition } from './condition.ts';
import { readDetection } from './detection.ts';
import { combine, type KqlExpression, printWhere } from './kql-expression.ts';
import type { DetectionItem, DetectionSelection, SigmaConversion, SigmaLogsource } from './types.ts';
import { toXdrColumn, XDR_PRODUCTS, XDR_SOURCES, type XdrSource } from './xdr-mapping.ts';

class ConversionError extends Error {}

/**
 * @example convertSigmaToKql({ logsource: { category: 'process_creation', product: 'windows' },
 *   detection: { sel: { 'Image|endswith': '\\AnyDesk.exe' }, condition: 'sel' } })
 *   // → { ok: true, table: 'DeviceProcessEvents', kql: "DeviceProcessEvents\n| where FolderPath endswith @'\\AnyDesk.exe'" }
 */
export function convertSigmaToKql(rule: { logsource: SigmaLogsource; detection: unknown }): SigmaConversion {
  try {
    return convert(rule);
  } catch (error) {
    if (error instanceof ConversionError) return { ok: false, reason: error.message };
    return { ok: false, reason: `the converter failed (${error instanceof Error ? error.message : String(error)})` };
  }
}

function convert(rule: { logsource: SigmaLogsource; detection: unknown }): SigmaConversion {
  const source = toSource(rule.logsource ?? {});
  const { summary, problems } = readDetection(rule.detection);
  if (problems[0]) throw new ConversionError(problems[0]);
  if (summary.timeframe !== undefined) {
    throw new ConversionError(`'timeframe' is not supported: a query matches single events`);
  }
  const category = rule.logsource.category as string;
  const selections = new Map(summary.selections.map((selection) => [selection.name, selection]));
  const names = summary.selections.map((selection) => selection.name);
  const extend = new Set<string>();
  const converted = new Map<string, KqlExpression>();
  const toSelection = (name: string): KqlExpression => {
    let expression = converted.get(name);
    if (!expression) {
      expression = toSelectionExpression(selections.get(name) as DetectionSelection, source, category, extend);
      converted.set(name, expression);
    }
    return expression;
  };
  const conditions = summary.condition.map((text) => {
    const parsed = parseCondition(text, names);
    if (!parsed.ok) throw new ConversionError(parsed.reason);
    return toConditionExpression(parsed.node, toSelection);
  });
  // A list of conditions is the old way of writing alternatives; each one matches on its own.
  let where = combine('or', conditions);
  if (source.filter) where = combine('and', [{ kind: 'test', text: source.filter }, where]);
  const lines = [source.table, ...[...extend].sort().map((column) => `| extend ${column}`), printWhere(where)];
  return { ok: true, kql: lines.join('\n'), table: source.table };
}

function toSource(logsource: SigmaLogsource): XdrSource {
  const { category, product, service } = logsource;
  if (!category) {
    const named = [product && `product '${product}'`, service && `service '${service}'`].filter(Boolean).join(', ');
    throw new ConversionError(
      `a logsource without a category${named ? ` (${named})` : ''} has no Defender XDR table: only categories are mapped`,
    );
  }
  const key = category.trim().toLowerCase();
  const source = Object.hasOwn(XDR_SOURCES, key) ? XDR_SOURCES[key] : undefined;
  if (!source) throw new ConversionError(`the logsource category '${category}' has no Defender XDR table`);
  if (product && !XDR_PRODUCTS.has(product.toLowerCase())) {
    throw new ConversionError(`the logsource product '${product}' does not report to Defender XDR device tables`);
  }
  return source;
}

function toConditionExpression(node: ConditionNode, toSelection: (name: string) => KqlExpression): KqlExpression {
  switch (node.kind) {
    case 'ref':
      return toSelection(node.name);
    case 'not':
      return { kind: 'not', operand: toConditionExpression(node.operand, toSelection) };
    default:
      return combine(
        node.kind,
        node.operands.map((operand) => toConditionExpression(operand, toSelection)),
      );
  }
}

function toSelectionExpression(
  selection: DetectionSelection,
  source: XdrSource,
  category: string,
  extend: Set<string>,
): KqlExpression {
  const groups = selection.groups.map((group) =>
    combine(
      'and',
      group.map((item) => toItemExpression(selection.name, item, source, category, extend)),
    ),
  );
  if (groups.length === 0) throw new ConversionError(`the search identifier '${selection.name}' is empty`);
  return combine('or', groups);
}

function toItemExpression(
  name: string,
  item: DetectionItem,
  source: XdrSource,
  category: string,
  extend: Set<string>,
): KqlExpression {
  if (item.field === undefined) {
    throw new ConversionError(
      `keyword searches (values without a field, in '${name}') are not supported: Defender XDR tables have no full-text search`,
    );
  }
  const column = toXdrColumn(source, item.field);
  if (!column) throw new ConversionError(`the field '${item.field}' has no Defender XDR column for ${category}`);
  if (column.extend) extend.add(column.extend);
  const match = toColumnExpression(column, item);
  if (!match.ok) throw new ConversionError(match.reason);
  return match.expression;
}
