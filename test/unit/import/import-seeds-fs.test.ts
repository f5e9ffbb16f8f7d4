import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportIo, ImportOptions } from '../../../src/import/import-seeds.ts';
import { runImport } from '../../../src/import/import-seeds-fs.ts';
import { parseSeedDocument } from '../../../src/import/seed-document.ts';
import { toRuleYaml, toRunbookMarkdown } from '../../../src/import/seed-to-content.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/seeds/', import.meta.url));
const PDQ = 'remote-management-and-monitoring-tool-pdq-network-connection';
const RUSTDESK = 'remote-management-and-monitoring-tool-rustdesk-network-connection';
const PDQ_SEED = '000_8825eeb8d712c845.txt';
const RUSTDESK_SEED = '002_6103018d39b736bc.txt';

describe('runImport', () => {
  let root: string;
  let out: string[];
  let err: string[];
  const io = (): ImportIo => ({ cwd: root, stdout: (line) => out.push(line), stderr: (line) => err.push(line) });
  const run = (options: Partial<ImportOptions> = {}) =>
    runImport({ inputs: ['seeds'], out: 'content', force: false, ...options }, io());
  const readOut = (relative: string) => readFile(path.join(root, 'content', relative), 'utf8');

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'huntbook-import-'));
    await cp(FIXTURES, path.join(root, 'seeds'), { recursive: true });
    out = [];
    err = [];
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes a rule and a runbook per seed and says so', async () => {
    const summary = await run();
    expect(summary.exitCode).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual([
      `written content/rules/${PDQ}.yaml (from seeds/${PDQ_SEED})`,
      `written content/runbooks/${PDQ}.md (from seeds/${PDQ_SEED})`,
      `written content/rules/${RUSTDESK}.yaml (from seeds/${RUSTDESK_SEED})`,
      `written content/runbooks/${RUSTDESK}.md (from seeds/${RUSTDESK_SEED})`,
      'Imported 2 of 2 documents: 4 files written, 0 skipped, 0 warnings, 0 failed.',
    ]);

    const seedText = await readFile(path.join(FIXTURES, PDQ_SEED), 'utf8');
    const document = parseSeedDocument(seedText, PDQ_SEED).document;
    expect(document).toBeDefined();
    if (!document) return;
    expect(await readOut(`rules/${PDQ}.yaml`)).toBe(toRuleYaml(document));
    expect(await readOut(`runbooks/${PDQ}.md`)).toBe(toRunbookMarkdown(document));
  });

  it('refuses to overwrite without --force and says why', async () => {
    await run();
    const edited = 'id: hand-edited\n';
    await writeFile(path.join(root, 'content/rules', `${PDQ}.yaml`), edited);
    out = [];

    const summary = await run();
    expect(summary.exitCode).toBe(0);
    expect(summary.written).toEqual([]);
    expect(out[0]).toBe(
      `skipped content/rules/${PDQ}.yaml (from seeds/${PDQ_SEED}): it already exists; pass --force to replace it`,
    );
    expect(out.at(-1)).toBe('Imported 2 of 2 documents: 0 files written, 4 skipped, 0 warnings, 0 failed.');
    expect(await readOut(`rules/${PDQ}.yaml`)).toBe(edited);
  });

  it('overwrites with --force', async () => {
    await run();
    await writeFile(path.join(root, 'content/rules', `${PDQ}.yaml`), 'id: hand-edited\n');
    out = [];

    const summary = await run({ force: true });
    expect(summary.exitCode).toBe(0);
    expect(out[0]).toBe(`replaced content/rules/${PDQ}.yaml (from seeds/${PDQ_SEED})`);
    expect(out.at(-1)).toBe('Imported 2 of 2 documents: 4 files written, 0 skipped, 0 warnings, 0 failed.');
    expect(await readOut(`rules/${PDQ}.yaml`)).toMatch(/^id: 58cbbe97-f835-4677-9bee-203b1df29600\n/);
  });

  it('keeps importing the other documents when one is broken, and exits 1', async () => {
    await mkdir(path.join(root, 'seeds/nested'));
    await writeFile(path.join(root, 'seeds/broken.txt'), 'Just a hypothesis.\nid: 1\n');
    await cp(path.join(FIXTURES, RUSTDESK_SEED), path.join(root, 'seeds/nested/rustdesk.md'));
    await rm(path.join(root, 'seeds', RUSTDESK_SEED));

    const summary = await run();
    expect(summary.exitCode).toBe(1);
    expect(err).toEqual([
      'error   seeds/broken.txt: no "KQL Query" line',
      'error   seeds/broken.txt: no "Scenario:" entries',
      'warning seeds/broken.txt: no "| Sentinel Table | Notes |" table; the runbook lists the connector tables instead',
      'error   seeds/broken.txt: Sentinel YAML block has no "name:"',
      'error   seeds/broken.txt: Sentinel YAML block has no "query:"',
    ]);
    expect(out).toEqual([
      `written content/rules/${PDQ}.yaml (from seeds/${PDQ_SEED})`,
      `written content/runbooks/${PDQ}.md (from seeds/${PDQ_SEED})`,
      `written content/rules/${RUSTDESK}.yaml (from seeds/nested/rustdesk.md)`,
      `written content/runbooks/${RUSTDESK}.md (from seeds/nested/rustdesk.md)`,
      'Imported 2 of 3 documents: 4 files written, 0 skipped, 1 warning, 1 failed.',
    ]);
  });

  it('reports a missing input and a seed with a KQL mismatch', async () => {
    const text = await readFile(path.join(FIXTURES, PDQ_SEED), 'utf8');
    await writeFile(path.join(root, 'pdq.txt'), text.replace("'cfcdn.pdq.com'\n)", "'cdn.pdq.com'\n)"));

    const summary = await run({ inputs: ['missing', 'pdq.txt'] });
    expect(summary.exitCode).toBe(1);
    expect(err).toEqual([
      'error   missing: no such file or folder',
      'warning pdq.txt:12: the query under "KQL Query" differs from the YAML "query:" (first at query line 10); keeping the YAML one',
    ]);
    expect(out.at(-1)).toBe('Imported 1 of 2 documents: 2 files written, 0 skipped, 1 warning, 1 failed.');
  });

  it('refuses two seeds that would share a file name or rule id', async () => {
    await cp(path.join(FIXTURES, PDQ_SEED), path.join(root, 'seeds/zz-copy.txt'));
    const summary = await run();
    expect(summary.exitCode).toBe(1);
    expect(err).toEqual([
      `error   seeds/zz-copy.txt: file name "${PDQ}" is already used by seeds/${PDQ_SEED} in this import`,
      `error   seeds/zz-copy.txt: id: rule id 58cbbe97-f835-4677-9bee-203b1df29600 is already imported from seeds/${PDQ_SEED}`,
    ]);
    expect(summary.written).toHaveLength(4);
  });

  it('writes nothing for a seed the rule schema would reject', async () => {
    const text = await readFile(path.join(FIXTURES, PDQ_SEED), 'utf8');
    await writeFile(path.join(root, 'bad-id.txt'), text.replace('id: 58cbbe97-', 'id: not-a-guid-'));

    const summary = await run({ inputs: ['bad-id.txt'] });
    expect(summary.exitCode).toBe(1);
    expect(err).toEqual([
      'error   bad-id.txt: id: the generated rule is invalid: is not a GUID (expected 8-4-4-4-12 hexadecimal digits)',
    ]);
    expect(await readdir(root)).not.toContain('content');
  });

  it('skips other file types, hidden folders and its own output folder', async () => {
    await writeFile(path.join(root, 'seeds/notes.json'), '{}');
    await mkdir(path.join(root, 'seeds/.drafts'));
    await writeFile(path.join(root, 'seeds/.drafts/draft.txt'), 'not a seed');
    await run({ out: 'seeds/content' });
    out = [];
    err = [];

    const summary = await run({ out: 'seeds/content' });
    expect(err).toEqual([]);
    expect(summary.skipped).toHaveLength(4);
    expect(out.at(-1)).toBe('Imported 2 of 2 documents: 0 files written, 4 skipped, 0 warnings, 0 failed.');
  });

  it('reports a folder with no seeds', async () => {
    await mkdir(path.join(root, 'empty'));
    const summary = await run({ inputs: ['empty'] });
    expect(summary.exitCode).toBe(1);
    expect(err).toEqual(['error   empty: folder holds no .txt or .md files']);
  });
});
