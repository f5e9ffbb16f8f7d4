import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoaderContext } from 'astro/loaders';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type PayloadDigest, readPayloads } from '../../../src/build-cache/content-payloads.ts';
import { isWatchedBy, runbooksLoader, toRootPath } from '../../../src/loaders/astro-loaders.ts';
import { toContentLocation, toExcludePattern } from '../../../src/loaders/content-location.ts';
import { PROJECT_ROOT } from '../../support/build-site.ts';

interface StoredEntry {
  id: string;
  data: PayloadDigest;
  body?: string;
  digest?: string;
  rendered?: { html: string };
}

const RULE_A = '58cbbe97-f835-4677-9bee-203b1df29600';
const RULE_B = '9d6ce6ba-f13e-473c-ac2b-56b74c4a5900';

const runbook = (rule: string, body: string) =>
  `---\nrule: ${rule}\nhypothesis: Someone uses a remote tool.\n---\n${body}\n`;

/** Just enough of Astro's loader context: a digest-aware store and a Markdown renderer that counts. */
function createContext() {
  const entries = new Map<string, StoredEntry>();
  const rendered: string[] = [];
  const store = {
    get: (id: string) => entries.get(id),
    set: (entry: StoredEntry) => {
      if (entry.digest !== undefined && entries.get(entry.id)?.digest === entry.digest) return false;
      entries.set(entry.id, entry);
      return true;
    },
    delete: (id: string) => entries.delete(id),
    keys: () => [...entries.keys()],
    entries: () => [...entries.entries()],
    values: () => [...entries.values()],
    has: (id: string) => entries.has(id),
    clear: () => entries.clear(),
  };
  const context = {
    store,
    generateDigest: (data: string) => createHash('sha256').update(data).digest('hex'),
    renderMarkdown: async (body: string) => {
      rendered.push(body.trim());
      return { html: `<p>${body.trim()}</p>`, metadata: {} };
    },
    logger: { warn: () => {}, info: () => {}, error: () => {}, debug: () => {} },
  } as unknown as LoaderContext;
  return { context, entries, rendered };
}

// Inside the project, so entries get project-relative file paths as the build gives them.
let dir: string;
beforeEach(() => {
  mkdirSync(join(PROJECT_ROOT, '.huntbook'), { recursive: true });
  dir = mkdtempSync(join(PROJECT_ROOT, '.huntbook', 'loader-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('directory loaders keep unchanged entries', () => {
  test('a second load renders only the runbooks that changed and drops deleted ones', async () => {
    writeFileSync(join(dir, 'a.md'), runbook(RULE_A, 'First notes.'));
    writeFileSync(join(dir, 'b.md'), runbook(RULE_B, 'Other notes.'));
    const loader = runbooksLoader([dir], join(dir, '.cache'));
    const { context, entries, rendered } = createContext();

    await loader.load(context);
    expect(rendered.sort()).toEqual(['First notes.', 'Other notes.']);
    const keptB = entries.get(RULE_B);

    writeFileSync(join(dir, 'a.md'), runbook(RULE_A, 'Revised notes.'));
    await loader.load(context);
    expect(rendered.sort()).toEqual(['First notes.', 'Other notes.', 'Revised notes.']);
    expect(entries.get(RULE_A)?.rendered?.html).toBe('<p>Revised notes.</p>');
    expect(entries.get(RULE_B)).toBe(keptB);

    unlinkSync(join(dir, 'b.md'));
    await loader.load(context);
    expect([...entries.keys()]).toEqual([RULE_A]);
    expect(rendered).toHaveLength(3);
  });

  test('a change to the front matter alone renders the body again', async () => {
    writeFileSync(join(dir, 'a.md'), runbook(RULE_A, 'Notes.'));
    const loader = runbooksLoader([dir], join(dir, '.cache'));
    const { context, entries, rendered } = createContext();
    await loader.load(context);

    writeFileSync(join(dir, 'a.md'), runbook(RULE_A, 'Notes.').replace('Someone', 'An insider'));
    await loader.load(context);
    expect(rendered).toEqual(['Notes.', 'Notes.']);
    const runbookOf = readPayloads<{ hypothesis: string }>(join(dir, '.cache'), 'runbooks');
    expect(runbookOf(RULE_A, entries.get(RULE_A)?.data ?? { digest: '' }).hypothesis).toBe(
      'An insider uses a remote tool.',
    );
  });

  test('a change to the markdown settings renders every body again', async () => {
    writeFileSync(join(dir, 'a.md'), runbook(RULE_A, 'Notes.'));
    const { context, rendered } = createContext();
    await runbooksLoader([dir], join(dir, '.cache'), { allowHtml: false }).load(context);
    await runbooksLoader([dir], join(dir, '.cache'), { allowHtml: false }).load(context);
    expect(rendered).toEqual(['Notes.']);
    await runbooksLoader([dir], join(dir, '.cache'), { allowHtml: true }).load(context);
    expect(rendered).toEqual(['Notes.', 'Notes.']);
  });

  test('the store keeps a digest of the data, which is kept in the payload file', async () => {
    writeFileSync(join(dir, 'a.md'), runbook(RULE_A, 'Notes.'));
    const { context, entries } = createContext();
    await runbooksLoader([dir], join(dir, '.cache')).load(context);
    const stored = entries.get(RULE_A)?.data ?? { digest: '' };
    expect(Object.keys(stored)).toEqual(['digest']);
    const runbookOf = readPayloads<{ rule: string; file: string }>(join(dir, '.cache'), 'runbooks');
    expect(runbookOf(RULE_A, stored)).toMatchObject({ rule: RULE_A, file: expect.stringMatching(/a\.md$/) });
    expect(() => runbookOf(RULE_A, { digest: 'stale' })).toThrow(
      `runbooks entry ${RULE_A}: its data in the build cache (${join(dir, '.cache', 'runbooks-payloads.json')}) is missing or out of date; build again`,
    );
  });
});

describe('toRootPath', () => {
  test.each([
    { file: 'content/rules/a.yaml', root: '/srv/huntbook', path: 'content/rules/a.yaml' },
    { file: '/srv/huntbook/content/a.yaml', root: '/srv/huntbook', path: 'content/a.yaml' },
    { file: '/home/soc/detections/a.yaml', root: '/srv/huntbook', path: '../../home/soc/detections/a.yaml' },
  ])('$file from $root → $path', ({ file, root, path }) => {
    expect(toRootPath(file, root)).toBe(path);
  });
});

describe('dev-server watching follows patterns and exclude patterns', () => {
  const origin = { kind: 'settings' as const, setting: 'content.rules', written: '' };
  const location = toContentLocation('detections/**/*.yaml', '/repo', origin, [
    toExcludePattern('**/templates/**', '/repo'),
  ]);
  test.each([
    { path: '/repo/detections/a/b.yaml', watched: true },
    { path: '/repo/detections/templates/t.yaml', watched: false },
    { path: '/repo/other/c.yaml', watched: false },
    { path: '/repo/detections-old/c.yaml', watched: false },
  ])('$path: $watched', ({ path, watched }) => {
    expect(isWatchedBy(location, path)).toBe(watched);
  });
});
