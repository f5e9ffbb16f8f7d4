import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BuildResult, buildSite, listBuiltPages, PROJECT_ROOT } from '../support/build-site.ts';

/**
 * `markdown.allowHtml` changes what a rule page shows, so switching it must render the page
 * again: the same content is built three times into one output folder and one build cache,
 * the setting off, on, and off again.
 */
const WORK = join(PROJECT_ROOT, '.huntbook', 'test-builds', 'runbook-html-content');
const RULE_ID = '4c2b1a0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d';
const PAGE = 'rules/runbook-html/index.html';
/** Raw HTML an author may write: kept as written only when the setting allows it. */
const TRUSTED_HTML = '<script>window.runbookInit = 1</script>';
const BODY = `Steps:\n\n<details ontoggle="track()"><summary>Expand</summary>\n\nHidden *notes*\n\n</details>\n\n${TRUSTED_HTML}\n`;

const builds: Record<'sanitised' | 'allowed' | 'sanitisedAgain', BuildResult | undefined> = {
  sanitised: undefined,
  allowed: undefined,
  sanitisedAgain: undefined,
};

function buildWith(allowHtml: boolean): Promise<BuildResult> {
  writeFileSync(join(WORK, 'huntbook.config.yaml'), `title: Runbook HTML\nmarkdown:\n  allowHtml: ${allowHtml}\n`);
  return buildSite({
    name: 'runbook-html',
    rules: join(WORK, 'rules'),
    runbooks: join(WORK, 'runbooks'),
    config: join(WORK, 'huntbook.config.yaml'),
    keepOutput: true,
  });
}

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  rmSync(join(PROJECT_ROOT, '.huntbook', 'test-builds', 'runbook-html-cache'), { recursive: true, force: true });
  rmSync(join(PROJECT_ROOT, '.huntbook', 'test-builds', 'runbook-html'), { recursive: true, force: true });
  mkdirSync(join(WORK, 'rules'), { recursive: true });
  mkdirSync(join(WORK, 'runbooks'), { recursive: true });
  writeFileSync(
    join(WORK, 'rules', 'runbook-html.yaml'),
    `id: ${RULE_ID}\nname: Runbook HTML\ntactics: CommandAndControl\nrelevantTechniques: T1219\nquery: |\n  DeviceNetworkEvents\n  | take 1\n`,
  );
  writeFileSync(join(WORK, 'runbooks', 'runbook-html.md'), `---\nrule: ${RULE_ID}\n---\n${BODY}`);
  builds.sanitised = await buildWith(false);
  const page = readFileSync(join(builds.sanitised.outDir, PAGE), 'utf8');
  builds.allowed = await buildWith(true);
  const allowedPage = readFileSync(join(builds.allowed.outDir, PAGE), 'utf8');
  builds.sanitisedAgain = await buildWith(false);
  pages = {
    sanitised: page,
    allowed: allowedPage,
    sanitisedAgain: readFileSync(join(builds.sanitisedAgain.outDir, PAGE), 'utf8'),
  };
}, 240_000);

let pages: Record<keyof typeof builds, string>;

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe('markdown.allowHtml', () => {
  test('every build succeeds', () => {
    for (const build of Object.values(builds)) expect(build?.code, build?.output).toBe(0);
  });

  test('off, the page keeps details and summary and drops the script and the handler', () => {
    expect(pages.sanitised).toContain('<details><summary>Expand</summary>');
    expect(pages.sanitised).toContain('<em>notes</em>');
    expect(pages.sanitised).not.toContain('runbookInit');
    expect(pages.sanitised).not.toContain('ontoggle');
  });

  test('switched on, the rebuild renders the page again with the HTML as written', () => {
    expect(listBuiltPages(builds.allowed?.output ?? '').rendered).toContain(`/${PAGE}`);
    expect(pages.allowed).toContain(TRUSTED_HTML);
    expect(pages.allowed).toContain('<details ontoggle="track()"><summary>Expand</summary>');
  });

  test('switched off again, no page is served from the trusted build', () => {
    expect(listBuiltPages(builds.sanitisedAgain?.output ?? '').rendered).toContain(`/${PAGE}`);
    expect(pages.sanitisedAgain).toBe(pages.sanitised);
  });
});
