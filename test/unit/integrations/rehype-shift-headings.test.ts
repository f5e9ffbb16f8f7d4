import { describe, expect, test } from 'vitest';
import { rehypeShiftHeadings } from '../../../src/integrations/rehype-shift-headings.ts';

const heading = (tagName: string, text: string) => ({
  type: 'element',
  tagName,
  properties: {},
  children: [{ type: 'text', value: text }],
});

describe('runbook headings', () => {
  test('move one level down and get ids that cannot collide with page sections', () => {
    const tree = {
      type: 'root',
      children: [
        heading('h2', 'Data sources'),
        heading('h2', 'Triage'),
        heading('h3', 'Triage'),
        heading('h6', 'Deep'),
      ],
    };
    rehypeShiftHeadings()(tree);
    expect(tree.children.map((h) => `${h.tagName}#${(h.properties as { id: string }).id}`)).toEqual([
      'h3#notes-data-sources',
      'h3#notes-triage',
      'h4#notes-triage-2',
      'h6#notes-deep',
    ]);
  });
});
