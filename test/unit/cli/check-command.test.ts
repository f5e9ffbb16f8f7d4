import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CheckJson } from '../../../src/cli/check-output.ts';
import type { CommandIo } from '../../../src/cli/command.ts';
import { EXIT } from '../../../src/cli/command.ts';
import { COMMANDS, runHuntbook } from '../../../src/cli/huntbook.ts';
import { MESSY_FINDINGS, MESSY_FIXTURE } from '../../support/messy-corpus.ts';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'huntbook-check-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A command line's environment and console, kept for the test to read; each run gets its own cache. */
function createIo(env: Record<string, string> = {}): CommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd: process.cwd(),
    env: { HUNTBOOK_CACHE_DIR: mkdtempSync(join(scratch, 'cache-')), ...env },
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    out,
    err,
  };
}

async function check(argv: string[], env: Record<string, string> = {}) {
  const io = createIo(env);
  const code = await runHuntbook(['check', ...argv], io);
  return { code, stdout: io.out.join('\n'), stderr: io.err.join('\n') };
}

/** A fixture's content folders, as the build tests give them (test/support/build-site.ts). */
const MESSY_ENV = {
  HUNTBOOK_RULES: `${MESSY_FIXTURE}/rules`,
  HUNTBOOK_RUNBOOKS: `${MESSY_FIXTURE}/runbooks`,
  HUNTBOOK_TOOLS: `${MESSY_FIXTURE}/tools`,
  HUNTBOOK_BUNDLED_TOOLS: '0',
};
const MESSY_CONFIG = `${MESSY_FIXTURE}/huntbook.config.yaml`;

/** Settings naming fixture folders, as a detection repository's would. */
function writeSettings(name: string, content: { rules: string; runbooks?: string }): string {
  const dir = join(scratch, name);
  const runbooks = content.runbooks ?? join(dir, 'runbooks');
  mkdirSync(runbooks, { recursive: true });
  const file = join(dir, 'huntbook.config.yaml');
  writeFileSync(
    file,
    `title: ${name}\ncontent:\n  rules: ${JSON.stringify(resolve(content.rules))}\n  runbooks: ${JSON.stringify(resolve(runbooks))}\n`,
  );
  return file;
}

describe('huntbook check', () => {
  test('is a command of huntbook', () => {
    expect(COMMANDS.map((command) => command.name)).toContain('check');
  });

  test('passes the valid fixture in strict mode', async () => {
    const result = await check(['--config', 'test/fixtures/valid/huntbook.config.yaml', '--strict']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'test/fixtures/valid/rules: 4 files read, 4 rules published',
        'A build would publish 4 rules from 4 files: no warnings',
      ].join('\n'),
    );
    expect(result.code).toBe(EXIT.ok);
  });

  test('passes content with warnings, listing each, and fails it with --strict', async () => {
    const lenient = await check(['--config', MESSY_CONFIG], MESSY_ENV);
    expect(lenient.code, lenient.stdout).toBe(EXIT.ok);
    for (const row of MESSY_FINDINGS) expect(lenient.stdout).toContain(row.message);
    expect(lenient.stdout).toMatch(/\nA build would publish 32 rules from 32 files: \d+ warnings in \d+ files$/);

    const strict = await check(['--config', MESSY_CONFIG, '--strict'], MESSY_ENV);
    expect(strict.code).toBe(EXIT.findings);
    expect(strict.stdout).toMatch(/A build would fail: .*, and strict mode fails on warnings$/);
  });

  test('fails content with errors, naming file and line', async () => {
    const config = writeSettings('invalid', { rules: 'test/fixtures/invalid/yaml-syntax/rules' });
    const result = await check(['--config', config]);
    expect(result.code).toBe(EXIT.findings);
    expect(result.stdout).toMatch(/^error: test\/fixtures\/invalid\/yaml-syntax\/rules\/[^ ]+\.yaml:\d+:\d+ /m);
    expect(result.stdout).toContain('A build would fail: 0 rules of 1 rule file could be read');
  });

  test('lists the errors of rules, runbooks and tools in one list, with one total', async () => {
    const fixture = 'test/fixtures/invalid/every-content-type';
    const result = await check([], {
      HUNTBOOK_RULES: `${fixture}/rules`,
      HUNTBOOK_RUNBOOKS: `${fixture}/runbooks`,
      HUNTBOOK_TOOLS: `${fixture}/tools`,
      HUNTBOOK_BUNDLED_TOOLS: '0',
    });
    expect(result.code).toBe(EXIT.findings);
    const expected = readFileSync(`${fixture}/expected.txt`, 'utf8').trim().split('\n');
    expect(result.stdout.split('\n').filter((line) => line.startsWith('error: '))).toEqual(
      expected.map((line) => `error: ${line}`),
    );
    expect(result.stdout).toContain(
      'A build would fail: 1 rule of 2 rule files could be read, no warnings, 3 files with errors',
    );
  });

  test('writes every finding as JSON, with its place and kind', async () => {
    const result = await check(['--config', MESSY_CONFIG, '--format', 'json'], MESSY_ENV);
    expect(result.code).toBe(EXIT.ok);
    const report = JSON.parse(result.stdout) as CheckJson;
    for (const row of MESSY_FINDINGS) {
      const found = report.findings.find(
        (finding) =>
          finding.file === `${MESSY_FIXTURE}/${row.file}` &&
          finding.line === row.line &&
          finding.code === row.code &&
          finding.message.includes(row.message),
      );
      expect(found, `${row.file}:${row.line} ${row.code}`).toBeDefined();
    }
    expect(report.summary.warnings).toBe(report.findings.length);
  });

  test('writes the errors as JSON', async () => {
    const config = writeSettings('missing-query', { rules: 'test/fixtures/invalid/missing-query/rules' });
    const result = await check(['--config', config, '--format', 'json']);
    expect(result.code).toBe(EXIT.findings);
    const report = JSON.parse(result.stdout) as CheckJson;
    expect(report.summary).toMatchObject({ passed: false, errors: 1, warnings: 0, ruleFiles: 1, rules: 0 });
    expect(report.findings).toEqual([
      {
        file: 'test/fixtures/invalid/missing-query/rules/rule.yaml',
        line: null,
        column: null,
        field: 'query',
        code: 'other',
        severity: 'error',
        message: 'is required (expected string)',
      },
    ]);
  });

  test('writes the findings as SARIF, paths relative to sourceRoot', async () => {
    const result = await check(['--config', MESSY_CONFIG, '-f', 'sarif'], MESSY_ENV);
    expect(result.code).toBe(EXIT.ok);
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    const uris = log.runs[0].results.map(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        r.locations[0]?.physicalLocation.artifactLocation.uri,
    );
    // The fixture's sourceRoot is its own folder: paths are relative to it, as in its repository.
    for (const row of MESSY_FINDINGS) expect(uris).toContain(row.file);
  });

  test.each([
    { argv: ['--stric'], message: 'unknown flag --stric (did you mean --strict?)' },
    { argv: ['--format', 'xml'], message: '--format must be one of text, json, sarif, got "xml"' },
    { argv: ['rules/'], message: 'unexpected argument "rules/"' },
  ])('answers $argv with a usage error', async ({ argv, message }) => {
    const result = await check(argv);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toBe(`error: ${message}\nRun "huntbook check --help" for its flags.`);
  });

  test('gives the settings exit code for settings it cannot use', async () => {
    const result = await check(['--config', join(scratch, 'missing.yaml')]);
    expect(result.code).toBe(EXIT.settings);
    expect(result.stderr).toContain('missing.yaml');
  });

  test('shows its flags with --help', async () => {
    const result = await check(['--help']);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(
      /^Usage: huntbook check \[--config FILE\] \[--strict\] \[--format text\|json\|sarif\]/,
    );
    for (const flag of ['--config FILE', '--strict', '--format FORMAT']) expect(result.stdout).toContain(flag);
  });
});

/**
 * A check must stay fast: it loads neither Astro (only its zod re-export, which the schemas
 * use), nor Shiki, nor the Markdown pipeline, nor Pagefind. A fresh process records every
 * package module it loads.
 */
test('a check loads no Astro, highlighter, Markdown or search package', () => {
  const script = `
    import { registerHooks } from 'node:module';
    const loaded = new Set();
    registerHooks({ resolve(specifier, context, next) {
      const result = next(specifier, context);
      const match = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\/(.*)$/.exec(result.url);
      if (match) loaded.add(match[1] + (match[1] === 'astro' ? '/' + match[2] : ''));
      return result;
    } });
    const { runHuntbook } = await import('./src/cli/huntbook.ts');
    const io = { cwd: process.cwd(), env: { ...process.env }, stdout: () => {}, stderr: (t) => console.error(t) };
    const code = await runHuntbook(['check', '--config', 'test/fixtures/valid/huntbook.config.yaml'], io);
    console.log(JSON.stringify({ code, loaded: [...loaded] }));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, HUNTBOOK_CACHE_DIR: mkdtempSync(join(scratch, 'cache-')) },
  });
  expect(child.status, child.stderr).toBe(0);
  const { code, loaded } = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as {
    code: number;
    loaded: string[];
  };
  expect(code).toBe(EXIT.ok);
  expect(loaded).toContain('@kusto/language-service-next');
  const astro = loaded.filter((name) => name.startsWith('astro/'));
  expect(astro.every((name) => name.startsWith('astro/dist/zod'))).toBe(true);
  for (const name of ['shiki', '@shikijs/core', 'pagefind', '@astrojs/markdown-remark', 'vite']) {
    expect(loaded).not.toContain(name);
  }
});
