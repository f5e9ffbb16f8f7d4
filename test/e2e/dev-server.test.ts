import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../support/build-site.ts';

/**
 * `huntbook dev` as an author uses it: the server runs on a copy of the valid fixture, a rule
 * file is broken and fixed while it runs, and each time the page says what a reload shows.
 * Every wait polls with a generous limit, since the machine may be busy; nothing is timed.
 */
const PDQ_PAGE = 'rules/remote-management-and-monitoring-tool-pdq-network-connection/';
const PDQ_NAME = 'Remote Management and Monitoring tool - PDQ - Network Connection';
const SETTINGS = [
  'title: Dev Fixture SOC',
  'content:',
  '  rules: rules/',
  '  runbooks: runbooks/',
  '  tools: tools/',
  '',
];
/** The banner with the content errors that only the dev server shows. */
const BANNER_RE = /<section class="notice content-errors"[\s\S]*?<\/section>/;
const PDQ_YAML_ERROR_RE = /<code>rules\/pdq\.yaml:\d+:\d+<\/code> invalid YAML/;
const SEARCH_HOWTO_RE = /Run\s+<code>huntbook build<\/code>[^<]*<code>[^<]*dist<\/code>\), then reload this\s+page/;
const VITEST_OR_SETTINGS_RE = /^(?:HUNTBOOK_|VITEST|BASE_URL$|NODE_ENV$|MODE$|DEV$|PROD$|SSR$|TEST$)/;
const START_TIMEOUT_MS = 240_000;
const CHANGE_TIMEOUT_MS = 120_000;

interface DevServer {
  process: ChildProcess;
  origin: string;
  /** stdout and stderr together, for failure messages. */
  output: string;
}

let folder: string;
const servers: DevServer[] = [];
/** The server the tests of the moment talk to. */
let server: DevServer;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'huntbook-dev-'));
});

afterAll(async () => {
  await Promise.all(servers.map(stopDevServer));
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** A copy of the valid fixture with its own settings file, in the test folder. */
function copyFixture(name: string): string {
  const site = join(folder, name);
  cpSync(join(PROJECT_ROOT, 'test/fixtures/valid'), site, { recursive: true });
  writeFileSync(join(site, 'huntbook.config.yaml'), SETTINGS.join('\n'));
  return site;
}

/** Runs `huntbook dev` in `site` as an author would, and waits until it answers. */
async function startDevServer(site: string): Promise<DevServer> {
  const port = await findFreePort();
  // The settings come from the settings file alone, as for an author. Vitest's own variables go
  // too: Astro's dev server serves no pages when it sees VITEST, and BASE_URL is vitest's.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !VITEST_OR_SETTINGS_RE.test(name)));
  const launcher = join(PROJECT_ROOT, 'bin', 'huntbook.mjs');
  const args = [launcher, 'dev', '--config', 'huntbook.config.yaml', '--port', String(port), '--host', '127.0.0.1'];
  const child = spawn(process.execPath, args, {
    cwd: site,
    env: { ...env, HUNTBOOK_CACHE_DIR: join(site, '.cache'), ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started: DevServer = { process: child, origin: `http://127.0.0.1:${port}/`, output: '' };
  servers.push(started);
  const collect = (chunk: Buffer) => {
    started.output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  server = started;
  await waitFor('the dev server to answer', START_TIMEOUT_MS, async () => (await fetchPage('')).status === 200);
  return started;
}

async function stopDevServer({ process: child }: DevServer): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolveWait) => setTimeout(resolveWait, 20_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

describe('huntbook dev', () => {
  let site: string;
  beforeAll(async () => {
    site = copyFixture('site');
    await startDevServer(site);
  }, START_TIMEOUT_MS + 30_000);
  afterAll(() => stopDevServer(server));

  test(
    'a content error shows on the page while the server keeps running, and fixing the file recovers it',
    async () => {
      const ruleFile = join(site, 'rules', 'pdq.yaml');
      const original = readFileSync(ruleFile, 'utf8');
      const before = await fetchPage(PDQ_PAGE);
      expect(before.status).toBe(200);
      expect(before.text).toContain(PDQ_NAME);
      expect(before.text).not.toMatch(BANNER_RE);

      // An unclosed flow sequence in the name: not YAML even after the known repairs, and a rule needs its name.
      writeFileSync(ruleFile, original.replace(`name: ${PDQ_NAME}`, `name: [${PDQ_NAME}`));
      const broken = await waitFor('the page to list the error', CHANGE_TIMEOUT_MS, async () => {
        const page = await fetchPage(PDQ_PAGE);
        return PDQ_YAML_ERROR_RE.test(page.text) ? page : undefined;
      });
      // The rule has no page until its file is fixed; the answer says why instead of a blank 404.
      expect(broken.status).toBe(404);
      expect(broken.text).toMatch(BANNER_RE);
      expect(server.process.exitCode, server.output).toBeNull();
      // Every other page carries the list too, and the rest of the site is served.
      const rules = await fetchPage('rules/');
      expect(rules.status).toBe(200);
      expect(rules.text).toMatch(PDQ_YAML_ERROR_RE);

      writeFileSync(ruleFile, original);
      const fixed = await waitFor('the page to recover', CHANGE_TIMEOUT_MS, async () => {
        const page = await fetchPage(PDQ_PAGE);
        return page.status === 200 && page.text.includes(PDQ_NAME) && !BANNER_RE.test(page.text) ? page : undefined;
      });
      expect(fixed.text).toContain('58cbbe97-f835-4677-9bee-203b1df29600');
      expect(server.process.exitCode, server.output).toBeNull();
    },
    2 * CHANGE_TIMEOUT_MS + 30_000,
  );

  test('/r/?name= and ?id= redirect to the rule page, an unknown name to search', async () => {
    const redirectOf = async (query: string) => {
      const response = await fetch(`${server.origin}r/?${query}`, { redirect: 'manual' });
      return { status: response.status, location: response.headers.get('location') };
    };
    const toPdq = { status: 302, location: `/${PDQ_PAGE}` };
    expect(await redirectOf(`name=${encodeURIComponent(PDQ_NAME.toUpperCase())}`)).toEqual(toPdq);
    expect(await redirectOf('id={58CBBE97-F835-4677-9BEE-203B1DF29600}')).toEqual(toPdq);
    expect(await redirectOf('name=No%20such%20alert')).toEqual({
      status: 302,
      location: '/search/?q=No%20such%20alert',
    });
    const page = await fetchPage('r/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('From an alert to its runbook');
  });

  test('the search page says how to get search before any build, and uses the last build index after one', async () => {
    const search = await fetchPage('search/');
    expect(search.status).toBe(200);
    expect(search.text).toMatch(SEARCH_HOWTO_RE);
    expect((await fetchPage('pagefind/pagefind-component-ui.js')).status).toBe(404);

    // What `huntbook build` leaves in the output folder (dist beside the settings file).
    const bundle = join(site, 'dist', 'pagefind');
    mkdirSync(bundle, { recursive: true });
    writeFileSync(join(bundle, 'pagefind-component-ui.js'), 'export {};\n');
    writeFileSync(join(bundle, 'huntbook-shards.json'), '{"bundles":[]}');
    const script = await fetch(`${server.origin}pagefind/pagefind-component-ui.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toBe('export {};\n');
    const shards = await fetchPage('pagefind/huntbook-shards.json');
    expect(JSON.parse(shards.text)).toEqual({ bundles: [] });
    const withIndex = await fetchPage('search/');
    expect(withIndex.text).toContain('Results come from the last build');
    expect(withIndex.text).not.toContain('data-search-missing');
  });
});

describe('huntbook dev on content with an error', () => {
  test(
    'starts anyway, lists the error on its pages, and recovers when the file is fixed',
    async () => {
      const site = copyFixture('broken-at-start');
      const ruleFile = join(site, 'rules', 'pdq.yaml');
      const original = readFileSync(ruleFile, 'utf8');
      writeFileSync(ruleFile, original.replace(`name: ${PDQ_NAME}`, `name: [${PDQ_NAME}`));
      await startDevServer(site);
      const home = await fetchPage('');
      expect(home.text).toMatch(PDQ_YAML_ERROR_RE);
      expect(server.output).toMatch(/rules\/pdq\.yaml:\d+:\d+ invalid YAML/);

      writeFileSync(ruleFile, original);
      await waitFor('the page to recover', CHANGE_TIMEOUT_MS, async () => {
        const page = await fetchPage(PDQ_PAGE);
        return page.status === 200 && !BANNER_RE.test(page.text);
      });
      expect(server.process.exitCode, server.output).toBeNull();
    },
    START_TIMEOUT_MS + CHANGE_TIMEOUT_MS,
  );
});

async function fetchPage(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.origin}${path}`);
  return { status: response.status, text: await response.text() };
}

/** Polls `check` until it gives a value, failing with the server's output when the limit passes or the server ends. */
async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.process.exitCode !== null) {
      throw new Error(`the dev server exited (${server.process.exitCode}):\n${server.output}`);
    }
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; dev server output:\n${server.output}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 500));
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}
