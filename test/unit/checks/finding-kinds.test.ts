import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { titleOfKind } from '../../../src/checks/finding-kinds.ts';

/** Every `code: '…'` the source gives a finding, read from the files themselves. */
function codesInSource(dir: string): string[] {
  const codes = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const match of text.matchAll(/\bcode(?: =|:) '([a-z]+(?:-[a-z]+)+)'/g)) if (match[1]) codes.add(match[1]);
    for (const match of text.matchAll(/^\s+'((?:symlink|broken)-[a-z]+)',$/gm)) if (match[1]) codes.add(match[1]);
  }
  return [...codes].sort();
}

const CODES = codesInSource('src');

test('the source gives findings codes (the scan still finds them)', () => {
  expect(CODES).toEqual(expect.arrayContaining(['kql-syntax', 'no-tool', 'symlink-outside', 'yaml-repaired']));
});

test.each(CODES)('/problems/ has a title for %s', (code) => {
  expect(titleOfKind(code)).not.toBe(code);
});
