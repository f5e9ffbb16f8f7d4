import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { formatFinding } from '../../../src/checks/findings.ts';
import { toDisplayPath } from '../../../src/loaders/content-fs.ts';
import type { ContentLocation } from '../../../src/loaders/content-location.ts';
import { readToolFile, readTools } from '../../../src/loaders/read-tools.ts';

describe('readTools', () => {
  test('a folder in LOLRMM format loads as a catalog', () => {
    const { records, findings } = readTools(['test/fixtures/lolrmm']);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(records.map((r) => r.tool.id)).toEqual([
      'bastion-relay-self-hosted',
      'gloomhook-rat',
      'harbor-desk',
      'lantern-rmm',
      'lighthouse-assist',
      'quill-remote',
      'tidepool-vnc',
    ]);
    const lantern = records.find((r) => r.tool.id === 'lantern-rmm')?.tool;
    expect(lantern?.domains).toContain('*.lantern-rmm.example.org');
    expect(lantern?.processNames).toContain('lantern_agent.exe');
    expect(records.find((r) => r.tool.id === 'gloomhook-rat')?.tool.category).toBe('RAT');
  });

  test('the bundled catalog and a LOLRMM folder load together', () => {
    const { records } = readTools(['content/tools', 'test/fixtures/lolrmm']);
    expect(records.length).toBeGreaterThanOrEqual(46);
  });

  test('an id in two files is merged with a warning naming both files', () => {
    const { records, findings } = readTools(['test/fixtures/tools-merge']);
    expect(records).toHaveLength(1);
    const merged = records[0];
    expect(merged?.files).toEqual([
      'test/fixtures/tools-merge/lantern-lolrmm.yaml',
      'test/fixtures/tools-merge/lantern-rmm.yaml',
    ]);
    expect(merged?.tool.domains).toContain('updates.lantern-rmm.example.org');
    expect(merged?.tool.domains).toContain('api.lantern-rmm.example.org');
    expect(merged?.tool.aliases).toEqual(['Lantern']);
    expect(merged?.tool.signers).toEqual(['Lantern Software Ltd']);
    expect(merged?.tool.companies).toEqual(['Lantern Software']);
    expect(merged?.tool.installPaths).toEqual(['C:\\Program Files\\Lantern\\*']);
    expect(findings.map(formatFinding)).toEqual([
      'test/fixtures/tools-merge/lantern-rmm.yaml id: tool "lantern-rmm" is also defined in test/fixtures/tools-merge/lantern-lolrmm.yaml; their lists (domains, product and process names, signers, companies, install paths, aliases) were merged and the other fields of test/fixtures/tools-merge/lantern-lolrmm.yaml kept',
    ]);
  });
});

describe('a user catalog over the bundled one', () => {
  const bundled: ContentLocation = {
    base: 'content/tools',
    exclude: [],
    origin: { kind: 'bundled', setting: 'content.bundledTools', written: 'content/tools' },
  };
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'huntbook-tools-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a file with a bundled id extends that tool: its fields win, its lists are added, no finding', () => {
    writeFileSync(join(dir, 'anydesk.yaml'), 'id: anydesk\nvendor: Our note\ndomains: [relay.corp.example]\n');
    writeFileSync(join(dir, 'inhouse.yaml'), 'id: inhouse-rmm\nname: In-house RMM\n');
    const bundledOnly = readTools([bundled]).records.find((record) => record.tool.id === 'anydesk');
    const { records, findings } = readTools([bundled, dir]);
    expect(findings).toEqual([]);
    const anydesk = records.find((record) => record.tool.id === 'anydesk');
    expect(anydesk?.tool.name).toBe(bundledOnly?.tool.name);
    expect(anydesk?.tool.vendor).toBe('Our note');
    expect(anydesk?.tool.domains).toEqual([...(bundledOnly?.tool.domains ?? []), 'relay.corp.example']);
    expect(anydesk?.files).toEqual([...(bundledOnly?.files ?? []), toDisplayPath(join(dir, 'anydesk.yaml'))]);
    expect(records.map((record) => record.tool.id)).toContain('inhouse-rmm');
    expect(records).toHaveLength(readTools([bundled]).records.length + 1);
  });

  test('signers, companies and install paths of a user file are added to the bundled ones', () => {
    writeFileSync(
      join(dir, 'anydesk.yaml'),
      "id: anydesk\nsigners: [Corp Repackaging Team]\ncompanies: [Corp IT]\ninstallPaths: ['D:\\Tools\\AnyDesk\\*']\n",
    );
    const bundledOnly = readTools([bundled]).records.find((record) => record.tool.id === 'anydesk')?.tool;
    const anydesk = readTools([bundled, dir]).records.find((record) => record.tool.id === 'anydesk')?.tool;
    expect(bundledOnly?.signers).toContain('philandro Software GmbH');
    expect(anydesk?.signers).toEqual([...(bundledOnly?.signers ?? []), 'Corp Repackaging Team']);
    expect(anydesk?.companies).toEqual([...(bundledOnly?.companies ?? []), 'Corp IT']);
    expect(anydesk?.installPaths).toEqual([...(bundledOnly?.installPaths ?? []), 'D:\\Tools\\AnyDesk\\*']);
  });

  test('a file of an unknown id still needs a name', () => {
    writeFileSync(join(dir, 'x.yaml'), 'id: not-bundled\n');
    expect(readTools([bundled, dir]).findings.map((finding) => finding.field)).toEqual(['name']);
  });
});

describe('readToolFile errors', () => {
  test.each([
    {
      text: 'id: AnyDesk\nname: AnyDesk\n',
      expected: ['t.yaml:1:1 id: must be lowercase letters, digits and dashes (got "AnyDesk")'],
    },
    { text: 'id: anydesk\n', expected: ['t.yaml name: is required (expected string)'] },
    {
      text: 'id: x\nname: X\nwebsite: javascript:alert(1)\n',
      expected: ['t.yaml:3:1 website: must be an http(s) address (got "javascript:alert(1)")'],
    },
    {
      text: 'id: x\nname: X\ncategory: Backdoor\n',
      expected: ['t.yaml:3:1 category: must be one of "RMM", "RAT", got "Backdoor"'],
    },
    {
      text: 'id: x\nname: X\ntechnique: T1219.2\n',
      expected: ['t.yaml:3:1 technique: expected T#### or T####.### (got "T1219.2")'],
    },
    { text: 'Name: ""\n', expected: ['t.yaml Name: is missing or empty; every LOLRMM entry needs a tool name'] },
    { text: '- a\n', expected: ['t.yaml must be a YAML mapping (a tool entry), got a list'] },
  ])('$text', ({ text, expected }) => {
    const read = readToolFile(text, 't.yaml');
    expect(read.tool).toBeUndefined();
    expect(read.findings.map(formatFinding)).toEqual(expected);
  });
});
