import { load as loadHtml } from 'cheerio';
import { load } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import type { SeedDocument } from '../../../src/import/seed-document.ts';
import { describeDataSources, toRunbookMarkdown, toSentence } from '../../../src/import/seed-to-content.ts';
import { renderRunbook } from '../../support/render-runbook.ts';

/** Text a hostile or careless hunting document may hold, each of which must render literally. */
const HOSTILE_TEXT = [
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '*bold* and _under_ and `tick`',
  'a | b | c',
  '# not a heading',
  '1. not a list',
  '> not a quote',
  '&amp; &#x3C; &lt;script&gt;',
  '~~not struck~~ www.example.org',
  '<https://example.org>',
  '![image](https://example.org/x.png)',
  '\\*escaped already\\*',
];

function toDocument(notes: string): SeedDocument {
  return {
    hypothesis: '<script>alert(1)</script>: a hypothesis',
    kqlSectionQuery: '',
    rule: {
      id: '11111111-2222-3333-4444-555555555555',
      name: 'Hostile seed',
      description: '',
      requiredDataConnectors: [{ connectorId: '<b>Connector</b>`x', dataTypes: ['DeviceEvents'] }],
      tactics: [],
      relevantTechniques: [],
      query: 'DeviceEvents\n',
    },
    tables: [{ table: 'DeviceEvents', notes }],
    falsePositives: [{ scenario: '"><script>alert(1)</script>', exclusion: "' onmouseover='alert(1)\n- not: yaml" }],
  };
}

/** The note's list item as a reader sees it, and the elements in it besides the two code spans. */
function readItem(html: string): { text: string; elements: string[] } {
  const $ = loadHtml(html, null, false);
  const item = $('li').first();
  const elements = item
    .find('*')
    .toArray()
    .filter((element) => element.name !== 'code')
    .map((element) => $.html(element));
  return { text: item.text(), elements };
}

/** GFM turns a bare web or mail address into a link showing the same text (as GitHub does). */
const AUTOLINK_RE = /^<a href="(?:https?:\/\/|mailto:)[^"]*">[^<]*<\/a>$/;

describe('imported text is shown as written', () => {
  test.each(HOSTILE_TEXT)('a table note %j', async (notes) => {
    const { text, elements } = readItem(await renderRunbook(describeDataSources(toDocument(notes))));
    expect(text).toBe(`DeviceEvents (from the <b>Connector</b>\`x connector): ${toSentence(notes)}`);
    expect(elements.filter((element) => !AUTOLINK_RE.test(element))).toEqual([]);
  });

  test('the same text renders literally when the site allows HTML', async () => {
    const notes = '<img src=x onerror=alert(1)> [x](javascript:alert(1)) *b*';
    const html = await renderRunbook(describeDataSources(toDocument(notes)), { allowHtml: true });
    expect(readItem(html)).toEqual({
      text: `DeviceEvents (from the <b>Connector</b>\`x connector): ${notes}.`,
      elements: [],
    });
  });

  test('front matter text stays valid YAML and reads back unchanged', () => {
    const doc = toDocument('n');
    const frontmatter = /^---\n([\s\S]*?)\n---\n/.exec(toRunbookMarkdown(doc))?.[1] ?? '';
    expect(load(frontmatter)).toEqual({
      rule: doc.rule.id,
      hypothesis: doc.hypothesis,
      falsePositives: doc.falsePositives,
    });
  });
});
