import { expect, test } from 'vitest';
import { classifyIndicator } from '../../../src/kql/indicators.ts';

test.each([
  { column: 'RemoteUrl', value: 'https://app.pdq.com/x', expected: 'other' },
  { column: 'DnsQueryString', value: 'evil.example', expected: 'domain' },
  { column: 'Signer', value: 'Acme', expected: 'signer' },
  { column: 'ProcessCommandLine', value: '192.0.2.1', expected: 'ip' },
  { column: undefined, value: 'tool.exe', expected: 'process' },
] as const)('classify $column = $value', ({ column, value, expected }) => {
  expect(classifyIndicator(column, value)).toBe(expected);
});
