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

const KEY_LINE_RE = /^(\s*)(?:"([^"]*)"|'([^']*)'|([^\s#'"][^:#]*?))\s*:(?:\s|$)/;

interface KeyLine {
  index: number;
  indent: number;
  /** Where the value starts on the key's own line, when it is written there. */
  valueColumn?: number;
}

/**
 * Places a path of mapping keys and list indexes (`['content', 'rules', 1]`) in block-style
 * YAML such as a settings file: a key at its own line and column, a list item at its value,
 * in a block list (`- detections/`) or a flow list (`[rules, hunting/**\/*.yaml]`).
 * @example createMappingLocator('content:\n  rules: [a, b]\n')(['content', 'rules', 1]) // → { line: 2, column: 14 }
 */
export function createMappingLocator(text: string): FieldLocator {
  const lines = text.split('\n');
  return (path) => {
    let block = { from: 0, to: lines.length, indent: -1 };
    let key: KeyLine | undefined;
    let at: { line: number; column: number } | undefined;
    for (const segment of path) {
      if (typeof segment === 'string') {
        key = findChildKey(lines, block, segment);
        if (!key) return at;
        at = { line: key.index + 1, column: key.indent + 1 };
        block = { from: key.index + 1, to: findKeyBlockEnd(lines, key), indent: key.indent };
        continue;
      }
      if (typeof segment !== 'number' || !key) return at;
      const item = locateListItem(lines, key, block, segment);
      if (!item) return at;
      at = item;
      key = undefined;
    }
    return at;
  };
}

function findChildKey(lines: readonly string[], block: { from: number; to: number; indent: number }, name: string) {
  let childIndent: number | undefined;
  for (let index = block.from; index < block.to; index++) {
    const line = lines[index] ?? '';
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const match = KEY_LINE_RE.exec(line);
    if (!match) continue;
    const indent = match[1]?.length ?? 0;
    if (indent <= block.indent) continue;
    childIndent ??= indent;
    if (indent !== childIndent) continue;
    if ((match[2] ?? match[3] ?? match[4]) !== name) continue;
    const rest = line.slice(match[0].length);
    const valueStart = rest.length - rest.trimStart().length;
    const hasValue = rest.trim() !== '' && !rest.trim().startsWith('#');
    return {
      index,
      indent,
      ...(hasValue ? { valueColumn: match[0].length + valueStart + 1 } : {}),
    } satisfies KeyLine;
  }
  return undefined;
}

/** The line after a key's block: the next content line indented no deeper, other than a list item at the key's indent. */
function findKeyBlockEnd(lines: readonly string[], key: KeyLine): number {
  for (let index = key.index + 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (indent < key.indent || (indent === key.indent && !line.trimStart().startsWith('-'))) return index;
  }
  return lines.length;
}

function locateListItem(
  lines: readonly string[],
  key: KeyLine,
  block: { from: number; to: number },
  itemIndex: number,
): { line: number; column: number } | undefined {
  const keyLine = lines[key.index] ?? '';
  if (key.valueColumn !== undefined) {
    const value = keyLine.slice(key.valueColumn - 1);
    if (!value.startsWith('[')) return { line: key.index + 1, column: key.valueColumn };
    // A flow list on one line: items are separated by commas (patterns with `{a,b}` are quoted or rare here).
    let column = key.valueColumn + 1;
    const items = value.slice(1).split(',');
    for (const [index, item] of items.entries()) {
      if (index === itemIndex) return { line: key.index + 1, column: column + (item.length - item.trimStart().length) };
      column += item.length + 1;
    }
    return { line: key.index + 1, column: key.valueColumn };
  }
  const items = findListItems(lines, block.from, block.to);
  const item = items[itemIndex];
  return item ? { line: item.index + 1, column: item.column } : undefined;
}
