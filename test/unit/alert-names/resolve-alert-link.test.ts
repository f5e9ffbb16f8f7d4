import { describe, expect, test } from 'vitest';
import type { AlertNamesFile } from '../../../src/alert-names/alert-names-file.ts';
import { normalizeRuleId, resolveAlertLink } from '../../../src/alert-names/resolve-alert-link.ts';
import { createRoutes } from '../../../src/site/routes.ts';

const PDQ_ID = '58cbbe97-f835-4677-9bee-203b1df29600';
const SHARED_ID = '9d6ce6ba-f13e-473c-ac2b-56b74c4a5900';
const NAMES: AlertNamesFile = {
  rules: [
    { id: PDQ_ID, name: 'PDQ - Network Connection', path: '/soc/rules/pdq/' },
    { id: SHARED_ID, name: 'RustDesk', format: 'RustDesk on {{DeviceName}}', path: '/soc/rules/rustdesk/' },
    { id: SHARED_ID, name: 'RustDesk copy', path: '/soc/rules/rustdesk-copy/' },
  ],
};
const ROUTES = createRoutes('/soc/');

describe('resolveAlertLink', () => {
  test.each([
    { query: '?name=PDQ%20-%20Network%20Connection', expected: '/soc/rules/pdq/' },
    { query: '?name=pdq+-+network++connection', expected: '/soc/rules/pdq/' },
    { query: '?name=RustDesk%20on%20WS-0042', expected: '/soc/rules/rustdesk/' },
    { query: `?id=${PDQ_ID.toUpperCase()}`, expected: '/soc/rules/pdq/' },
    { query: `?id=%7B${PDQ_ID.toUpperCase()}%7D`, expected: '/soc/rules/pdq/' },
    { query: `?id=${SHARED_ID}`, expected: `/soc/r/${SHARED_ID}/` },
    { query: `?id=00000000-0000-0000-0000-000000000000&name=RustDesk`, expected: '/soc/rules/rustdesk/' },
    {
      query: '?name=Unknown%20%3Cscript%3E%20%26%20more',
      expected: '/soc/search/?q=Unknown%20%3Cscript%3E%20%26%20more',
    },
    { query: '?id=not-known', expected: '/soc/search/?q=not-known' },
    { query: '?name=%20', expected: undefined },
    { query: '', expected: undefined },
    { query: '?q=PDQ', expected: undefined },
  ])('$query → $expected', ({ query, expected }) => {
    expect(resolveAlertLink(query, NAMES, ROUTES)).toBe(expected);
  });

  test('a name two rules share goes to search, which lists both', () => {
    const names = {
      rules: [...NAMES.rules, { ...NAMES.rules[0], id: '1', path: '/soc/rules/pdq-2/' }],
    } as AlertNamesFile;
    expect(resolveAlertLink('?name=PDQ - Network Connection', names, ROUTES)).toBe(
      '/soc/search/?q=PDQ%20-%20Network%20Connection',
    );
  });
});

describe('normalizeRuleId', () => {
  test.each([
    { input: '{58CBBE97-F835-4677-9BEE-203B1DF29600}', expected: PDQ_ID },
    { input: ` ${PDQ_ID} `, expected: PDQ_ID },
    { input: '{ 58cbbe97-f835-4677-9bee-203b1df29600 }', expected: PDQ_ID },
    { input: 'Pdq-Network-1', expected: 'pdq-network-1' },
  ])('$input → $expected', ({ input, expected }) => {
    expect(normalizeRuleId(input)).toBe(expected);
  });
});
