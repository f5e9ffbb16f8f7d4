import { describe, expect, test } from 'vitest';
import { readAlertNameFormat, toAlertNamesFile } from '../../../src/alert-names/alert-names-file.ts';

describe('readAlertNameFormat', () => {
  test.each([
    {
      rule: { alertDetailsOverride: { alertDisplayNameFormat: 'AnyDesk on {{DeviceName}}' } },
      expected: 'AnyDesk on {{DeviceName}}',
    },
    { rule: { alertDetailsOverride: { alertDisplayNameFormat: '  padded {{X}} ' } }, expected: 'padded {{X}}' },
    { rule: { alertDetailsOverride: { alertDescriptionFormat: 'only a description' } }, expected: undefined },
    { rule: { alertDetailsOverride: { alertDisplayNameFormat: '' } }, expected: undefined },
    { rule: { alertDetailsOverride: { alertDisplayNameFormat: ['not', 'a string'] } }, expected: undefined },
    { rule: { alertDetailsOverride: 'not a mapping' }, expected: undefined },
    { rule: { alertDetailsOverride: null }, expected: undefined },
    { rule: {}, expected: undefined },
  ])('$rule → $expected', ({ rule, expected }) => {
    expect(readAlertNameFormat(rule)).toBe(expected);
  });
});

describe('toAlertNamesFile', () => {
  test('one entry per rule; the rules of a shared id each lead to their own page', () => {
    const id = '58cbbe97-f835-4677-9bee-203b1df29600';
    const shared = {
      id,
      name: 'PDQ',
      path: '/rules/pdq/',
      rules: [
        { name: 'PDQ', format: 'PDQ on {{Host}}', path: '/rules/pdq/', file: 'a.yaml' },
        { name: 'PDQ copy', path: '/rules/pdq-copy/', file: 'b.yaml' },
      ],
    };
    const single = { id: '9d6c', name: 'RustDesk', format: 'RustDesk on {{Host}}', path: '/rules/rustdesk/' };
    expect(toAlertNamesFile([shared, single])).toEqual({
      rules: [
        { id, name: 'PDQ', format: 'PDQ on {{Host}}', path: '/rules/pdq/' },
        { id, name: 'PDQ copy', path: '/rules/pdq-copy/' },
        { id: '9d6c', name: 'RustDesk', format: 'RustDesk on {{Host}}', path: '/rules/rustdesk/' },
      ],
    });
  });
});
