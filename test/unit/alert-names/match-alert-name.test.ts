import { describe, expect, test } from 'vitest';
import {
  type AlertNameRule,
  compileNameFormat,
  matchAlertName,
  matchesNameFormat,
  normalizeAlertName,
} from '../../../src/alert-names/match-alert-name.ts';

const PDQ: AlertNameRule = {
  id: '58cbbe97-f835-4677-9bee-203b1df29600',
  name: 'Remote Management and Monitoring tool - PDQ - Network Connection',
  path: '/rules/pdq/',
};
const ANYDESK: AlertNameRule = {
  id: '7a4c1f0e-2b3d-4e5f-8a9b-0c1d2e3f4a5b',
  name: 'AnyDesk connection',
  format: 'AnyDesk on {{DeviceName}}',
  path: '/rules/anydesk-connection/',
};
const METACHARACTERS: AlertNameRule = {
  id: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5c',
  name: 'Tool (x86) use',
  format: 'Tool (x86) [*.exe] on {{Host}} by {{Account}} + more? $1',
  path: '/rules/tool-x86-use/',
};
const CATCH_ALL: AlertNameRule = {
  id: '2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b',
  name: 'Generic',
  format: '{{AlertName}}',
  path: '/rules/generic/',
};
const RULES = [PDQ, ANYDESK, METACHARACTERS, CATCH_ALL];

describe('normalizeAlertName', () => {
  test.each([
    { input: '  PDQ   -  Network\tConnection ', expected: 'pdq - network connection' },
    { input: 'RMM tool – PDQ — Network', expected: 'rmm tool - pdq - network' },
    { input: 'ＡｎｙＤｅｓｋ', expected: 'anydesk' },
    { input: 'Line\nbreak', expected: 'line break' },
  ])('$input → $expected', ({ input, expected }) => {
    expect(normalizeAlertName(input)).toBe(expected);
  });
});

/** Whether a normalised name fills a format. */
function fills(format: string, name: string): boolean {
  const compiled = compileNameFormat(format);
  if (!compiled) throw new Error(`${format} has no placeholders`);
  return matchesNameFormat(compiled, name);
}

describe('compileNameFormat and matchesNameFormat', () => {
  test('a format without placeholders is no pattern', () => {
    expect(compileNameFormat('AnyDesk connection')).toBeUndefined();
  });

  test.each([
    { format: 'AnyDesk on {{DeviceName}}', name: 'anydesk on ws-0042', matches: true },
    { format: 'AnyDesk on {{DeviceName}}', name: 'anydesk on', matches: false },
    { format: 'AnyDesk on {{ DeviceName }}', name: 'anydesk on ws-0042', matches: true },
    { format: '{{Account}} ran {{Tool}} on {{Host}}', name: 'alice ran anydesk on ws-1', matches: true },
    { format: '{{Account}} ran {{Tool}} on {{Host}}', name: 'alice ran on ws-1', matches: false },
    { format: '{{A}}{{B}}: login', name: 'x: login', matches: false },
    { format: '{{A}}{{B}}: login', name: 'xy: login', matches: true },
    { format: 'a.b on {{Host}}', name: 'axb on ws', matches: false },
    { format: 'Tool (x86) [*.exe] on {{Host}}', name: 'tool (x86) [*.exe] on ws', matches: true },
    { format: 'Tool (x86) [*.exe] on {{Host}}', name: 'tool x86 .exe on ws', matches: false },
    { format: '{{Host}}: AnyDesk', name: 'ws-1: anydesk', matches: true },
    { format: '{{Host}}: AnyDesk', name: ': anydesk', matches: false },
    { format: 'a {{X}} a', name: 'a a', matches: false },
    { format: 'a {{X}} a', name: 'a b a', matches: true },
    { format: '{{X}} - {{Y}} - end', name: 'a - b - c - end', matches: true },
  ])('$format ~ $name: $matches', ({ format, name, matches }) => {
    expect(fills(format, name)).toBe(matches);
  });

  test('many placeholders and a long name that does not match answer at once', () => {
    const started = performance.now();
    expect(fills(`${'{{X}} - '.repeat(20)}end`, `${'a - '.repeat(300)}x`)).toBe(false);
    expect(fills(`${'{{X}} - '.repeat(20)}end`, `${'a - '.repeat(300)}end`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('matchAlertName', () => {
  test.each([
    { case: 'the exact name', name: PDQ.name, expected: { kind: 'exact', rule: PDQ } },
    {
      case: 'another case and spacing',
      name: '  remote management and MONITORING tool -  PDQ - network connection',
      expected: { kind: 'loose', rule: PDQ },
    },
    {
      case: 'an en dash for the hyphen',
      name: 'Remote Management and Monitoring tool – PDQ – Network Connection',
      expected: { kind: 'loose', rule: PDQ },
    },
    { case: 'a filled format', name: 'AnyDesk on WS-0042', expected: { kind: 'format', rule: ANYDESK } },
    {
      case: 'a filled format in another case',
      name: 'anydesk ON  ws-0042',
      expected: { kind: 'format', rule: ANYDESK },
    },
    { case: 'the format as written', name: 'AnyDesk on {{DeviceName}}', expected: { kind: 'exact', rule: ANYDESK } },
    {
      case: 'a format with regex metacharacters and several placeholders',
      name: 'Tool (x86) [*.exe] on WS-1 by CONTOSO\\alice + more? $1',
      expected: { kind: 'format', rule: METACHARACTERS },
    },
    {
      case: 'the format with the most fixed text, over one that matches anything',
      name: 'AnyDesk on laptop-7',
      expected: { kind: 'format', rule: ANYDESK },
    },
    {
      case: 'a name only a catch-all format fits',
      name: 'Something else',
      expected: { kind: 'format', rule: CATCH_ALL },
    },
  ])('$case', ({ name, expected }) => {
    expect(matchAlertName(name, RULES)).toEqual(expected);
  });

  test.each([
    { case: 'an unknown name', name: 'Unknown alert', rules: [PDQ, ANYDESK] },
    { case: 'an empty name', name: '   ', rules: RULES },
    { case: 'a name longer than any alert name', name: 'x'.repeat(2000), rules: RULES },
    {
      case: 'metacharacters taken literally',
      name: 'Tool x86 .exe on WS-1 by alice + more $1',
      rules: [METACHARACTERS],
    },
  ])('$case matches nothing', ({ name, rules }) => {
    expect(matchAlertName(name, rules)).toEqual({ kind: 'none' });
  });

  test('two rules on different pages with one name are ambiguous, at the first step that finds them', () => {
    const copy = { ...PDQ, id: '9d6ce6ba-f13e-473c-ac2b-56b74c4a5900', path: '/rules/pdq-2/' };
    expect(matchAlertName(PDQ.name, [PDQ, copy])).toEqual({ kind: 'ambiguous', rules: [PDQ, copy] });
    expect(matchAlertName(PDQ.name.toUpperCase(), [PDQ, copy])).toEqual({ kind: 'ambiguous', rules: [PDQ, copy] });
    const lowerCopy = { ...copy, name: PDQ.name.toLowerCase() };
    expect(matchAlertName(PDQ.name, [PDQ, lowerCopy])).toEqual({ kind: 'exact', rule: PDQ });
  });

  test('two formats with as much fixed text are ambiguous; entries leading to one page are one rule', () => {
    const other = {
      ...ANYDESK,
      id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
      path: '/rules/other/',
      format: 'AnyDesk on {{Host}}',
    };
    expect(matchAlertName('AnyDesk on WS-1', [ANYDESK, other])).toMatchObject({ kind: 'ambiguous' });
    expect(matchAlertName('AnyDesk on WS-1', [ANYDESK, { ...other, path: ANYDESK.path }])).toEqual({
      kind: 'format',
      rule: ANYDESK,
    });
  });
});
