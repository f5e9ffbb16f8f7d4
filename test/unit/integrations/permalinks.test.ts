import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  matchAlertLink,
  matchPermalink,
  renderPermalinkPage,
  writePermalinkPages,
} from '../../../src/integrations/permalinks.ts';
import { readPermalinkTargets, writePermalinkTargets } from '../../../src/site/permalink-targets-fs.ts';

const PDQ = {
  id: '58cbbe97-f835-4677-9bee-203b1df29600',
  name: 'Remote Management and Monitoring tool - PDQ - Network Connection',
  path: '/soc/wiki/rules/remote-management-and-monitoring-tool-pdq-network-connection/',
};
const HOSTILE = {
  id: '6b1e0c2a-7d3f-4e5a-9b8c-1a2b3c4d5e6f',
  name: `Payload <script>alert(1)</script> <img src=x onerror=alert(1)> "><script>alert(1)</script> ' onmouseover='alert(1)`,
  path: '/rules/payload-script-alert-1/',
};

/** The redirect page of the bundled PDQ rule under `/soc/wiki/`, byte for byte: the policy first, its style allowed by hash. */
const PDQ_PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
  `<meta http-equiv="content-security-policy" content="default-src 'self';img-src 'self' https: data:;object-src 'none';base-uri 'self';form-action 'self'; script-src 'self'; style-src 'self' 'sha256-8AKJO+t3wwMYEoUwh0pZr9DBhjvEgfdomdeK+udhfbc=';">` +
  '<meta name="viewport" content="width=device-width, initial-scale=1">' +
  '<meta name="robots" content="noindex"><link rel="icon" href="/soc/wiki/favicon.svg" type="image/svg+xml">' +
  '<title>Remote Management and Monitoring tool - PDQ - Network Connection</title>' +
  '<meta http-equiv="refresh" content="0; url=/soc/wiki/rules/remote-management-and-monitoring-tool-pdq-network-connection/">' +
  '<link rel="canonical" href="/soc/wiki/rules/remote-management-and-monitoring-tool-pdq-network-connection/">' +
  '<style>body{font-family:system-ui,sans-serif;overflow-wrap:anywhere}</style></head><body><main>' +
  `<p>This rule's runbook is at <a href="/soc/wiki/rules/remote-management-and-monitoring-tool-pdq-network-connection/">` +
  'Remote Management and Monitoring tool - PDQ - Network Connection</a>.</p></main></body></html>';

const HOSTILE_NAME_HTML =
  'Payload &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &#39; onmouseover=&#39;alert(1)';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'permalinks-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('renderPermalinkPage', () => {
  test('renders the redirect page byte for byte', () => {
    expect(renderPermalinkPage(PDQ, '/soc/wiki/')).toBe(PDQ_PAGE);
  });

  test('escapes the rule name as Astro escapes text', () => {
    const page = renderPermalinkPage(HOSTILE, '/');
    expect(page).toContain(`<title>${HOSTILE_NAME_HTML}</title>`);
    expect(page).toContain(`<a href="/rules/payload-script-alert-1/">${HOSTILE_NAME_HTML}</a>`);
    expect(page).not.toContain('<script>');
  });
});

describe('matchPermalink', () => {
  test('finds the lowercased id of a permalink under the base', () => {
    expect(matchPermalink(`/r/${PDQ.id}/`, '/')).toBe(PDQ.id);
    expect(matchPermalink(`/soc/wiki/r/${PDQ.id.toUpperCase()}/?from=alert`, '/soc/wiki/')).toBe(PDQ.id);
    expect(matchPermalink(`/soc/wiki/r/${PDQ.id}`, '/soc/wiki')).toBe(PDQ.id);
  });

  test('ignores other paths, other bases and ids that cannot be folder names', () => {
    expect(matchPermalink(`/rules/${PDQ.id}/`, '/')).toBeUndefined();
    expect(matchPermalink(`/r/${PDQ.id}/`, '/soc/')).toBeUndefined();
    expect(matchPermalink('/r/../../etc/passwd/', '/')).toBeUndefined();
    expect(matchPermalink('/r/not%20a%20guid/', '/')).toBeUndefined();
    expect(matchPermalink('/r/../', '/')).toBeUndefined();
  });

  test('an id that is not a GUID, as the rule file wrote it, is a permalink', () => {
    expect(matchPermalink('/r/Not-A-Guid/', '/')).toBe('not-a-guid');
    expect(matchPermalink(`/r/${PDQ.id}0/`, '/')).toBe(`${PDQ.id}0`);
  });
});

describe('matchAlertLink', () => {
  test.each([
    { url: '/soc/wiki/r/?name=PDQ', base: '/soc/wiki/', expected: '?name=PDQ' },
    { url: '/r?id=%7B58CB%7D#top', base: '/', expected: '?id=%7B58CB%7D' },
    { url: '/r/', base: '/', expected: undefined },
    { url: `/r/${PDQ.id}/?name=PDQ`, base: '/', expected: undefined },
    { url: '/r/?name=PDQ', base: '/soc/', expected: undefined },
    { url: '/rules/?name=PDQ', base: '/', expected: undefined },
  ])('$url under $base → $expected', ({ url, base, expected }) => {
    expect(matchAlertLink(url, base)).toBe(expected);
  });
});

describe('writePermalinkPages', () => {
  test('writes the names file of the /r/ page and keeps the page Astro rendered there', () => {
    mkdirSync(join(dir, 'r'), { recursive: true });
    writeFileSync(join(dir, 'r', 'index.html'), '<!doctype html><title>From an alert to its runbook</title>');
    const withFormat = { ...HOSTILE, format: 'Payload on {{DeviceName}}' };
    expect(writePermalinkPages(dir, [PDQ, withFormat], '/soc/wiki/')).toEqual({ written: 2, removed: 0 });
    expect(existsSync(join(dir, 'r', 'index.html'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'r', 'names.json'), 'utf8'))).toEqual({
      rules: [
        { id: PDQ.id, name: PDQ.name, path: PDQ.path },
        { id: HOSTILE.id, name: HOSTILE.name, format: 'Payload on {{DeviceName}}', path: HOSTILE.path },
      ],
    });
  });

  test('writes r/<id>/index.html for every rule the site model handed over', () => {
    writePermalinkTargets(join(dir, 'cache'), [PDQ, HOSTILE]);
    expect(writePermalinkPages(dir, readPermalinkTargets(join(dir, 'cache')), '/soc/wiki/')).toEqual({
      written: 2,
      removed: 0,
    });
    expect(readFileSync(join(dir, 'r', PDQ.id, 'index.html'), 'utf8')).toBe(PDQ_PAGE);
    expect(readFileSync(join(dir, 'r', HOSTILE.id, 'index.html'), 'utf8')).toContain(HOSTILE_NAME_HTML);
  });

  test('a rebuild removes the pages of deleted rules and leaves unchanged pages untouched', () => {
    writePermalinkPages(dir, [PDQ, HOSTILE], '/soc/wiki/');
    const pdqFile = join(dir, 'r', PDQ.id, 'index.html');
    const earlier = new Date('2026-01-01T00:00:00Z');
    utimesSync(pdqFile, earlier, earlier);
    expect(writePermalinkPages(dir, [PDQ], '/soc/wiki/')).toEqual({ written: 1, removed: 1 });
    expect(existsSync(join(dir, 'r', HOSTILE.id))).toBe(false);
    expect(statSync(pdqFile).mtime).toEqual(earlier);
    expect(writePermalinkPages(dir, [{ ...PDQ, path: '/soc/wiki/rules/pdq-renamed/' }], '/soc/wiki/')).toEqual({
      written: 1,
      removed: 0,
    });
    expect(readFileSync(pdqFile, 'utf8')).toContain('/soc/wiki/rules/pdq-renamed/');
  });

  test('an id several rules share is a page listing them, without a redirect', () => {
    const shared = {
      ...PDQ,
      rules: [
        { name: PDQ.name, path: PDQ.path, file: 'rules/Detections/pdq.yaml' },
        { name: 'PDQ <copy>', path: '/soc/wiki/rules/pdq-copy/', file: 'rules/Solutions/pdq.yaml' },
      ],
    };
    writePermalinkPages(dir, [shared], '/soc/wiki/');
    const page = readFileSync(join(dir, 'r', PDQ.id, 'index.html'), 'utf8');
    expect(page).not.toContain('http-equiv="refresh"');
    expect(page).toContain(`<title>Rules with the id ${PDQ.id}</title>`);
    expect(page).toContain(`<li><a href="${PDQ.path}">${PDQ.name}</a> <code>rules/Detections/pdq.yaml</code></li>`);
    expect(page).toContain('<a href="/soc/wiki/rules/pdq-copy/">PDQ &lt;copy&gt;</a>');
  });

  test('an id that is not a GUID gets its folder as written', () => {
    writePermalinkPages(dir, [{ ...PDQ, id: 'pdq-network-1' }], '/');
    expect(existsSync(join(dir, 'r', 'pdq-network-1', 'index.html'))).toBe(true);
  });

  test('never turns an unexpected id into a path', () => {
    expect(() => writePermalinkPages(dir, [{ ...PDQ, id: '../escape' }], '/')).toThrow(/not a rule id/);
  });
});
