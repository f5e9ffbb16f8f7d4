import yaml from 'js-yaml';
import type { Finding } from '../checks/findings.ts';
import {
  checkYamlExpansion,
  createAliasListener,
  createYamlBudget,
  toYamlLimitFinding,
  type YamlBudget,
  YamlLimitError,
} from './yaml-limits.ts';
import { CONTENT_YAML_SCHEMA } from './yaml-schema.ts';

/** Strips a UTF-8 byte-order mark and turns CRLF / CR line endings into LF. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export type YamlLoadResult = { ok: true; data: unknown } | { ok: false; finding: Finding };

/**
 * Loads YAML, turning a syntax error into a finding at file:line:column, and a document past
 * the alias limits (yaml-limits.ts) into an error finding before anything expands it. Pieces
 * of one file pass one `budget`.
 */
export function loadYaml(
  text: string,
  file: string,
  lineOffset = 0,
  budget: YamlBudget = createYamlBudget(),
): YamlLoadResult {
  try {
    const data = yaml.load(text, {
      filename: file,
      schema: CONTENT_YAML_SCHEMA,
      listener: createAliasListener(text, budget),
    });
    checkYamlExpansion(data, text, budget);
    return { ok: true, data };
  } catch (error) {
    if (error instanceof YamlLimitError) return { ok: false, finding: toYamlLimitFinding(error, file, lineOffset) };
    if (!(error instanceof yaml.YAMLException)) throw error;
    return {
      ok: false,
      finding: {
        severity: 'error',
        file,
        line: error.mark ? error.mark.line + 1 + lineOffset : undefined,
        column: error.mark ? error.mark.column + 1 : undefined,
        message: `invalid YAML: ${error.reason}`,
      },
    };
  }
}
