import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheerioAPI } from 'cheerio';
import { type ConfigData, HtmlValidate, StaticConfigLoader } from 'html-validate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BuildResult, buildSite, PROJECT_ROOT } from '../support/build-site.ts';
import { readPage } from '../support/pages.ts';

const FIXTURE = 'test/fixtures/valid';
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n';
const CSS = ':root { --accent: #c0ffee; }\n';
const FOOTER = 'Run by the <b>SOC</b> & detection team\nOn call: +1 555 0100';
const work = mkdtempSync(join(PROJECT_ROOT, '.huntbook', 'test-builds', 'branding-'));
let build: BuildResult;
let home: CheerioAPI;

beforeAll(async () => {
  // The settings name their files relative to themselves, as in a detection repository.
  mkdirSync(join(work, 'wiki', 'assets'), { recursive: true });
  writeFileSync(join(work, 'wiki', 'assets', 'logo.svg'), LOGO);
  writeFileSync(join(work, 'wiki', 'assets', 'wiki.css'), CSS);
  writeFileSync(
    join(work, 'wiki', 'huntbook.config.yaml'),
    [
      'title: Branded SOC',
      'branding:',
      '  logo: assets/logo.svg',
      '  nav:',
      '    - { label: Sentinel, href: "https://portal.azure.com/#view/Sentinel" }',
      '    - { label: "On-call & FAQ", href: faq/ }',
      `  footer: ${JSON.stringify(FOOTER)}`,
      '  css: assets/wiki.css',
      '',
    ].join('\n'),
  );
  build = await buildSite({
    name: 'branding',
    rules: `${FIXTURE}/rules`,
    runbooks: `${FIXTURE}/runbooks`,
    tools: `${FIXTURE}/tools`,
    config: join(work, 'wiki', 'huntbook.config.yaml'),
    base: '/soc/',
  });
  expect(build.code, build.output).toBe(0);
  home = readPage(build.outDir, '');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('branding from the settings', () => {
  test('the logo is shown in the header, with alt text, and copied into the site', () => {
    const logo = home('header .site-title img');
    expect(logo.attr('src')).toBe('/soc/_huntbook/logo.svg');
    expect(logo.attr('alt')).toBe('Branded SOC logo');
    expect(readFileSync(join(build.outDir, '_huntbook', 'logo.svg'), 'utf8')).toBe(LOGO);
  });

  test('the links are added to the navigation, relative ones under the base', () => {
    const links = home('nav.site-nav a')
      .map((_, a) => `${home(a).text().trim()} → ${home(a).attr('href')}`)
      .get();
    expect(links.slice(-2)).toEqual([
      'Sentinel → https://portal.azure.com/#view/Sentinel',
      'On-call & FAQ → /soc/faq/',
    ]);
    expect(links).toContain('Rules → /soc/rules/');
  });

  test('the footer text is shown as text, on every page', () => {
    const footer = home('footer .site-footer-text');
    expect(footer.text()).toBe(FOOTER);
    expect(footer.html()).toContain('&lt;b&gt;SOC&lt;/b&gt; &amp; detection');
    const rulePage = readPage(build.outDir, 'rules/remote-management-and-monitoring-tool-pdq-network-connection');
    expect(rulePage('footer .site-footer-text').text()).toBe(FOOTER);
  });

  test('the stylesheet is linked after Huntbook’s own and copied into the site', () => {
    const sheets = home('link[rel="stylesheet"]')
      .map((_, link) => home(link).attr('href'))
      .get();
    expect(sheets.at(-1)).toBe('/soc/_huntbook/custom.css');
    expect(sheets.slice(0, -1).some((href) => href.startsWith('/soc/_astro/'))).toBe(true);
    expect(readFileSync(join(build.outDir, '_huntbook', 'custom.css'), 'utf8')).toBe(CSS);
  });

  test('the copied files are in the output folder’s manifest, and the page is valid HTML', async () => {
    const manifest = readFileSync(join(build.outDir, '.huntbook-output.json'), 'utf8');
    expect(manifest).toContain('"_huntbook/logo.svg"');
    expect(manifest).toContain('"_huntbook/custom.css"');
    const config = JSON.parse(
      readFileSync(join(PROJECT_ROOT, '.htmlvalidate.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''),
    ) as ConfigData;
    const report = await new HtmlValidate(new StaticConfigLoader(config)).validateString(home.html());
    expect(report.results.flatMap((result) => result.messages.map((message) => message.message))).toEqual([]);
  });
});
