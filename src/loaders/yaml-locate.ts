import type { FieldLocator } from '../checks/zod-findings.ts';

const TOP_LEVEL_KEY_RE = /^([A-Za-z_][\w-]*)\s*:/;
const LIST_ITEM_RE = /^(\s*)-(\s+|$)/;

/**
 * Places a field path (`['relevantTechniques', 1]`) in the YAML text it came from, by
 * looking at the text's layout. js-yaml keeps no positions, and a line number is what an
 * author needs to find the problem. Covers the block style that rule files use; a path it
 * cannot place falls back to its top-level key.
 */
export function createYamlLocator(text: string, lineOffset = 0): FieldLocator {
  const lines = text.split('\n');
  const keyLine = new Map<string, number>();
  lines.forEach((line, index) => {
    const match = TOP_LEVEL_KEY_RE.exec(line);
    if (match?.[1] && !keyLine.has(match[1])) keyLine.set(match[1], index);
  });

  return (path) => {
    const [key, ...rest] = path;
    if (typeof key !== 'string') return undefined;
    const start = keyLine.get(key);
    if (start === undefined) return undefined;
    const end = findBlockEnd(lines, start);
    const at = (index: number, column = 1) => ({ line: index + 1 + lineOffset, column });
    const [itemIndex, subKey] = rest;
    if (typeof itemIndex !== 'number') return at(start);

    const keyText = lines[start] ?? '';
    const inlineValue = keyText.slice(keyText.indexOf(':') + 1);
    if (inlineValue.trim() && !inlineValue.trim().startsWith('[')) {
      // A single value written on the key's own line: point at the value.
      return at(start, keyText.indexOf(':') + 2 + (inlineValue.length - inlineValue.trimStart().length));
    }
    const items = findListItems(lines, start + 1, end);
    const item = items[itemIndex];
    if (!item) return at(start);
    if (typeof subKey === 'string') {
      const itemEnd = items[itemIndex + 1]?.index ?? end;
      const subKeyRe = new RegExp(`(?<![\\w-])${escapeRegExp(subKey)}\\s*:`);
      for (let index = item.index; index < itemEnd; index++) {
        const column = (lines[index] ?? '').search(subKeyRe);
        if (column >= 0) return at(index, column + 1);
      }
    }
    return at(item.index, item.column);
  };
}

/** The first line after `start` that begins another top-level key. */
function findBlockEnd(lines: readonly string[], start: number): number {
  for (let index = start + 1; index < lines.length; index++) {
    if (TOP_LEVEL_KEY_RE.test(lines[index] ?? '')) return index;
  }
  return lines.length;
}

/** List items of the outermost list in a block: the `-` lines at the smallest indent. */
function findListItems(lines: readonly string[], from: number, to: number) {
  const candidates: { index: number; indent: number; column: number }[] = [];
  for (let index = from; index < to; index++) {
    const match = LIST_ITEM_RE.exec(lines[index] ?? '');
    if (match) {
      const indent = match[1]?.length ?? 0;
      candidates.push({ index, indent, column: match[0].length + 1 });
    }
  }
  const outer = Math.min(...candidates.map((c) => c.indent));
  return candidates.filter((c) => c.indent === outer);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
