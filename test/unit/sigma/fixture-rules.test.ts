import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { loadKustoService } from '../../../src/kql/kusto-service.ts';
import { readSyntaxDiagnostics } from '../../../src/kql/syntax-diagnostics.ts';
import { convertSigmaToKql, type SigmaConversion, type SigmaLogsource } from '../../../src/sigma/index.ts';

const RULES_DIR = join(import.meta.dirname, '../../fixtures/sigma/rules');

interface SigmaFile {
  logsource?: SigmaLogsource;
  detection?: unknown;
  correlation?: unknown;
}

/** The expected conversion of every fixture rule; a new fixture without an entry fails the last test. */
const EXPECTED: Record<string, SigmaConversion | 'correlation'> = {
  'anydesk-process-creation.yml': {
    ok: true,
    table: 'DeviceProcessEvents',
    kql: [
      'DeviceProcessEvents',
      "| where (FolderPath endswith @'\\AnyDesk.exe' or ProcessVersionInfoOriginalFileName =~ 'AnyDesk.exe')",
      "    and not(FolderPath startswith @'C:\\Program Files\\AnyDesk\\' or FolderPath startswith @'C:\\Program Files (x86)\\AnyDesk\\')",
    ].join('\n'),
  },
  'rustdesk-network-connection.yml': {
    ok: true,
    table: 'DeviceNetworkEvents',
    kql: [
      'DeviceNetworkEvents',
      "| where RemoteUrl endswith '.rustdesk.com'",
      '    and RemotePort in (21115, 21116, 21117)',
    ].join('\n'),
  },
  'unsupported-base64offset.yml': { ok: false, reason: "the modifier 'base64offset' is not supported" },
  'correlation-anydesk-repeated.yml': 'correlation',
};

const files = readdirSync(RULES_DIR)
  .filter((name) => name.endsWith('.yml'))
  .sort();
const readRule = (name: string) => yaml.load(readFileSync(join(RULES_DIR, name), 'utf8')) as SigmaFile;

describe('fixture rules convert to the pinned KQL', () => {
  test.each(files)('%s', (name) => {
    const rule = readRule(name);
    const expected = EXPECTED[name];
    if (expected === 'correlation') {
      expect(rule.correlation).toBeDefined();
      return;
    }
    expect(convertSigmaToKql({ logsource: rule.logsource ?? {}, detection: rule.detection })).toEqual(expected);
  });

  test('every fixture has an expectation', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(files);
  });
});

describe('converted fixture queries parse without syntax errors', () => {
  const service = loadKustoService();
  const converted = files
    .map((name) => ({ name, rule: readRule(name) }))
    .filter(({ rule }) => rule.detection !== undefined)
    .map(({ name, rule }) => ({
      name,
      result: convertSigmaToKql({ logsource: rule.logsource ?? {}, detection: rule.detection }),
    }))
    .filter((entry): entry is { name: string; result: { ok: true; kql: string; table: string } } => entry.result.ok);

  test.each(converted)('$name', ({ result }) => {
    expect(readSyntaxDiagnostics(service.parse(result.kql), result.kql)).toEqual([]);
  });
});
