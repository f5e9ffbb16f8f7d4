/**
 * Entry data kept in build-cache files beside the content store rather than in it. Astro
 * bundles the whole content store into the page build as one string literal and holds it in
 * memory while pages render; rules and runbooks are most of it, and kept out, bundling is
 * faster and the build much smaller (docs/performance.md). The store keeps a digest
 * of each entry's data, which tells Astro (and `astro dev`) when the entry changed and tells
 * pages that the file they read is the one the loader wrote with it.
 */
import { readFileSync } from 'node:fs';
import { digest } from './digest.ts';
import { toStorePath } from './store.ts';
import { writeFileAtomically } from './write-file-atomically.ts';

/** What the store keeps of an entry whose data is kept aside. */
export interface PayloadDigest {
  digest: string;
}

/** A payload file: each entry's data and its digest, by entry id. */
interface PayloadFile<T> {
  entries: Record<string, StoredPayload<T>>;
}

interface StoredPayload<T> {
  digest: string;
  data: T;
  /** Values JSON cannot carry, by where they sit in `data`; absent when there are none. */
  special?: SpecialValue[];
}

/**
 * A value YAML can give that JSON cannot carry: a date (`lastUpdated: 2024-05-01`), kept as its
 * ISO text, or `.nan` / `.inf`, kept as `NaN` / `Infinity` / `-Infinity`.
 */
type SpecialValue = [path: (string | number)[], kind: 'date' | 'number', text: string];

/**
 * The file a collection's payloads are kept in.
 * @example toPayloadFile('node_modules/.cache/huntbook', 'rules') // → 'node_modules/.cache/huntbook/rules-payloads.json'
 */
export function toPayloadFile(dir: string, collection: string): string {
  return toStorePath(dir, `${collection}-payloads.json`);
}

/**
 * Writes the entries' data to the collection's payload file (`writeFileAtomically`) and
 * returns what the store keeps instead.
 * @example const digests = writePayloads(cacheDir, 'rules', [{ id, data }]); // → [{ id, data: { digest: '9f86…' } }]
 */
export function writePayloads<T>(
  dir: string,
  collection: string,
  entries: readonly { id: string; data: T }[],
): { id: string; data: PayloadDigest }[] {
  // Each entry's JSON is made once, for its digest and for the file.
  const parts: string[] = [];
  const digests = entries.map(({ id, data }) => {
    const json = JSON.stringify(data);
    const special = findSpecialValues(data);
    const specialJson = special.length > 0 ? JSON.stringify(special) : '';
    const dataDigest = digest(json, specialJson);
    const extra = specialJson ? `,"special":${specialJson}` : '';
    parts.push(`${JSON.stringify(id)}:{"digest":"${dataDigest}","data":${json}${extra}}`);
    return { id, data: { digest: dataDigest } };
  });
  writeFileAtomically(toPayloadFile(dir, collection), `{"entries":{${parts.join(',')}}}`);
  return digests;
}

/**
 * Reads a collection's payload file and answers each entry's data, checked against the
 * digest in its store entry: data that is missing or from another load is an error naming
 * the entry, never stale content on a page.
 * @example const dataOf = readPayloads<RulePayload>(cacheDir, 'rules'); dataOf(entry.id, entry.data) // → { file, rule, queryNotes }
 */
export function readPayloads<T>(dir: string, collection: string): (id: string, stored: PayloadDigest) => T {
  const file = toPayloadFile(dir, collection);
  let entries: PayloadFile<T>['entries'];
  try {
    entries = (JSON.parse(readFileSync(file, 'utf8')) as PayloadFile<T>).entries;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read the ${collection} from the build cache (${file}): ${reason}; build again`);
  }
  for (const entry of Object.values(entries)) {
    for (const special of entry.special ?? []) restoreSpecialValue(entry.data, special);
  }
  return (id, stored) => {
    const entry = Object.hasOwn(entries, id) ? entries[id] : undefined;
    if (entry?.digest !== stored.digest) {
      throw new Error(
        `${collection} entry ${id}: its data in the build cache (${file}) is missing or out of date; build again`,
      );
    }
    return entry.data;
  };
}

/**
 * True when `value` holds a date or a non-finite number, which JSON would turn into text and `null`.
 * @example holdsNonJsonValues({ reviewed: new Date('2024-05-01') }) // → true
 */
export function holdsNonJsonValues(value: unknown): boolean {
  return findSpecialValues(value).length > 0;
}

/** Where `value` holds dates or non-finite numbers, which JSON would turn into text and `null`. */
function findSpecialValues(value: unknown, path: (string | number)[] = [], found: SpecialValue[] = []): SpecialValue[] {
  if (value instanceof Date) found.push([[...path], 'date', value.toISOString()]);
  else if (typeof value === 'number' && !Number.isFinite(value)) found.push([[...path], 'number', String(value)]);
  else if (value !== null && typeof value === 'object') {
    const items = Array.isArray(value) ? value.entries() : Object.entries(value);
    for (const [key, item] of items) {
      path.push(key);
      findSpecialValues(item, path, found);
      path.pop();
    }
  }
  return found;
}

function restoreSpecialValue(data: unknown, [path, kind, text]: SpecialValue): void {
  const restored = kind === 'date' ? new Date(text) : Number(text);
  const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], data);
  const last = path.at(-1);
  if (last !== undefined && parent !== null && typeof parent === 'object') {
    (parent as Record<string | number, unknown>)[last] = restored;
  }
}
