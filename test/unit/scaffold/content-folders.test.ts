import { describe, expect, it } from 'vitest';
import { chooseContentFolders } from '../../../src/scaffold/content-folders.ts';
import { isRuleText, isRunbookText, readFrontmatterBlock } from '../../../src/scaffold/content-kinds.ts';

const content = (...paths: string[]) => paths.map((path) => ({ path, isContent: true }));
const other = (...paths: string[]) => paths.map((path) => ({ path, isContent: false }));

describe('chooseContentFolders', () => {
  it.each([
    {
      layout: 'a Sentinel checkout: one folder per kind, not per tool',
      files: [
        ...content('Detections/PDQ/a.yaml', 'Detections/RustDesk/b.yaml', 'Hunting Queries/PDQ/c.yaml'),
        ...other('Tools/build.yaml'),
      ],
      expected: [
        { path: 'Detections', contentFiles: 2, otherFiles: 0 },
        { path: 'Hunting Queries', contentFiles: 1, otherFiles: 0 },
      ],
    },
    {
      layout: 'content/ holding rules and a tool catalog',
      files: [...content('content/rules/a.yaml', 'content/rules/more/b.yaml'), ...other('content/tools/pdq.yaml')],
      expected: [{ path: 'content/rules', contentFiles: 2, otherFiles: 0 }],
    },
    {
      layout: 'rules beside other YAML in one folder',
      files: [...content('rules/a.yaml'), ...other('rules/template.yaml')],
      expected: [{ path: 'rules', contentFiles: 1, otherFiles: 1 }],
    },
    {
      layout: 'rules in the root',
      files: [...content('a.yaml', 'sub/b.yaml'), ...other('sub/c.yaml')],
      expected: [{ path: '.', contentFiles: 2, otherFiles: 1 }],
    },
    { layout: 'no rules', files: other('config.yaml'), expected: [] },
  ])('$layout', ({ files, expected }) => {
    expect(chooseContentFolders(files)).toEqual(expected);
  });
});

describe('content kinds', () => {
  it.each([
    ['id: 58cbbe97\nname: PDQ\nquery: |\n  DeviceNetworkEvents\n', true],
    ['\uFEFFname: PDQ\r\nquery: DeviceEvents\r\n', true],
    ['id: pdq\nname: PDQ\ndomains: [pdq.com]\n', false],
    ['queries:\n  - query: x\n    name: y\n', false],
    ['jobs:\n  build:\n    name: b\n    query: nested\n', false],
  ])('isRuleText(%j) → %j', (text, expected) => {
    expect(isRuleText(text)).toBe(expected);
  });

  it.each([
    ['---\nrule: 58cbbe97-f835-4677-9bee-203b1df29600\n---\n\n## Triage', true],
    ['\uFEFF---\r\nRule: x\r\n---\r\n', true],
    ['---\ntitle: About\n---\n', false],
    ['# Runbooks\n\nrule: not front matter', false],
  ])('isRunbookText(%j) → %j', (text, expected) => {
    expect(isRunbookText(text)).toBe(expected);
  });

  it('reads empty front matter as empty', () => {
    expect(readFrontmatterBlock('---\n---\nbody')).toBe('');
    expect(readFrontmatterBlock('no front matter')).toBeUndefined();
  });
});
