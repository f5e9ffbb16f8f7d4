import { describe, expect, test } from 'vitest';
import { checkDates, isDateField, readDateText } from '../../../src/checks/date-values.ts';
import { createYamlLocator } from '../../../src/loaders/yaml-locate.ts';
import { loadYaml } from '../../../src/loaders/yaml-text.ts';

describe('readDateText', () => {
  test.each([
    { text: '2024-05-01', expected: { kind: 'date' } },
    { text: '2024-02-29', expected: { kind: 'date' } },
    { text: '2000-02-29', expected: { kind: 'date' } },
    { text: '2024-1-5', expected: { kind: 'date' } },
    { text: '2024-05-01T10:00:00Z', expected: { kind: 'date' } },
    { text: '2024-05-01t10:00:00.123+02:00', expected: { kind: 'date' } },
    { text: '2024-05-01 10:00', expected: { kind: 'date' } },
    { text: '2024-05-01 10:00:00 -0500', expected: { kind: 'date' } },
    { text: '05/01/2024', expected: { kind: 'date' } },
    { text: '5/1/2024 10:00', expected: { kind: 'date' } },
    { text: '2024-13-45', expected: { kind: 'not-real', reason: 'there is no month 13' } },
    { text: '2024-00-10', expected: { kind: 'not-real', reason: 'there is no month 0' } },
    { text: '2024-02-30', expected: { kind: 'not-real', reason: 'February 2024 has no day 30' } },
    { text: '2023-02-29', expected: { kind: 'not-real', reason: 'February 2023 has no day 29' } },
    { text: '1900-02-29', expected: { kind: 'not-real', reason: 'February 1900 has no day 29' } },
    { text: '2024-04-31', expected: { kind: 'not-real', reason: 'April 2024 has no day 31' } },
    { text: '2024-05-01T25:00:00Z', expected: { kind: 'not-real', reason: 'there is no such time of day' } },
    { text: '2024-05-01T10:61', expected: { kind: 'not-real', reason: 'there is no such time of day' } },
    { text: '2024-05-01T10:00+24:00', expected: { kind: 'not-real', reason: 'there is no such time zone offset' } },
    { text: '13/01/2024', expected: { kind: 'not-real', reason: 'there is no month 13' } },
    { text: '02/30/2024', expected: { kind: 'not-real', reason: 'February 2024 has no day 30' } },
    { text: 'yesterday', expected: { kind: 'not-a-date' } },
    { text: '1.0.2', expected: { kind: 'not-a-date' } },
    { text: '2024-05', expected: { kind: 'not-a-date' } },
    { text: '20240501', expected: { kind: 'not-a-date' } },
  ])('$text', ({ text, expected }) => {
    expect(readDateText(text)).toEqual(expected);
  });
});

test.each([
  { key: 'lastUpdatedDateUTC', expected: true },
  { key: 'createdDateUTC', expected: true },
  { key: 'date', expected: true },
  { key: 'modified', expected: true },
  { key: 'LastModified', expected: true },
  { key: 'reviewed', expected: true },
  { key: 'version', expected: false },
  { key: 'updatedBy', expected: false },
])('isDateField($key)', ({ key, expected }) => {
  expect(isDateField(key)).toBe(expected);
});

describe('checkDates on YAML read without timestamps', () => {
  const yamlText = [
    'id: 1',
    'lastUpdatedDateUTC: 2024-13-45',
    'createdDateUTC: 2024-05-01',
    'modified: soon',
    'metadata:',
    '  source:',
    '    date: 2023-02-29',
    'description: not a date 2024-13-45',
    "version: '1.0.2'",
    'reviewed: 2024-05-01T10:00:00Z',
    '',
  ].join('\n');

  test('dates stay text as written, and only the unreal or unreadable ones are findings', () => {
    const loaded = loadYaml(yamlText, 'rules/a.yaml');
    if (!loaded.ok) throw new Error(loaded.finding.message);
    expect(loaded.data).toMatchObject({ lastUpdatedDateUTC: '2024-13-45', reviewed: '2024-05-01T10:00:00Z' });
    const findings = checkDates(loaded.data, { file: 'rules/a.yaml', locate: createYamlLocator(yamlText) });
    expect(
      findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.field} [${f.code}]: ${f.message}`),
    ).toMatchInlineSnapshot(`
        [
          "rules/a.yaml:2:1 lastUpdatedDateUTC [invalid-date]: "2024-13-45" is not a real date: there is no month 13; shown as written",
          "rules/a.yaml:4:1 modified [invalid-date]: "soon" is not a date: write it as YYYY-MM-DD (a time may follow, e.g. 2024-05-01T10:00:00Z); shown as written",
          "rules/a.yaml:5:1 metadata.source.date [invalid-date]: "2023-02-29" is not a real date: February 2023 has no day 29; shown as written",
        ]
      `);
  });
});

describe('Sigma dates', () => {
  test.each([
    { text: '2024/05/01', kind: 'date' },
    { text: '2024-05-01', kind: 'date' },
    { text: '2024/02/30', kind: 'not-real' },
    { text: '2024/13/01', kind: 'not-real' },
    { text: '2024/05-01', kind: 'not-a-date' },
  ])('$text', ({ text, kind }) => {
    expect(readDateText(text).kind).toBe(kind);
  });
});
