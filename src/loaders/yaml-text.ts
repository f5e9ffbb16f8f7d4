import yaml from 'js-yaml';
import type { Finding } from '../checks/findings.ts';
import { CONTENT_YAML_SCHEMA } from './yaml-schema.ts';

/** Strips a UTF-8 byte-order mark and turns CRLF / CR line endings into LF. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export type YamlLoadResult = { ok: true; data: unknown } | { ok: false; finding: Finding };

/** Loads YAML, turning a syntax error into a finding at file:line:column. */
export function loadYaml(text: string, file: string, lineOffset = 0): YamlLoadResult {
  try {
    return { ok: true, data: yaml.load(text, { filename: file, schema: CONTENT_YAML_SCHEMA }) };
  } catch (error) {
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
