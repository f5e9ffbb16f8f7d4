import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type ConfigData, HtmlValidate, type Message, StaticConfigLoader } from 'html-validate';
import { beforeAll, describe, expect, test } from 'vitest';
import { type BuildResult, buildSite, PROJECT_ROOT } from '../support/build-site.ts';
import { listPages } from '../support/static-server.ts';

const FIXTURE = 'test/fixtures/valid';
const CONFIG_FILE = join(PROJECT_ROOT, '.htmlvalidate.json');
/** Whole-line `//` comments, which the config file uses to explain its exceptions. */
const LINE_COMMENT_RE = /^\s*\/\/.*$/gm;

let validBuild: BuildResult;
let bundledBuild: BuildResult;
let validator: HtmlValidate;

beforeAll(async () => {
  [validBuild, bundledBuild] = await Promise.all([
    buildSite({
      name: 'html-validity-valid',
      rules: `${FIXTURE}/rules`,
      runbooks: `${FIXTURE}/runbooks`,
      tools: `${FIXTURE}/tools`,
      config: `${FIXTURE}/huntbook.config.yaml`,
    }),
    buildSite({
      name: 'html-validity-bundled',
      rules: 'example/rules',
      sigma: 'example/sigma',
      runbooks: 'example/runbooks',
      tools: 'content/tools',
    }),
  ]);
  expect(validBuild.code, validBuild.output).toBe(0);
  expect(bundledBuild.code, bundledBuild.output).toBe(0);
  validator = new HtmlValidate(new StaticConfigLoader(readConfig()));
});

/** Reads .htmlvalidate.json, dropping its comment lines. */
function readConfig(): ConfigData {
  return JSON.parse(readFileSync(CONFIG_FILE, 'utf8').replace(LINE_COMMENT_RE, '')) as ConfigData;
}

/** Validates every page of a built site; one `file:line:col rule message [selector]` line per problem. */
async function validateSite(outDir: string): Promise<string[]> {
  const problems: string[] = [];
  for (const page of listPages(outDir)) {
    const file = join(outDir, page, 'index.html');
    const report = await validator.validateString(readFileSync(file, 'utf8'), file);
    const messages = report.results.flatMap((result) => result.messages);
    problems.push(...messages.map((message) => formatMessage(relative(PROJECT_ROOT, file), message)));
  }
  return problems;
}

function formatMessage(file: string, message: Message): string {
  const where = message.selector ? ` [${message.selector}]` : '';
  return `${file}:${message.line}:${message.column} ${message.ruleId} ${message.message}${where}`;
}

describe('HTML validity', () => {
  test('every page of the fixture site is valid HTML', async () => {
    const problems = await validateSite(validBuild.outDir);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('every page of the bundled content site is valid HTML', async () => {
    const problems = await validateSite(bundledBuild.outDir);
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
