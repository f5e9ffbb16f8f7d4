import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../src/cli/command.ts';
import { parseRunbook } from '../../../src/loaders/runbook-markdown.ts';
import { runHuntbookIn } from '../../support/run-huntbook.ts';

const EXAMPLE_RULES = fileURLToPath(new URL('../../../example/rules/', import.meta.url));
const PDQ = 'remote-management-and-monitoring-tool-pdq-network-connection';
const RUSTDESK = 'remote-management-and-monitoring-tool-rustdesk-network-connection';
const PDQ_ID = '58cbbe97-f835-4677-9bee-203b1df29600';
const RUSTDESK_ID = '9d6ce6ba-f13e-473c-ac2b-56b74c4a5900';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'huntbook-new-runbook-'));
  cpSync(EXAMPLE_RULES, join(root, 'detections'), { recursive: true });
  writeFileSync(
    join(root, 'huntbook.config.yaml'),
    'content:\n  rules: detections\n  runbooks: [runbooks, more-runbooks]\n',
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Runs `huntbook new runbook …` in the temporary repository, as a user would there. */
function newRunbook(...args: string[]) {
  return runHuntbookIn(root, 'new', 'runbook', ...args, '--config', join(root, 'huntbook.config.yaml'));
}

const runbookPath = (name: string) => join(root, 'runbooks', `${name}.md`);
const readRunbook = (name: string) => parseRunbook(readFileSync(runbookPath(name), 'utf8'), `${name}.md`);

describe('huntbook new runbook', () => {
  it('writes a skeleton for a rule id into the first runbooks folder, with the tool it matches', async () => {
    const result = await newRunbook(PDQ_ID.toUpperCase());
    expect(result).toMatchObject({ code: EXIT.ok, stderr: '' });
    expect(result.stdout).toContain(`written runbooks/${PDQ}.md (rule ${PDQ_ID}), tool pdq`);
    const written = readRunbook(PDQ);
    expect(written.findings).toEqual([]);
    expect(written.frontmatter).toMatchObject({ rule: PDQ_ID, tool: 'pdq', falsePositives: [] });
    expect(written.frontmatter?.hypothesis).toMatch(/^Remote Monitoring and Management \(RMM\) programs/);
    expect(readdirSync(join(root, 'runbooks'))).toEqual([`${PDQ}.md`]);
  });

  it('writes a skeleton for a rule file, also one outside the rule folders', async () => {
    cpSync(join(root, 'detections', `${RUSTDESK}.yaml`), join(root, 'elsewhere.yaml'));
    const result = await newRunbook('elsewhere.yaml');
    expect(result.code).toBe(EXIT.ok);
    expect(readRunbook(RUSTDESK).frontmatter).toMatchObject({ rule: RUSTDESK_ID, tool: 'rustdesk' });
  });

  it('with --missing, writes one for every rule without a runbook and leaves the others alone', async () => {
    mkdirSync(join(root, 'more-runbooks'));
    const own = `---\nrule: ${PDQ_ID}\nfalsePositives: []\n---\n\nOur own notes.\n`;
    writeFileSync(join(root, 'more-runbooks', 'pdq-notes.md'), own);
    const result = await newRunbook('--missing');
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain(`written runbooks/${RUSTDESK}.md`);
    expect(result.stdout).toContain('Wrote 1 runbook.');
    expect(readdirSync(join(root, 'runbooks'))).toEqual([`${RUSTDESK}.md`]);
    expect(readFileSync(join(root, 'more-runbooks', 'pdq-notes.md'), 'utf8')).toBe(own);
    expect(await newRunbook('--missing')).toMatchObject({
      code: EXIT.ok,
      stdout: 'Every rule has a runbook: nothing to write.',
    });
  });

  it('never replaces a file without --force', async () => {
    mkdirSync(join(root, 'runbooks'));
    writeFileSync(runbookPath(PDQ), 'not a runbook yet\n');
    const refused = await newRunbook(PDQ_ID);
    expect(refused.code).toBe(EXIT.ok);
    expect(refused.stdout).toContain(
      `skipped runbooks/${PDQ}.md (rule ${PDQ_ID}): the file already exists; pass --force`,
    );
    expect(readFileSync(runbookPath(PDQ), 'utf8')).toBe('not a runbook yet\n');

    const forced = await newRunbook(PDQ_ID, '--force');
    expect(forced.stdout).toContain(`replaced runbooks/${PDQ}.md`);
    expect(readRunbook(PDQ).frontmatter?.rule).toBe(PDQ_ID);

    // Now it is the rule's runbook: kept as the rule's, and replaced in place with --force.
    expect((await newRunbook(`detections/${PDQ}.yaml`)).stdout).toContain('the rule already has this runbook');
    expect((await newRunbook(PDQ_ID, '-f')).stdout).toContain(`replaced runbooks/${PDQ}.md`);
  });

  it('says which id was meant when an id matches no rule', async () => {
    const result = await newRunbook(PDQ_ID.slice(0, -1));
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain(`error: no rule has the id "${PDQ_ID.slice(0, -1)}" (did you mean ${PDQ_ID}?)`);
    expect(result.stderr).toContain('Rule ids are read from the rule files in detections.');
    expect(existsSync(join(root, 'runbooks'))).toBe(false);
  });

  it('reports a rule file that does not parse as a finding, and writes the others', async () => {
    writeFileSync(join(root, 'detections', 'broken.yaml'), 'id: [unclosed\nquery: x\n');
    const given = await newRunbook('detections/broken.yaml');
    expect(given.code).toBe(EXIT.findings);
    expect(given.stderr).toMatch(/^error {3}detections\/broken\.yaml:\d+/m);

    const missing = await newRunbook('--missing');
    expect(missing.code).toBe(EXIT.findings);
    expect(missing.stderr).toMatch(/^error {3}detections\/broken\.yaml/m);
    expect(readdirSync(join(root, 'runbooks')).sort()).toEqual([`${PDQ}.md`, `${RUSTDESK}.md`]);
  });

  it.each([
    [[], 'give a rule id or rule file, or --missing'],
    [['--missing', PDQ_ID], '--missing takes no rule'],
    [[PDQ_ID, RUSTDESK_ID], 'one rule at a time: unexpected argument'],
    [['--mising'], 'unknown flag --mising (did you mean --missing?)'],
    [['no-such-file.yaml'], 'no rule file "no-such-file.yaml"'],
  ])('turns away %j', async (args, message) => {
    const result = await newRunbook(...args);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain(message);
  });
});
