import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BuildResult, buildSite } from '../support/build-site.ts';
import { readPage } from '../support/pages.ts';

/**
 * Files as Windows editors leave them: a rule saved as Windows-1252, one saved as UTF-16 LE and
 * a runbook as UTF-16 BE (each with its byte-order mark), a rule holding a NUL on line 2, and a
 * date that does not exist. The fixtures are written as bytes here, so no tool on the way
 * (git, the formatter) can re-encode them.
 */
const rule = (id: string, name: string, extra = '') =>
  [
    `id: ${id}`,
    `name: ${name}`,
    'requiredDataConnectors:',
    '  - connectorId: MicrosoftThreatProtection',
    '    dataTypes:',
    '      - DeviceNetworkEvents',
    'tactics: CommandAndControl',
    'relevantTechniques: T1219',
    ...(extra ? [extra] : []),
    'query: |',
    '  DeviceNetworkEvents',
    "  | where RemoteUrl has 'app.pdq.com'",
    '',
  ].join('\n');
const CP1252_ID = '6d0f6c1e-0000-4000-8000-000000001252';
const UTF16_ID = '6d0f6c1e-0000-4000-8000-000000000016';
const NUL_ID = '6d0f6c1e-0000-4000-8000-000000000000';

let dir: string;
let first: BuildResult;
let second: BuildResult;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'huntbook-encodings-'));
  mkdirSync(join(dir, 'rules'));
  mkdirSync(join(dir, 'runbooks'));
  const cp1252 = rule(
    CP1252_ID,
    'Encoding cp1252 rule',
    'lastUpdatedDateUTC: 2024-13-45\ncreatedDateUTC: 2024-05-01',
  ).replace("'app.pdq.com'", '\u0093app.pdq.com\u0094');
  writeFileSync(join(dir, 'rules/cp1252.yaml'), Buffer.from(cp1252, 'latin1'));
  const utf16 = rule(UTF16_ID, 'Encoding utf16 rule');
  writeFileSync(
    join(dir, 'rules/utf16le.yaml'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16, 'utf16le')]),
  );
  writeFileSync(join(dir, 'rules/nul.yaml'), rule(NUL_ID, 'Encoding nul\0 rule'));
  const runbook = `---\nrule: ${UTF16_ID}\nhypothesis: Read from UTF-16 big endian\n---\nTriage notes from a UTF-16 file: café.\n`;
  writeFileSync(
    join(dir, 'runbooks/utf16be.md'),
    Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(runbook, 'utf16le').swap16()]),
  );
  const build = () =>
    buildSite({ name: 'encodings-dates', rules: join(dir, 'rules'), runbooks: join(dir, 'runbooks') });
  first = await build();
  // Again over the same build cache: the rule parses come from it, and must bring their warnings.
  second = await build();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const log = (result: BuildResult) => result.output.replaceAll(`${dir}/`, '');

describe.each([
  { build: 'the first build', result: () => first },
  { build: 'a rebuild from the cache', result: () => second },
])('$build', ({ result }) => {
  test('publishes every rule, with warnings, not errors', () => {
    expect(result().code, result().output).toBe(0);
    expect(result().output).toMatch(/Published 3 rules from 3 files/);
  });

  test('names the Windows-1252 bytes by line, column and byte offset, the bad date as written, and the NUL where it is', () => {
    const output = log(result());
    expect(output).toContain(
      'rules/cp1252.yaml:13:25 query: is not valid UTF-8: it holds 2 sequences of bytes that are not characters (all on line 13), the first at line 13, column 25, byte offset 344 (0x93)',
    );
    expect(output).toContain(
      'rules/cp1252.yaml:9:1 lastUpdatedDateUTC: "2024-13-45" is not a real date: there is no month 13; shown as written',
    );
    expect(output).toContain('rules/nul.yaml:2:19 name: holds a NUL character at line 2, column 19');
    expect(output).not.toContain('createdDateUTC');
  });

  test('shows the replacement character in the query and the copy button, and the date as written', () => {
    const $ = readPage(result().outDir, 'rules/encoding-cp1252-rule');
    expect($('button[data-copy]').attr('data-copy')).toContain('has \uFFFDapp.pdq.com\uFFFD');
    expect($('pre').text()).toContain('\uFFFDapp.pdq.com\uFFFD');
    expect($('body').text()).toContain('2024-13-45');
    expect($('body').text()).not.toContain('2025-02-14');
    expect($('body').text()).toContain('is not valid UTF-8');
  });

  test('publishes the UTF-16 rule with its query and its UTF-16 BE runbook', () => {
    const $ = readPage(result().outDir, 'rules/encoding-utf16-rule');
    expect($('button[data-copy]').attr('data-copy')).toBe("DeviceNetworkEvents\n| where RemoteUrl has 'app.pdq.com'\n");
    expect($('body').text()).toContain('Triage notes from a UTF-16 file: café.');
    expect($('body').text()).toContain('Read from UTF-16 big endian');
  });

  test('/problems/ lists the encoding, NUL and date warnings', () => {
    const $ = readPage(result().outDir, 'problems');
    for (const code of ['invalid-encoding', 'nul-character', 'invalid-date']) {
      expect($(`section:has(h2#${code}) tbody tr`).length, code).toBe(1);
    }
  });
});
