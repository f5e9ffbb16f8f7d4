import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import type { Tool } from '../../../src/schemas/tool.ts';
import { toolSchema } from '../../../src/schemas/tool.ts';

const TOOLS_DIR = new URL('../../../content/tools/', import.meta.url);
const MIN_TOOLS = 40;
const YAML_FILE_RE = /\.ya?ml$/;

/** One catalog file; `id` and `domains` are read leniently so cross-file checks still run on invalid files. */
interface CatalogEntry {
  file: string;
  id?: string;
  domains: string[];
  tool?: Tool;
}

/** Pulls id and domains out of raw YAML without trusting its shape. */
function readLooseFields(data: unknown): { id?: string; domains: string[] } {
  if (typeof data !== 'object' || data === null) return { domains: [] };
  const { id, domains } = data as { id?: unknown; domains?: unknown };
  const list = Array.isArray(domains) ? domains : [domains];
  return {
    ...(typeof id === 'string' ? { id } : {}),
    domains: list.filter((domain): domain is string => typeof domain === 'string' && domain.trim() !== ''),
  };
}

/** Reads and validates every catalog file, collecting problems instead of stopping at the first. */
function readCatalog(): { entries: CatalogEntry[]; offenders: string[] } {
  const entries: CatalogEntry[] = [];
  const offenders: string[] = [];
  const files = readdirSync(TOOLS_DIR)
    .filter((file) => YAML_FILE_RE.test(file))
    .sort();
  for (const file of files) {
    let data: unknown;
    try {
      data = load(readFileSync(new URL(file, TOOLS_DIR), 'utf8'));
    } catch (error) {
      offenders.push(`${file} — YAML does not parse: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    const parsed = toolSchema.safeParse(data);
    if (parsed.success) {
      entries.push({ file, id: parsed.data.id, domains: parsed.data.domains, tool: parsed.data });
      continue;
    }
    for (const issue of parsed.error.issues)
      offenders.push(`${file} — ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    entries.push({ file, ...readLooseFields(data) });
  }
  return { entries, offenders };
}

/** The id is the URL segment and the file name is how authors find a tool, so the two must agree. */
function findIdMismatches(entries: readonly CatalogEntry[]): string[] {
  return entries.flatMap(({ file, id }) => {
    const stem = basename(file).replace(YAML_FILE_RE, '');
    return id !== undefined && id !== stem ? [`${file} — id "${id}" does not match the file name "${stem}"`] : [];
  });
}

function findDuplicateIds(entries: readonly CatalogEntry[]): string[] {
  const seen = new Map<string, string>();
  const offenders: string[] = [];
  for (const { file, id } of entries) {
    if (id === undefined) continue;
    const first = seen.get(id);
    if (first) offenders.push(`${file} — id "${id}" is already used by ${first}`);
    else seen.set(id, file);
  }
  return offenders;
}

/** A domain owned by two tools would attribute the same network rule to both. */
function findSharedDomains(entries: readonly CatalogEntry[]): string[] {
  const owner = new Map<string, string>();
  const offenders: string[] = [];
  for (const { file, domains } of entries) {
    for (const domain of domains) {
      const key = domain.toLowerCase();
      const first = owner.get(key);
      if (first && first !== file) offenders.push(`${file} — domain "${domain}" is also claimed by ${first}`);
      else owner.set(key, file);
    }
  }
  return offenders;
}

function findUppercaseDomains(entries: readonly CatalogEntry[]): string[] {
  return entries.flatMap(({ file, domains }) =>
    domains
      .filter((domain) => domain !== domain.toLowerCase())
      .map((domain) => `${file} — domain "${domain}" is not lowercase`),
  );
}

function findCatalogSizeProblem(entries: readonly CatalogEntry[]): string[] {
  return entries.length < MIN_TOOLS
    ? [`content/tools — only ${entries.length} tools, expected at least ${MIN_TOOLS}`]
    : [];
}

const catalog = readCatalog();

/** Looks a tool up by id; a missing tool fails the calling test with a readable message. */
function requireTool(id: string): Tool {
  const tool = catalog.entries.find((entry) => entry.tool?.id === id)?.tool;
  if (!tool) throw new Error(`content/tools/${id}.yaml is missing or invalid`);
  return tool;
}

describe('bundled tool catalog', () => {
  test('every file is valid, named after its id, and owns its domains', () => {
    const offenders = [
      ...catalog.offenders,
      ...findIdMismatches(catalog.entries),
      ...findDuplicateIds(catalog.entries),
      ...findSharedDomains(catalog.entries),
      ...findUppercaseDomains(catalog.entries),
      ...findCatalogSizeProblem(catalog.entries),
    ];
    expect(offenders.join('\n')).toBe('');
  });

  test('every T1219 sub-technique has at least one tool, so the matrix has a row in each', () => {
    const techniques = new Set(catalog.entries.map((entry) => entry.tool?.technique));
    expect([...techniques].filter((t) => t !== undefined).sort()).toEqual(
      expect.arrayContaining(['T1219.001', 'T1219.002', 'T1219.003']),
    );
  });

  test('pdq carries the facts the PDQ rules are matched on', () => {
    const pdq = requireTool('pdq');
    expect(pdq.name).toBe('PDQ');
    expect(pdq.domains).toEqual(expect.arrayContaining(['app.pdq.com', 'cfcdn.pdq.com']));
    expect(pdq.productNames).toContain('PDQConnectAgent');
    expect(pdq.aliases).toEqual(expect.arrayContaining(['PDQ Connect', 'PDQ Deploy', 'PDQ Inventory']));
  });

  test('rustdesk carries the facts the RustDesk rules are matched on', () => {
    const rustdesk = requireTool('rustdesk');
    expect(rustdesk.name).toBe('RustDesk');
    expect(rustdesk.domains).toContain('rustdesk.com');
    expect(rustdesk.productNames.map((name) => name.toLowerCase())).toContain('rustdesk');
    expect(rustdesk.processNames.map((name) => name.toLowerCase())).toContain('rustdesk.exe');
  });

  test('anydesk carries its code-signing subjects, company and install folders', () => {
    const anydesk = requireTool('anydesk');
    expect(anydesk.signers).toEqual(expect.arrayContaining(['AnyDesk Software GmbH', 'philandro Software GmbH']));
    expect(anydesk.companies).toContain('AnyDesk Software GmbH');
    expect(anydesk.installPaths).toContain('C:\\Program Files (x86)\\AnyDesk\\*');
  });
});

describe('toolSchema list fields', () => {
  test('signers, companies and install paths default to empty lists', () => {
    const tool = toolSchema.parse({ id: 'x', name: 'X' });
    expect([tool.signers, tool.companies, tool.installPaths]).toEqual([[], [], []]);
  });

  test('a single string becomes a list; blanks and repeats are dropped', () => {
    const tool = toolSchema.parse({
      id: 'x',
      name: 'X',
      signers: ' X Software GmbH ',
      companies: ['X Corp', '', 'X Corp'],
      installPaths: null,
    });
    expect(tool.signers).toEqual(['X Software GmbH']);
    expect(tool.companies).toEqual(['X Corp']);
    expect(tool.installPaths).toEqual([]);
  });

  test('a signer that is not text is an error', () => {
    expect(toolSchema.safeParse({ id: 'x', name: 'X', signers: [{ CN: 'X' }] }).success).toBe(false);
  });
});
