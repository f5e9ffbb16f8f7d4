/**
 * How a field that Sentinel keeps as a list of strings (`tactics`, `relevantTechniques`) is
 * read from whatever the file holds. A single string is a valid form of a one-item list;
 * numbers and booleans are read as text; a list inside the list is read as its items. Only a
 * mapping cannot be read as text: it is left out.
 */
export interface StringList {
  items: string[];
  /** What was read other than as written, each with the item's index in the field's list (if any). */
  problems: { index?: number; message: string }[];
}

/**
 * @example readStringList('T1219') // → { items: ['T1219'], problems: [] }
 * @example readStringList([['Persistence', 'Execution']]).items // → ['Persistence', 'Execution']
 * @example readStringList({ a: 1 }).problems[0].message // → 'is a mapping, not a string or a list of strings: left out'
 */
export function readStringList(value: unknown): StringList {
  if (value === null || value === undefined) return { items: [], problems: [] };
  if (!Array.isArray(value)) {
    const item = readScalar(value);
    return item === undefined
      ? { items: [], problems: [{ message: 'is a mapping, not a string or a list of strings: left out' }] }
      : { items: [item], problems: [] };
  }
  const items: string[] = [];
  const problems: StringList['problems'] = [];
  value.forEach((entry, index) => {
    if (entry === null || entry === undefined) return;
    if (Array.isArray(entry)) {
      const inner = entry.flatMap((innerEntry) => readScalar(innerEntry) ?? []);
      items.push(...inner);
      problems.push({ index, message: `item ${index + 1} is a list inside the list: read as ${inner.join(', ')}` });
      return;
    }
    const item = readScalar(entry);
    if (item === undefined) problems.push({ index, message: `item ${index + 1} is a mapping, not a string: left out` });
    else items.push(item);
  });
  return { items, problems };
}

function readScalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}
