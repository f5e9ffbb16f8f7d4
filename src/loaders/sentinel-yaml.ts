import type { Finding } from '../checks/findings.ts';
import type { FieldLocator } from '../checks/zod-findings.ts';
import { createYamlLocator } from './yaml-locate.ts';
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
  /** The text that was parsed (BOM and CR removed, defect repaired), for placing findings. */
  text: string;
  findings: Finding[];
  locate: FieldLocator;
}

/**
 * Parses a Sentinel rule file as found in the wild: BOM, CRLF, and the `dataTypes`
 * indentation defect (repaired with a warning). Any other YAML error is an error finding.
 */
export function parseSentinelYaml(rawText: string, file: string): ParsedSentinelYaml {
  const text = normalizeText(rawText);
  const first = loadYaml(text, file);
  if (first.ok) return { data: first.data, text, findings: [], locate: createYamlLocator(text) };

  const repair = repairDataTypesIndent(text);
  if (repair.repairedLines.length > 0) {
    const second = loadYaml(repair.text, file);
    if (second.ok) {
      const findings: Finding[] = repair.repairedLines.map((line) => ({
        severity: 'warning',
        file,
        line: line + 1,
        field: 'requiredDataConnectors.dataTypes',
        message:
          'repaired a known indentation defect: "dataTypes:" was indented to the column of "- connectorId:"; indent it two more spaces to silence this warning',
      }));
      return { data: second.data, text: repair.text, findings, locate: createYamlLocator(repair.text) };
    }
  }
  return { data: undefined, text, findings: [first.finding], locate: createYamlLocator(text) };
}
