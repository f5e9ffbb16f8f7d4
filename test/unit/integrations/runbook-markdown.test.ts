import { load } from 'cheerio';
import { describe, expect, test } from 'vitest';
import { renderRunbook } from '../../support/render-runbook.ts';

/** Elements a runbook body must never produce once sanitised. */
const FORBIDDEN_TAGS = [
  'script',
  'iframe',
  'object',
  'embed',
  'form',
  'style',
  'link',
  'meta',
  'base',
  'svg',
  'math',
  'button',
  'textarea',
  'select',
];
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'srcdoc', 'xlink:href', 'data', 'poster', 'srcset'];
/** A script-capable URL as a browser reads it: case and leading spaces or control characters ignored. */
const SCRIPT_URL_RE =
  /^[\s\p{Cc}]*(?:j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t|d\s*a\s*t\s*a)\s*:/iu;

/** Everything in rendered HTML that could run script: each forbidden element, handler and URL. */
function findScriptCapable(html: string): string[] {
  const $ = load(html, null, false);
  const found: string[] = [];
  for (const tag of FORBIDDEN_TAGS) if ($(tag).length > 0) found.push(`<${tag}>`);
  for (const element of $('*').toArray()) {
    if (element.type !== 'tag') continue;
    for (const [name, value] of Object.entries(element.attribs)) {
      const attribute = name.toLowerCase();
      if (attribute.startsWith('on')) found.push(`${name} on <${element.name}>`);
      if (URL_ATTRIBUTES.includes(attribute) && SCRIPT_URL_RE.test(value))
        found.push(`${name}="${value}" on <${element.name}>`);
      // Only Shiki's highlighted code carries inline styles: an author's would let a runbook cover the page.
      if (attribute === 'style' && $(element).closest('pre.astro-code').length === 0)
        found.push(`style on <${element.name}>`);
    }
  }
  return found;
}

const PAYLOADS: { name: string; markdown: string; shown?: string[] }[] = [
  { name: 'a script block', markdown: '<script>alert(1)</script>' },
  { name: 'an inline script', markdown: 'Before <script>alert(1)</script> after', shown: ['Before', 'after'] },
  { name: 'an image with onerror', markdown: 'Look <img src=x onerror=alert(1)> here', shown: ['Look', 'here'] },
  { name: 'an iframe with srcdoc', markdown: '<iframe srcdoc="<script>parent.alert(1)</script>"></iframe>' },
  {
    name: 'details with ontoggle',
    markdown: '<details ontoggle=alert(1) open><summary>More</summary>\n\nHidden *notes*\n\n</details>',
    shown: ['<summary>More</summary>', '<em>notes</em>'],
  },
  { name: 'a javascript: link', markdown: '[x](javascript:alert(1))', shown: ['x'] },
  { name: 'a javascript: link in mixed case', markdown: '[x](JaVaScRiPt:alert(1))', shown: ['x'] },
  { name: 'a javascript: link after spaces', markdown: '[x]( JaVaScRiPt:alert(1))', shown: ['x'] },
  { name: 'a javascript: link in angle brackets with spaces', markdown: '[x](<  javascript:alert(1)>)' },
  { name: 'a reference-style javascript: link', markdown: '[x][a]\n\n[a]: javascript:alert(1)' },
  { name: 'an HTML javascript: link', markdown: '<a href="javascript:alert(1)">x</a>' },
  { name: 'a javascript: link with an entity tab', markdown: '<a href="java&#x09;script:alert(1)">x</a>' },
  { name: 'a javascript: link with entity letters', markdown: '<a href="&#106;avascript:alert(1)">x</a>' },
  { name: 'a javascript: link after a control character', markdown: '<a href="&#x01;javascript:alert(1)">x</a>' },
  { name: 'a javascript: link after spaces in HTML', markdown: '<a href="  javascript:alert(1)">x</a>' },
  { name: 'a vbscript: link', markdown: '<a href="vbscript:msgbox(1)">x</a> [y](VBScript:msgbox(1))' },
  { name: 'a data: image', markdown: '<img src="data:image/svg+xml,<svg onload=alert(1)>">' },
  { name: 'a Markdown data: image', markdown: '![d](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)' },
  { name: 'a data: link', markdown: '[d](data:text/html,<script>alert(1)</script>)' },
  {
    name: 'a form',
    markdown:
      '<form action="javascript:alert(1)"><input name=q><button formaction="javascript:alert(1)">Go</button></form>',
  },
  { name: 'an object', markdown: '<object data="javascript:alert(1)">fallback</object>' },
  { name: 'an embed', markdown: '<embed src="javascript:alert(1)">' },
  { name: 'a style element', markdown: '<style>body { display: none }</style>' },
  {
    name: 'a style attribute',
    markdown: '<p style="position:fixed;inset:0">cover <span style="color:red">it</span></p>',
  },
  { name: 'an svg with onload', markdown: '<svg onload=alert(1)><circle r=1 /></svg>' },
  { name: 'math', markdown: '<math><mi xlink:href="javascript:alert(1)">x</mi></math>' },
  { name: 'a link element', markdown: '<link rel=stylesheet href="https://evil.example/x.css">' },
  { name: 'a meta refresh', markdown: '<meta http-equiv=refresh content="0;url=javascript:alert(1)">' },
  { name: 'a base element', markdown: '<base href="https://evil.example/">' },
  { name: 'a handler in any case', markdown: '<b OnMouseOver="alert(1)">bold</b>', shown: ['<b>bold</b>'] },
];

describe('runbook bodies are sanitised', () => {
  test.each(PAYLOADS)('$name runs nothing', async ({ markdown, shown = [] }) => {
    const html = await renderRunbook(markdown);
    expect(findScriptCapable(html)).toEqual([]);
    expect(html).not.toMatch(/alert|msgbox/);
    for (const text of shown) expect(html).toContain(text);
  });

  test('a script written as code is shown, not run', async () => {
    const html = await renderRunbook('Never paste `<script>alert(1)</script>` anywhere.');
    expect(html).toBe('<p>Never paste <code>&#x3C;script>alert(1)&#x3C;/script></code> anywhere.</p>');
  });
});

const KEPT: { name: string; markdown: string; html: string }[] = [
  {
    name: 'a table with aligned columns',
    markdown: '| Left | Right |\n| :-- | --: |\n| a | 1 |',
    html: '<table>\n<thead>\n<tr>\n<th align="left">Left</th>\n<th align="right">Right</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align="left">a</td>\n<td align="right">1</td>\n</tr>\n</tbody>\n</table>',
  },
  {
    name: 'details and summary',
    markdown: '<details open><summary>Steps</summary>\n\n1. Check\n\n</details>',
    html: '<details open><summary>Steps</summary>\n<ol>\n<li>Check</li>\n</ol>\n</details>',
  },
  {
    name: 'an image over https',
    markdown: '![Flow](https://example.org/flow.png "Triage")',
    html: '<p><img src="https://example.org/flow.png" alt="Flow" title="Triage"></p>',
  },
  {
    name: 'images at relative paths',
    markdown: '![a](images/flow.png) ![b](../shared/b.png) ![c](/soc/c.png)',
    html: '<p><img src="images/flow.png" alt="a"> <img src="../shared/b.png" alt="b"> <img src="/soc/c.png" alt="c"></p>',
  },
  {
    name: 'links over http(s), mailto, relative paths and anchors',
    markdown:
      '[a](https://example.org/) [b](http://example.org/) [c](mailto:soc@example.org) [d](../tools/pdq/) [e](#overview)',
    html: '<p><a href="https://example.org/">a</a> <a href="http://example.org/">b</a> <a href="mailto:soc@example.org">c</a> <a href="../tools/pdq/">d</a> <a href="#overview">e</a></p>',
  },
  {
    name: 'a blockquote, a rule and inline markup',
    markdown: '> **Note** _this_ ~~old~~ <kbd>Ctrl</kbd> H<sub>2</sub>O\n\n---',
    html: '<blockquote>\n<p><strong>Note</strong> <em>this</em> <del>old</del> <kbd>Ctrl</kbd> H<sub>2</sub>O</p>\n</blockquote>\n<hr>',
  },
  {
    name: 'a task list',
    markdown: '- [x] done\n- [ ] open',
    html: '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" checked disabled> done</li>\n<li class="task-list-item"><input type="checkbox" disabled> open</li>\n</ul>',
  },
];

describe('what Markdown produces survives', () => {
  test.each(KEPT)('$name', async ({ markdown, html }) => {
    expect(await renderRunbook(markdown)).toBe(html);
  });

  test('a code block is highlighted after sanitising, keeping its language and colours', async () => {
    const html = await renderRunbook('```kql\nDeviceEvents | take 1\n```');
    expect(html).toMatch(
      /^<pre class="astro-code astro-code-themes github-light github-dark hl" tabindex="0" data-language="kql"><code>/,
    );
    expect(html).toContain('<span class="kl-d73a49 kd-f97583">take</span>');
  });

  test('highlighted code carries its colours in classes, never in a style attribute the CSP would block', async () => {
    const html = await renderRunbook(
      '```diff\n+ added\n- removed\n```\n\n```powershell\nGet-Process -Name AnyDesk\n```',
    );
    expect(html).not.toContain('style=');
    expect(html).toContain('<span class="hl-unselectable">+</span>');
    expect(html).toMatch(/<span class="kl-[0-9a-f]+ kd-[0-9a-f]+">Get-Process<\/span>/);
  });

  test('a code block in HTML keeps its language class', async () => {
    expect(await renderRunbook('<pre><code class="language-kql">T</code></pre>')).toContain('data-language="kql"');
  });
});

describe('ids and in-page links', () => {
  test('a link to a heading reaches it under its notes- id', async () => {
    expect(await renderRunbook('## Data sources\n\nSee [the sources](#data-sources).')).toBe(
      '<h3 id="notes-data-sources">Data sources</h3>\n<p>See <a href="#notes-data-sources">the sources</a>.</p>',
    );
  });

  test('author ids and names get the notes- prefix, and links to them follow', async () => {
    expect(await renderRunbook('<a id="search" name="q">x</a> [back](#search)')).toBe(
      '<p><a id="notes-search" name="notes-q">x</a> <a href="#notes-search">back</a></p>',
    );
  });

  test('a link to one of the page’s own sections is left alone', async () => {
    expect(await renderRunbook('[Query](#query)')).toBe('<p><a href="#query">Query</a></p>');
  });

  test('footnote links reach their notes', async () => {
    const $ = load(await renderRunbook('Seen once[^1].\n\n[^1]: In the pilot.'), null, false);
    for (const link of $('a[href^="#"]').toArray()) {
      expect($(`[id="${link.attribs.href?.slice(1)}"]`).length, link.attribs.href).toBe(1);
    }
  });
});

describe('markdown.allowHtml', () => {
  test('publishes the author’s HTML as written', async () => {
    const html = await renderRunbook(
      '<details ontoggle="track()"><summary>S</summary></details>\n\n<script>init()</script>',
      {
        allowHtml: true,
      },
    );
    expect(html).toBe('<details ontoggle="track()"><summary>S</summary></details>\n<script>init()</script>');
  });

  test('still highlights code and shifts headings', async () => {
    const html = await renderRunbook('## Steps\n\n```kql\nT\n```', { allowHtml: true });
    expect(html).toMatch(
      /^<h3 id="notes-steps">Steps<\/h3>\n<pre class="astro-code astro-code-themes github-light github-dark hl"/,
    );
  });
});
