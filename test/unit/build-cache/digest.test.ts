import { expect, test } from 'vitest';
import { digestProjectFiles, listSourceFiles, readInstalledVersion } from '../../../src/build-cache/digest.ts';

test('reads installed versions, also of packages that do not export their package.json', () => {
  expect(readInstalledVersion('pagefind')).toMatch(/^\d+\.\d+\.\d+/);
  expect(readInstalledVersion('shiki')).toMatch(/^\d+\.\d+\.\d+/);
  expect(readInstalledVersion('no-such-package-huntbook')).toBeUndefined();
});

test('a digest of project files changes with the files it names, and a missing file still counts', () => {
  const schemas = listSourceFiles('src/schemas');
  expect(schemas).toContain('src/schemas/rule.ts');
  expect(digestProjectFiles(schemas)).toBe(digestProjectFiles(schemas));
  expect(digestProjectFiles(schemas)).not.toBe(digestProjectFiles(schemas.slice(1)));
  expect(digestProjectFiles(['missing-a.ts'])).not.toBe(digestProjectFiles(['missing-b.ts']));
  expect(listSourceFiles('no-such-folder')).toEqual([]);
});
