import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { writeFileAtomically } from '../../../src/build-cache/write-file-atomically.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'huntbook-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('writes the file, making its folder on the first write, and leaves no temporary file', () => {
  const file = join(dir, 'cache', 'kql-highlight', 'a.html');
  writeFileAtomically(file, '<pre>one</pre>');
  writeFileAtomically(file, '<pre>two</pre>');
  expect(readFileSync(file, 'utf8')).toBe('<pre>two</pre>');
  expect(readdirSync(join(dir, 'cache', 'kql-highlight'))).toEqual(['a.html']);
});
