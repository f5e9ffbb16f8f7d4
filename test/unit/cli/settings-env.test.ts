import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXIT } from '../../../src/cli/command.ts';
import { loadSettingsFor, toSettingsEnv } from '../../../src/cli/settings-env.ts';

describe('toSettingsEnv', () => {
  test('paths on the command line are relative to the working folder', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'huntbook-flags-'));
    expect(toSettingsEnv({ config: 'wiki/h.yaml', out: 'site', base: '/soc/', strict: true }, cwd)).toEqual({
      HUNTBOOK_CONFIG: join(cwd, 'wiki/h.yaml'),
      HUNTBOOK_OUT_DIR: join(cwd, 'site'),
      HUNTBOOK_BASE: '/soc/',
      HUNTBOOK_STRICT: '1',
    });
  });

  test('without --config, the settings file of the working folder is used when there is one', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'huntbook-flags-'));
    expect(toSettingsEnv({}, cwd)).toEqual({});
    writeFileSync(join(cwd, 'huntbook.config.yaml'), 'title: Here\n');
    expect(toSettingsEnv({}, cwd)).toEqual({ HUNTBOOK_CONFIG: join(cwd, 'huntbook.config.yaml') });
  });
});

describe('loadSettingsFor', () => {
  const io = (cwd: string, env: Record<string, string> = {}) => {
    const err: string[] = [];
    return { err, io: { cwd, env: { ...env }, stdout: () => {}, stderr: (text: string) => err.push(text) } };
  };

  test('reads the working folder’s settings, paths relative to the file', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'huntbook-flags-'));
    writeFileSync(join(cwd, 'huntbook.config.yaml'), 'title: Here\noutDir: site\n');
    const result = loadSettingsFor({}, io(cwd).io);
    expect('config' in result && result.config.title).toBe('Here');
    expect('config' in result && result.config.outDir).toBe(join(cwd, 'site'));
  });

  test('a settings problem is printed as findings, with the settings exit code', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'huntbook-flags-'));
    writeFileSync(join(cwd, 'huntbook.config.yaml'), 'titel: typo\n');
    const { err, io: commandIo } = io(cwd);
    expect(loadSettingsFor({}, commandIo)).toEqual({ exitCode: EXIT.settings });
    expect(err.join('\n')).toContain('1:1 titel: unknown setting "titel" (did you mean title?)');
    expect(err.join('\n')).not.toContain('    at ');
  });
});
