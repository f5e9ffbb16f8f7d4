import { afterAll, describe, expect, it } from 'vitest';
import { buildKqlThemeCss, disposeHighlighter, highlightKql, normaliseQuery } from '../../../src/kql/highlight.ts';
import { PDQ_QUERY, RUSTDESK_QUERY } from '../../support/seed-queries.ts';

const HOSTILE_QUERY = [
  '// </script><script>alert(1)</script>',
  'DeviceFileEvents',
  '| where FileName == "<img src=x onerror=alert(1)>"',
  '| extend Note = \'</pre><b>&amp; &lt;x&gt; "quoted"\'',
].join('\n');

const LINE_SPAN_RE = /<span class="line">/g;
const TAG_RE = /<[^>]*>/g;
const ENTITY_RE = /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi;
/** Every `<` in the output must open or close one of the tags Shiki is expected to emit. */
const UNEXPECTED_TAG_RE = /<(?!\/?(?:pre|code|span)[\s>])/;

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntity(_match: string, hex?: string, decimal?: string, name?: string): string {
  if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
  if (decimal !== undefined) return String.fromCodePoint(parseInt(decimal, 10));
  const decoded = NAMED_ENTITIES[(name ?? '').toLowerCase()];
  if (decoded === undefined) throw new Error(`unexpected entity &${name};`);
  return decoded;
}

function textContentOf(html: string): string {
  return html.replace(TAG_RE, '').replace(ENTITY_RE, decodeEntity);
}

function expectedLineCount(query: string): number {
  return normaliseQuery(query).split('\n').length;
}

const CASES: ReadonlyArray<{ name: string; query: string }> = [
  { name: 'rustdesk seed query', query: RUSTDESK_QUERY },
  { name: 'pdq seed query', query: PDQ_QUERY },
  { name: 'hostile markup', query: HOSTILE_QUERY },
  { name: 'CRLF, umlauts and emoji', query: 'DeviceEvents\r\n| where FileName == "Größe.exe" // 🚨\r\n| take 10\r\n' },
  { name: 'one trailing newline', query: `${RUSTDESK_QUERY}\n` },
  { name: 'two trailing newlines keep one empty line', query: `${PDQ_QUERY}\n\n` },
  { name: 'tabs, blank lines and indentation', query: 'T\n\n\t| where a == 1\n    | project a\n' },
  { name: 'empty query', query: '' },
];

afterAll(async () => {
  await disposeHighlighter();
});

describe('highlightKql', () => {
  describe.each(CASES)('$name', ({ query }) => {
    it('keeps the text exactly, minus CRLF and one trailing newline', async () => {
      const html = await highlightKql(query);
      expect(textContentOf(html)).toBe(query.replaceAll('\r\n', '\n').replace(/\n$/, ''));
    });

    it('wraps every line in a span.line', async () => {
      const html = await highlightKql(query);
      expect(html.match(LINE_SPAN_RE)?.length).toBe(expectedLineCount(query));
    });

    it('emits no markup other than pre, code and span', async () => {
      expect(await highlightKql(query)).not.toMatch(UNEXPECTED_TAG_RE);
    });
  });

  it('colours keywords with a class per theme and no style attribute', async () => {
    const html = await highlightKql(RUSTDESK_QUERY);
    expect(html).toMatch(/<span class="kl-[0-9a-f]{6} kd-[0-9a-f]{6}">where<\/span>/);
    // The Content-Security-Policy blocks style attributes.
    expect(html).not.toContain('style=');
  });

  it('writes only classes the stylesheet defines', async () => {
    const [css, ...blocks] = await Promise.all([
      buildKqlThemeCss(),
      ...[
        PDQ_QUERY,
        RUSTDESK_QUERY,
        HOSTILE_QUERY,
        '// comment\nlet x = "a";\nT | where y > ago(1d) | extend z = strcat(x, 1)',
      ].map((query) => highlightKql(query)),
    ]);
    const classes = new Set(
      blocks.flatMap((html) => [...html.matchAll(/class="([^"]*)"/g)].flatMap((match) => match[1]?.split(' ') ?? [])),
    );
    const tokenClasses = [...classes].filter((name) => /^(kl|kd|kql-digits)-/.test(name));
    expect(tokenClasses.length).toBeGreaterThan(6);
    expect(tokenClasses.filter((name) => !css.includes(`.${name}{`))).toEqual([]);
  });

  it('renders an accessible, keyboard-reachable pre carrying both themes', async () => {
    const html = await highlightKql(PDQ_QUERY);
    const pre = /^<pre [^>]*>/.exec(html)?.[0] ?? '';
    expect(pre).toContain('tabindex="0"');
    expect(pre).toContain('aria-label="KQL query"');
    expect(pre).toMatch(/class="[^"]*\bkql\b/);
    expect(pre).toMatch(/class="[^"]*\bkql-digits-2\b/);
    expect(html.endsWith('</code></pre>')).toBe(true);
  });

  it('escapes markup hidden in the query', async () => {
    const html = await highlightKql(HOSTILE_QUERY);
    expect(html).not.toMatch(/<script|<\/script|<img|<b>|<\/pre><b>/i);
    expect(html).toContain('&#x3C;/script>');
    expect(html).toContain('&#x3C;img src=x onerror=alert(1)>');
    // An entity written in the query must stay literal text, not be decoded by the browser.
    expect(html).toContain('&#x26;amp;');
  });

  it('gives the same output for the same query', async () => {
    expect(await highlightKql(PDQ_QUERY)).toBe(await highlightKql(PDQ_QUERY));
  });

  it('highlights a 10,000-line query', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `| where Column${i} has 'value${i}' // line ${i}`);
    const html = await highlightKql(lines.join('\n'));
    expect(html.match(LINE_SPAN_RE)?.length).toBe(10_000);
    expect(html).toContain('kql-digits-5');
  });

  it('works again after the highlighter is disposed', async () => {
    const before = await highlightKql(RUSTDESK_QUERY);
    await disposeHighlighter();
    expect(await highlightKql(RUSTDESK_QUERY)).toBe(before);
  });
});

describe('buildKqlThemeCss', () => {
  it("switches themes with a media query only, and sets both themes' default colours", async () => {
    const css = await buildKqlThemeCss();
    expect(css).toContain('@media (prefers-color-scheme: dark)');
    expect(css).toContain('var(--shiki-light)');
    expect(css).toContain('var(--shiki-dark)');
    expect(css).toContain('var(--shiki-dark-bg)');
    expect(css).toContain(
      'pre.hl{--shiki-light:#24292e;--shiki-light-bg:#fff;--shiki-dark:#e1e4e8;--shiki-dark-bg:#24292e}',
    );
  });

  it('numbers lines with counters that cannot be selected', async () => {
    const css = await buildKqlThemeCss();
    expect(css).toMatch(/\.line::before\s*\{[^}]*counter-increment:\s*kql-line/);
    expect(css).toMatch(/\.line::before\s*\{[^}]*user-select:\s*none/);
  });
});

describe('normaliseQuery', () => {
  it.each([
    ['a\r\nb\r\n', 'a\nb'],
    ['a\n\n', 'a\n'],
    ['a', 'a'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseQuery(input)).toBe(expected);
  });
});

describe('marked lines', () => {
  it("marks each line with a problem, in the query's own numbering, with a note in words", async () => {
    const html = await highlightKql('T\n| where (\n| take 1', [{ line: 2, column: 10, message: 'KS005 Expected: )' }]);
    const lines = html.match(/<span class="line[^"]*">/g) ?? [];
    expect(lines).toEqual(['<span class="line">', '<span class="line kql-error-line">', '<span class="line">']);
    expect(html).toContain('<span class="kql-error-note">⚠ Syntax error at column 10: KS005 Expected: )</span>');
  });

  it('gives the same HTML as before when nothing is marked', async () => {
    expect(await highlightKql(PDQ_QUERY, [])).toBe(await highlightKql(PDQ_QUERY));
  });
});
