import type { Finding } from '../checks/findings.ts';
import type { FieldLocator } from '../checks/zod-findings.ts';
import { readYamlByKey, type UnreadableKey } from './yaml-by-key.ts';
import { isYamlLimitFinding } from './yaml-limits.ts';
import { createYamlLocator } from './yaml-locate.ts';
import {
  type RepairedText,
  repairBracketScalars,
  repairKeysInQueryBlock,
  repairUnindentedQueryBlock,
  type YamlRepair,
} from './yaml-repairs.ts';
import { loadYaml, normalizeText } from './yaml-text.ts';

const CONNECTOR_ITEM_RE = /^( *)- connectorId\s*:/;

/**
 * Repairs the one known defect of a widely shared RMM rule set: under
 * `requiredDataConnectors`, `dataTypes:` is indented to the column of `- connectorId:`
 * instead of under `connectorId`, which strict YAML rejects. Moves that `dataTypes:` block
 * two columns right. Returns the 0-based lines it moved a `dataTypes:` key from.
 * @example repairDataTypesIndent('- connectorId: X\ndataTypes:\n- Y') // moves `dataTypes:` under the item
 */
export function repairDataTypesIndent(text: string): { text: string; repairedLines: number[] } {
  const lines = text.split('\n');
  const repairedLines: number[] = [];
  for (let index = 0; index < lines.length; index++) {
    const item = CONNECTOR_ITEM_RE.exec(lines[index] ?? '');
    if (!item) continue;
    const indent = item[1] ?? '';
    const next = index + 1;
    if (!(lines[next] ?? '').startsWith(`${indent}dataTypes:`)) continue;
    repairedLines.push(next);
    lines[next] = `  ${lines[next]}`;
    // The key's own list may sit deeper than the key or, compactly, at the key's column.
    for (let child = next + 1; child < lines.length; child++) {
      const line = lines[child] ?? '';
      const deeper = line.startsWith(`${indent} `) && line.trim() !== '';
      const compactItem = line.startsWith(`${indent}- `) && !CONNECTOR_ITEM_RE.test(line);
      if (!deeper && !compactItem) break;
      lines[child] = `  ${line}`;
    }
  }
  return { text: lines.join('\n'), repairedLines };
}

export interface ParsedSentinelYaml {
  /** The parsed YAML, or undefined when it could not be parsed. */
  data: unknown;
  /**
   * The file's text (BOM and CR removed), for placing query findings: repairs move no line, and
   * a query block written at column 0 keeps its columns as written.
   */
  text: string;
  findings: Finding[];
  locate: FieldLocator;
}

const INVALID_YAML_PREFIX_RE = /^invalid YAML: /;

/** Keys without which a rule cannot be published: a file missing one of them is not read key by key. */
const REQUIRED_KEYS = ['id', 'name', 'query'];

/** Repairs tried when a file does not parse as written, in this order, each on the last one's text. */
const REPAIRS_OF_INVALID_YAML: readonly ((text: string) => RepairedText)[] = [
  repairDataTypesDefect,
  repairUnindentedQueryBlock,
  repairBracketScalars,
];

/**
 * Parses a Sentinel rule file as found in the wild: BOM, CRLF, and the known slips of public
 * repositories (yaml-repairs.ts and the `dataTypes` indentation defect), each repaired with a
 * warning. A file that still fails is read one top-level key at a time: a key that cannot be
 * read is left out with a warning, unless it is one a rule cannot do without. What cannot be
 * read at all is an error finding.
 */
export function parseSentinelYaml(rawText: string, file: string): ParsedSentinelYaml {
  const text = normalizeText(rawText);
  // A key slipped into the query block parses, as query text: it is repaired before parsing.
  const misplaced = repairKeysInQueryBlock(text);
  const parsedAs = (data: unknown, parsedText: string, repairs: readonly YamlRepair[], more: Finding[] = []) => ({
    data,
    text,
    findings: [...repairs.map((repair) => toRepairFinding(repair, file)), ...more],
    locate: createYamlLocator(parsedText),
  });
  const unpublishable = (finding: Finding): ParsedSentinelYaml => ({
    data: undefined,
    text,
    findings: [finding],
    locate: createYamlLocator(misplaced.text),
  });
  const first = loadYaml(misplaced.text, file);
  if (first.ok) return parsedAs(first.data, misplaced.text, misplaced.repairs);
  // No repair or partial reading makes a file past the alias limits publishable.
  if (isYamlLimitFinding(first.finding)) return unpublishable(first.finding);

  let repaired: RepairedText = misplaced;
  for (const repair of REPAIRS_OF_INVALID_YAML) {
    const next = repair(repaired.text);
    repaired = { text: next.text, repairs: [...repaired.repairs, ...next.repairs] };
  }
  const second = loadYaml(repaired.text, file);
  if (second.ok) return parsedAs(second.data, repaired.text, repaired.repairs);
  if (isYamlLimitFinding(second.finding)) return unpublishable(second.finding);

  const byKey = readYamlByKey(repaired.text, file);
  if (byKey?.limit) return unpublishable(byKey.limit);
  const cannotPublish =
    !byKey ||
    Object.keys(byKey.data).length === 0 ||
    byKey.unreadable.some((unreadable) => REQUIRED_KEYS.includes(unreadable.key));
  if (cannotPublish) return unpublishable(first.finding);
  return parsedAs(byKey.data, repaired.text, repaired.repairs, byKey.unreadable.map(toUnreadableKeyFinding));
}

function toRepairFinding(repair: YamlRepair, file: string): Finding {
  return { severity: 'warning', code: 'yaml-repaired', file, ...repair };
}

function toUnreadableKeyFinding({ key, firstLine, lastLine, error }: UnreadableKey): Finding {
  const at = error.line === undefined ? '' : ` at ${error.line}${error.column === undefined ? '' : `:${error.column}`}`;
  const lines = lastLine > firstLine ? `lines ${firstLine}–${lastLine}` : `line ${firstLine}`;
  return {
    ...error,
    severity: 'warning',
    code: 'yaml-key-unreadable',
    field: key,
    message: `not valid YAML (${error.message.replace(INVALID_YAML_PREFIX_RE, '')}${at}); read one top-level key at a time, "${key}" (${lines}) could not be read and is left out`,
  };
}

/** The `dataTypes` indentation repair, reported like the others. */
function repairDataTypesDefect(text: string): RepairedText {
  const { text: repaired, repairedLines } = repairDataTypesIndent(text);
  return {
    text: repaired,
    repairs: repairedLines.map((line) => ({
      line: line + 1,
      field: 'requiredDataConnectors.dataTypes',
      message:
        'repaired a known indentation defect: "dataTypes:" was indented to the column of "- connectorId:"; indent it two more spaces to silence this warning',
    })),
  };
}
