import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, test } from 'vitest';
import { EXIT } from '../../../src/cli/command.ts';
import { COMMANDS } from '../../../src/cli/huntbook.ts';
import { packagePath } from '../../../src/package/package-root.ts';
import { runHuntbookIn } from '../../support/run-huntbook.ts';

const run = (...args: string[]) => runHuntbookIn(tmpdir(), ...args);

describe('huntbook', () => {
  test('--help lists every command with its summary and the exit codes', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(EXIT.ok);
    for (const command of COMMANDS) expect(stdout).toContain(`${command.name}`);
    expect(stdout).toContain('Exit codes: 0 done; 1 content errors');
  });

  test('with no command it shows the usage and exits 2', async () => {
    const { code, stdout } = await run();
    expect(code).toBe(EXIT.usage);
    expect(stdout).toContain('Usage: huntbook <command> [flags]');
  });

  test('--version is the package version', async () => {
    const { version } = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string };
    expect((await run('--version')).stdout).toBe(version);
  });

  test.each([
    { args: ['biuld'], message: 'error: unknown command "biuld" (did you mean "build"?)' },
    { args: ['publish'], message: 'error: unknown command "publish"\n' },
    { args: ['new'], message: 'error: "new" needs what to make: "huntbook new runbook"' },
    { args: ['new', 'runbok'], message: 'error: "new" needs what to make, not "runbok": "huntbook new runbook"' },
  ])('$args is a usage error that says what was meant', async ({ args, message }) => {
    const { code, stderr } = await run(...args);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain(message);
  });

  test.each(COMMANDS.map((command) => command.name))('"%s --help" shows its own usage', async (name) => {
    const { code, stdout } = await run(...name.split(' '), '--help');
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(new RegExp(`^Usage: huntbook ${name}\\b`));
  });

  test.each(COMMANDS.map((command) => command.name))('"%s" answers an unknown flag with a hint', async (name) => {
    const { code, stderr } = await run(...name.split(' '), '--froce');
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(/^error: unknown flag --froce/);
  });
});
