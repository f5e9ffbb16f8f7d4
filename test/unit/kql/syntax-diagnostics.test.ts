import { describe, expect, test } from 'vitest';
import type { KqlAnalysis } from '../../../src/kql/analysis.ts';
import { loadKustoService } from '../../../src/kql/kusto-service.ts';
import { readSyntaxDiagnostics } from '../../../src/kql/syntax-diagnostics.ts';

const diagnosticsOf = (query: string) => readSyntaxDiagnostics(loadKustoService().parse(query), query);

describe('syntax errors', () => {
  const broken = ['DeviceNetworkEvents', '| where Timestamp > ago(1d)', '| where (', '| summarize count() by'];
  const expectedErrors: KqlAnalysis['diagnostics'] = [
    { code: 'KS006', message: 'Missing expression', severity: 'error', line: 3, column: 10 },
    { code: 'KS005', message: 'Expected: )', severity: 'error', line: 3, column: 10 },
    { code: 'KS006', message: 'Missing expression', severity: 'error', line: 4, column: 23 },
  ];
  const cases: { name: string; query: string; expected: KqlAnalysis['diagnostics'] }[] = [
    { name: 'multi-line query, LF', query: broken.join('\n'), expected: expectedErrors },
    { name: 'multi-line query, CRLF', query: broken.join('\r\n'), expected: expectedErrors },
    {
      name: 'unterminated string',
      query: "DeviceEvents\n| where FileName == 'x.exe",
      expected: [{ code: 'KS001', message: "Missing: '", severity: 'error', line: 2, column: 27 }],
    },
    { name: 'empty query', query: '', expected: [] },
    { name: 'only a comment', query: '  // nothing here\n', expected: [] },
  ];
  for (const { name, query, expected } of cases) {
    test(name, () => expect(diagnosticsOf(query)).toEqual(expected));
  }
});
