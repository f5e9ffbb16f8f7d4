import { expect, test } from 'vitest';
import { rehypeNotesFragmentLinks } from '../../../src/integrations/rehype-notes-fragment-links.ts';

const element = (tagName: string, properties: Record<string, unknown>) => ({
  type: 'element',
  tagName,
  properties,
  children: [],
});

test.each([
  { href: '#data-sources', ids: ['notes-data-sources'], expected: '#notes-data-sources' },
  { href: '#caf%C3%A9', ids: ['notes-café'], expected: '#notes-café' },
  { href: '#query', ids: ['notes-steps'], expected: '#query' },
  { href: '#both', ids: ['both', 'notes-both'], expected: '#both' },
  { href: '#notes-steps', ids: ['notes-steps'], expected: '#notes-steps' },
  { href: '#%E0%A4%A', ids: ['notes-x'], expected: '#%E0%A4%A' },
  { href: 'https://example.org/#steps', ids: ['notes-steps'], expected: 'https://example.org/#steps' },
])('a link to $href among ids $ids points at $expected', ({ href, ids, expected }) => {
  const link = element('a', { href });
  const tree = { type: 'root', children: [...ids.map((id) => element('h3', { id })), link] };
  rehypeNotesFragmentLinks()(tree);
  expect(link.properties.href).toBe(expected);
});
