interface HastNode {
  type: string;
  tagName?: string;
  children?: HastNode[];
}

const HEADING_RE = /^h([1-6])$/;

/**
 * Rehype plugin: moves every heading one level down (h2 → h3), because runbook notes are
 * shown inside the page's own "Triage notes" section (an h2), and an outline must not jump.
 */
export function rehypeShiftHeadings() {
  return (tree: HastNode) => shift(tree);
}

function shift(node: HastNode): void {
  const level = node.type === 'element' ? HEADING_RE.exec(node.tagName ?? '')?.[1] : undefined;
  if (level) node.tagName = `h${Math.min(Number(level) + 1, 6)}`;
  for (const child of node.children ?? []) shift(child);
}
