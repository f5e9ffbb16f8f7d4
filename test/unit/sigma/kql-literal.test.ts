import { expect, test } from 'vitest';
import { highlightKql } from '../../../src/kql/highlight.ts';
import { loadKustoService } from '../../../src/kql/kusto-service.ts';
import { readSyntaxDiagnostics } from '../../../src/kql/syntax-diagnostics.ts';
import { toKqlString } from '../../../src/sigma/kql-literal.ts';

const cases: { value: string; expected: string }[] = [
  { value: 'AnyDesk.exe', expected: "'AnyDesk.exe'" },
  { value: '\\AnyDesk.exe', expected: "@'\\AnyDesk.exe'" },
  { value: 'C:\\Program Files\\', expected: "'C:\\\\Program Files\\\\'" },
  { value: "it's", expected: "'it\\'s'" },
  { value: "C:\\it's", expected: "@'C:\\it''s'" },
  { value: '"quoted"', expected: '\'"quoted"\'' },
  { value: "'); DeviceInfo | take 1 //", expected: "'\\'); DeviceInfo | take 1 //'" },
  { value: "\\'); DeviceInfo //", expected: "'\\\\\\'); DeviceInfo //'" },
  { value: 'a\nb\tc', expected: "'a\\nb\\tc'" },
  { value: 'C:\\a\r\n', expected: "'C:\\\\a\\r\\n'" },
  { value: 'bell\u0007', expected: "'bell\\u0007'" },
  { value: '', expected: "''" },
];

const service = loadKustoService();

test.each(cases)('$value', ({ value, expected }) => {
  expect(toKqlString(value)).toBe(expected);
  // The literal is the whole right-hand side: the query stays one comparison.
  const query = `T\n| where A == ${expected}`;
  expect(readSyntaxDiagnostics(service.parse(query), query)).toEqual([]);
});

test.each(['C:\\Program Files\\AnyDesk\\', "\\'); DeviceInfo //"])(
  '%s is highlighted as one string, and what follows it as code',
  async (value) => {
    const html = await highlightKql(`T\n| where A startswith ${toKqlString(value)} or B == 1`);
    const tokens = [...html.matchAll(/<span class="k[^"]*">([^<]*)<\/span>/g)].map((match) => match[1] ?? '');
    expect(tokens.some((token) => token.includes(' or B'))).toBe(false);
    expect(tokens).toContain(' or');
  },
);
