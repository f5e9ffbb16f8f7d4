import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { readRunbooks } from '../../../src/loaders/read-runbooks.ts';

const dir = mkdtempSync(join(tmpdir(), 'huntbook-runbooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RULE = '58cbbe97-f835-4677-9bee-203b1df29600';

test.each([
  {
    name: 'a Windows-1252 byte in the body',
    bytes: Buffer.from(`---\nrule: ${RULE}\n---\nNotes\nCaf\u00e9 notes\n`, 'latin1'),
    expected: 'body 5:4 invalid-encoding',
    body: 'Notes\nCaf\uFFFD notes\n',
  },
  {
    name: 'a NUL in the front matter',
    bytes: Buffer.from(`---\nrule: ${RULE}\nhypothesis: H\0\n---\nNotes\n`),
    expected: 'hypothesis 3:14 nul-character',
    body: 'Notes\n',
  },
  {
    name: 'a UTF-16 BE runbook with a date that does not exist',
    bytes: Buffer.concat([
      Buffer.from([0xfe, 0xff]),
      Buffer.from(`---\nrule: ${RULE}\nhypothesis: 2024-02-30\n---\nNotes\n`, 'utf16le').swap16(),
    ]),
    expected: 'hypothesis 3:1 invalid-date',
    body: 'Notes\n',
  },
])('$name', ({ name, bytes, expected, body }) => {
  const file = join(dir, `${name.replaceAll(' ', '-')}.md`);
  writeFileSync(file, bytes);
  const read = readRunbooks([file]);
  expect(read.findings.map((f) => `${f.field} ${f.line}:${f.column} ${f.code}`)).toEqual([expected]);
  expect(read.records[0]?.body).toBe(body);
});
