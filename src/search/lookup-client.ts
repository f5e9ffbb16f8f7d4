// The indicator lookup in the browser: loads the lookup manifest and the shards a pasted value
// needs (once each, when the reader first types), and shows the rules and tools that match it
// above Pagefind's full-text results. Everything from the index is set as text, never as HTML.

import { describeMatch, type LookupHit, type LookupResults, lookUpValue } from '../lookup/lookup.ts';
import {
  decodeShard,
  LOOKUP_SHARD_EXTENSION,
  type LookupManifest,
  type LookupShard,
  parseLookupManifest,
} from '../lookup/lookup-format.ts';

/** Reads the index under `lookupPath` (e.g. `/soc/lookup/`), each file fetched once per page. */
export function createLookupSource(lookupPath: string) {
  let manifest: Promise<LookupManifest> | undefined;
  const shards = new Map<number, Promise<LookupShard>>();
  const fetchFile = async (file: string): Promise<Response> => {
    // Revalidated like the search index: the lookup changes with every build's content.
    const response = await fetch(`${lookupPath}${file}`, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`${lookupPath}${file}: HTTP ${response.status}`);
    return response;
  };
  const loadShard = (shard: number) => {
    let loading = shards.get(shard);
    if (!loading) {
      loading = fetchFile(`${shard}.${LOOKUP_SHARD_EXTENSION}`)
        .then((response) => response.arrayBuffer())
        .then((buffer) => decodeShard(new Uint8Array(buffer)));
      shards.set(shard, loading);
    }
    return loading;
  };
  return {
    async lookUp(pasted: string): Promise<LookupResults> {
      manifest ??= fetchFile('manifest.json')
        .then((response) => response.json())
        .then(parseLookupManifest);
      return lookUpValue(pasted, await manifest, loadShard);
    },
  };
}

/**
 * Shows lookup results in `container` for whatever is typed into a search box inside `scope`
 * (the search page's, or the dialog's, which Pagefind creates later: hence the delegation).
 */
export function attachLookup(scope: HTMLElement, container: HTMLElement, lookupPath: string): void {
  const source = createLookupSource(lookupPath);
  let latest = 0;
  const show = async (pasted: string) => {
    const asked = ++latest;
    if (pasted.trim().length === 0) {
      renderLookupResults(container, undefined);
      return;
    }
    try {
      const results = await source.lookUp(pasted);
      // A slower answer to an earlier keystroke must not replace a newer one.
      if (asked === latest) renderLookupResults(container, results);
    } catch (error) {
      console.error('The indicator lookup is unavailable:', error);
      if (asked === latest) renderLookupResults(container, undefined);
    }
  };
  scope.addEventListener('input', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement) void show(target.value);
  });
}

/** Replaces the container's content with the grouped results; hides it when nothing matched. */
export function renderLookupResults(container: HTMLElement, results: LookupResults | undefined): void {
  container.replaceChildren();
  const groups = results
    ? [
        { heading: 'Rules that match this value', hits: results.rules, kind: 'rules' },
        { heading: 'Tools that match this value', hits: results.tools, kind: 'tools' },
      ].filter((group) => group.hits.length > 0)
    : [];
  container.hidden = groups.length === 0;
  for (const group of groups) {
    const section = document.createElement('section');
    section.className = 'lookup-group';
    section.dataset.lookupGroup = group.kind;
    const heading = document.createElement('h2');
    heading.textContent = group.heading;
    const list = document.createElement('ul');
    list.append(...group.hits.map(renderHit));
    section.append(heading, list);
    container.append(section);
  }
}

const SITE_PATH_RE = /^\/(?!\/)/;

function renderHit(hit: LookupHit): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  // Only paths on this site: the index is the build's own, but a link is never taken on trust.
  link.href = SITE_PATH_RE.test(hit.url) ? hit.url : '#';
  link.textContent = hit.title;
  const how = document.createElement('span');
  how.className = 'lookup-how mono';
  how.textContent = hit.matches.map(describeMatch).join('; ');
  item.append(link, how);
  return item;
}
