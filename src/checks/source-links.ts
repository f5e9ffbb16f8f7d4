import { isAbsolute, relative } from 'node:path';
import type { Finding } from './findings.ts';

/** How many of the files without a link the warning names; the rest are counted. */
const NAMED_FILES = 3;

/**
 * `sourceRepositoryUrl` links a rule to its file in the repository by the file's path from
 * `sourceRoot`; a rule file outside `sourceRoot` has no such path, so its page gets no link.
 * One warning on the setting names how many files that leaves out, and the first few, rather
 * than one per file.
 * @example findUnlinkedSourceFiles([{ file: '../shared/a.yaml', absolutePath: '/shared/a.yaml' }], { sourceRepositoryUrl: 'https://git.example/blob/main', sourceRoot: '/repo' }, 'huntbook.config.yaml')
 *   // → [{ severity: 'warning', file: 'huntbook.config.yaml', field: 'sourceRepositoryUrl', code: 'source-link-unrelated', message: '1 rule file lies outside sourceRoot …' }]
 */
export function findUnlinkedSourceFiles(
  rules: readonly { file: string; absolutePath: string }[],
  config: { sourceRepositoryUrl?: string | undefined; sourceRoot: string },
  settingsFile: string,
): Finding[] {
  if (!config.sourceRepositoryUrl) return [];
  const outside = rules.filter((rule) => !isInside(config.sourceRoot, rule.absolutePath)).map((rule) => rule.file);
  if (outside.length === 0) return [];
  const named = outside.slice(0, NAMED_FILES).join(', ');
  const more = outside.length > NAMED_FILES ? ` and ${outside.length - NAMED_FILES} more` : '';
  const count = outside.length === 1 ? '1 rule file lies' : `${outside.length} rule files lie`;
  return [
    {
      severity: 'warning',
      file: settingsFile,
      field: 'sourceRepositoryUrl',
      code: 'source-link-unrelated',
      message: `${count} outside sourceRoot, so ${outside.length === 1 ? 'its page has' : 'their pages have'} no link into the repository (${named}${more}); set sourceRoot to the repository checkout that holds them`,
    },
  ];
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return !rel.startsWith('..') && !isAbsolute(rel);
}
