import { NOTES_ID_PREFIX } from './rehype-shift-headings.ts';

interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/**
 * Rehype plugin for runbook bodies, run after every id has its `notes-` prefix (headings by
 * rehypeShiftHeadings, other elements by the sanitiser): an author writes `[see](#data-sources)`
 * for their "Data sources" heading, whose id is now `notes-data-sources`, so a fragment link
 * that names no id in the body but names one once prefixed is pointed there. Links to ids that
 * exist as written (the page's own sections) are left alone.
 * @example `<a href="#data-sources">` beside `<h3 id="notes-data-sources">` → `<a href="#notes-data-sources">`
 */
export function rehypeNotesFragmentLinks() {
  return (tree: HastNode) => {
    const ids = new Set<string>();
    const links: HastNode[] = [];
    visitElements(tree, (element) => {
      const id = element.properties?.id;
      if (typeof id === 'string') ids.add(id);
      if (element.tagName === 'a' && typeof element.properties?.href === 'string') links.push(element);
    });
    for (const link of links) {
      const href = link.properties?.href as string;
      if (!href.startsWith('#')) continue;
      const target = decodeFragment(href.slice(1));
      const prefixed = `${NOTES_ID_PREFIX}${target}`;
      if (!ids.has(target) && ids.has(prefixed)) link.properties = { ...link.properties, href: `#${prefixed}` };
    }
  };
}

function visitElements(node: HastNode, onElement: (element: HastNode) => void): void {
  if (node.type === 'element') onElement(node);
  for (const child of node.children ?? []) visitElements(child, onElement);
}

/** `#caf%C3%A9` names the id `café`; a malformed escape is taken as written. */
function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
