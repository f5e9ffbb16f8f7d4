import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildFixture } from '../support/build-site.ts';
import { readPage } from '../support/pages.ts';

// Teams keep detections in their own repository: HUNTBOOK_RULES=~/src/detections/… points
// outside the project, and Astro's content store only takes paths relative to the project.
const outside = mkdtempSync(join(tmpdir(), 'huntbook-detections-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

describe('content kept outside the project', () => {
  test('builds, with pages, runbook notes and search', async () => {
    cpSync('test/fixtures/valid', outside, { recursive: true });
    const build = await buildFixture(outside, 'outside-content');
    expect(build.code, build.output).toBe(0);
    const $ = readPage(build.outDir, 'rules/fernwartung-uber-anydesk-prozessstart');
    expect($('h1').text()).toBe('Fernwartung über AnyDesk – Prozessstart');
    expect(build.output).toMatch(/Indexed \d+ pages/);
  });
});
