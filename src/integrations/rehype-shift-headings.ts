import { toSlug } from '../model/slug.ts';

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

const HEADING_RE = /^h([1-6])$/;
/** Runbook heading ids carry this prefix so they never collide with the page's own section ids. */
export const NOTES_ID_PREFIX = 'notes-';

/**
 * Rehype plugin for runbook bodies, which are shown inside the page's own "Triage notes"
 * section (an h2): moves every heading one level down (h2 → h3) so the outline does not jump,
 * and gives each an id under `notes-` so a runbook's "Data sources" heading cannot take the
 * page's `#data-sources`.
 */
export function rehypeShiftHeadings() {
  return (tree: HastNode) => {
    const used = new Set<string>();
    visitHeadings(tree, (heading, level) => {
      heading.tagName = `h${Math.min(level + 1, 6)}`;
      const base = `${NOTES_ID_PREFIX}${toSlug(textOf(heading)) || 'section'}`;
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      heading.properties = { ...heading.properties, id };
    });
  };
}

function visitHeadings(node: HastNode, onHeading: (heading: HastNode, level: number) => void): void {
  const level = node.type === 'element' ? HEADING_RE.exec(node.tagName ?? '')?.[1] : undefined;
  if (level) onHeading(node, Number(level));
  for (const child of node.children ?? []) visitHeadings(child, onHeading);
}

function textOf(node: HastNode): string {
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}
