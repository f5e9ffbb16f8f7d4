import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { describeFinding } from '../../../src/import/import-seeds.ts';
import type { SeedDocument } from '../../../src/import/seed-document.ts';
import { parseSeedDocument } from '../../../src/import/seed-document.ts';
import {
  describeDataSources,
  toContentFileName,
  toRuleYaml,
  toRunbookMarkdown,
} from '../../../src/import/seed-to-content.ts';
import { ruleSchema } from '../../../src/schemas/rule.ts';
import { runbookFrontmatterSchema } from '../../../src/schemas/runbook.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/seeds/', import.meta.url));
const SHARED_SEEDS = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));

const SEEDS = [
  {
    file: '000_8825eeb8d712c845.txt',
    tool: 'PDQ',
    id: '58cbbe97-f835-4677-9bee-203b1df29600',
    name: 'Remote Management and Monitoring tool - PDQ - Network Connection',
    slug: 'remote-management-and-monitoring-tool-pdq-network-connection',
    scenariosHaveTitles: false,
  },
  {
    file: '002_6103018d39b736bc.txt',
    tool: 'RustDesk',
    id: '9d6ce6ba-f13e-473c-ac2b-56b74c4a5900',
    name: 'Remote Management and Monitoring tool - RustDesk - Network Connection',
    slug: 'remote-management-and-monitoring-tool-rustdesk-network-connection',
    scenariosHaveTitles: true,
  },
] as const;

function readSeed(file: string): string {
  return readFileSync(FIXTURES + file, 'utf8');
}

/** The seed's YAML query lines, cut straight from the text so the parser is not its own oracle. */
function yamlQueryLines(text: string): string {
  const start = text.indexOf('\nquery: |\n') + '\nquery: |\n'.length;
  const end = text.indexOf('\n| Sentinel Table |');
  return `${text.slice(start, end)}\n`;
}

/** Parses a seed and fails the test with the findings if it did not produce a document. */
function parseOk(text: string, file = 'seeds/x.txt'): SeedDocument {
  const { document, findings } = parseSeedDocument(text, file);
  if (!document) throw new Error(findings.map(describeFinding).join('\n'));
  return document;
}

/** The messages of a parse, formatted as the importer prints them. */
function messagesOf(text: string, file = 'seeds/x.txt'): string[] {
  return parseSeedDocument(text, file).findings.map(describeFinding);
}

/** A small seed in the second shape, for edge cases the real seeds do not show. */
function miniSeed(yamlBlock: string, scenarios = 'Scenario: Admin work\nFilter/Exclusion: exclude admins'): string {
  return [
    'An adversary runs a tool.',
    'KQL Query',
    'DeviceNetworkEvents',
    '| take 1',
    yamlBlock,
    '| Sentinel Table | Notes |',
    '|---|---|',
    'DeviceNetworkEvents | Needed |',
    scenarios,
  ].join('\n');
}

const MINI_YAML = [
  'id: 11111111-2222-3333-4444-555555555555',
  'name: Mini rule',
  'query: |',
  'DeviceNetworkEvents',
  '| take 1',
].join('\n');

describe('seed fixtures', () => {
  it.skipIf(!existsSync(SHARED_SEEDS)).each(SEEDS)('$file is a byte-for-byte copy of the shared seed', ({ file }) => {
    expect(readFileSync(FIXTURES + file)).toEqual(readFileSync(SHARED_SEEDS + file));
  });
});

describe.each(SEEDS)('parseSeedDocument on the $tool seed', (seed) => {
  const text = readSeed(seed.file);
  const { document, findings } = parseSeedDocument(text, `seeds/${seed.file}`);

  it('parses without findings', () => {
    expect(findings).toEqual([]);
    expect(document).toBeDefined();
  });

  it('reads the id, name and description', () => {
    expect(document?.rule.id).toBe(seed.id);
    expect(document?.rule.name).toBe(seed.name);
    expect(document?.rule.description).toBe(
      'Remote Monitoring and Management (RMM) programs are IT to manage remote endpoints. ' +
        'Attackers have begun to abuse these programs to persist or provide C2 channels.\n' +
        'https://github.com/jischell-msft/RemoteManagementMonitoringTools\n',
    );
  });

  it('keeps the YAML query exactly as the seed lines, ending in one newline', () => {
    expect(document?.rule.query).toBe(yamlQueryLines(text));
    expect(document?.rule.query.endsWith('RemoteUrl\n')).toBe(true);
    expect(document?.kqlSectionQuery).toBe(document?.rule.query);
  });

  it('reads connectors, tactics, technique and tables', () => {
    expect(document?.rule.requiredDataConnectors).toEqual([
      { connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceNetworkEvents'] },
    ]);
    expect(document?.rule.tactics).toBe('CommandAndControl');
    expect(document?.rule.relevantTechniques).toBe('T1219');
    expect(document?.tables).toEqual([
      { table: 'DeviceNetworkEvents', notes: 'Ensure this data connector is enabled' },
    ]);
  });

  it('reads the hypothesis paragraph', () => {
    expect(document?.hypothesis).toMatch(
      new RegExp(`^The hypothesis is that an adversary is using ${seed.tool}, .* legitimate RMM tools\\.$`),
    );
  });

  it('reads exactly five scenarios, each with an exclusion', () => {
    const falsePositives = document?.falsePositives ?? [];
    expect(falsePositives).toHaveLength(5);
    for (const fp of falsePositives) {
      expect(fp.scenario).not.toBe('');
      expect(fp.exclusion).not.toBe('');
      if (seed.scenariosHaveTitles) {
        expect(fp.scenario).toMatch(/RustDesk/);
        expect(fp.scenario).not.toMatch(/[.!?]$/);
        expect(fp.description).toMatch(/\S/);
      } else {
        expect(fp.description).toBeUndefined();
      }
    }
  });

  it('reads the same document from CRLF text with a BOM', () => {
    const windows = `\uFEFF${text.replace(/\n/g, '\r\n')}`;
    expect(parseSeedDocument(windows, `seeds/${seed.file}`)).toEqual({ document, findings });
  });

  it('reads the same document when the file ends with a newline', () => {
    expect(parseOk(`${text}\n\n`)).toEqual(document);
  });
});

describe('parseSeedDocument on the scenario shapes', () => {
  it('reads the PDQ shape: the scenario is the sentence, no description', () => {
    const first = parseOk(readSeed(SEEDS[0].file)).falsePositives[0];
    expect(first).toEqual({
      scenario:
        'A system administrator is using PDQ Deploy to push a software update to multiple endpoints across the network.',
      exclusion:
        'Check for the presence of known PDQ Deploy update scripts or job names in the event log, ' +
        'and exclude connections initiated from the PDQ server IP address.',
    });
  });

  it('reads the RustDesk shape: title, description, exclusion', () => {
    const first = parseOk(readSeed(SEEDS[1].file)).falsePositives[0];
    expect(first).toEqual({
      scenario: 'Legitimate Remote Management Session via RustDesk',
      description: 'An IT admin is using RustDesk to remotely manage a user\u2019s endpoint for troubleshooting.',
      exclusion:
        'process.name != "RustDesk.exe" OR process.parent.name == "RustDesk.exe" AND process.name == "explorer.exe" ' +
        '(to exclude legitimate remote sessions)',
    });
  });

  it('keeps continuation lines of a field, one per line', () => {
    const doc = parseOk(
      miniSeed(
        MINI_YAML,
        'Scenario: Backup agent\nFilter/Exclusion:\n| where InitiatingProcessAccountName != "svc"\n| where x',
      ),
    );
    expect(doc.falsePositives).toEqual([
      { scenario: 'Backup agent', exclusion: '| where InitiatingProcessAccountName != "svc"\n| where x' },
    ]);
  });
});

describe('parseSeedDocument on the KQL section versus the YAML query', () => {
  const text = readSeed(SEEDS[0].file);

  it('warns when they differ and keeps the YAML query', () => {
    const edited = text.replace('let Time_start = now(-5d);', 'let Time_start = now(-7d);');
    const { document, findings } = parseSeedDocument(edited, 'seeds/pdq.txt');
    expect(findings.map(describeFinding)).toEqual([
      'seeds/pdq.txt:3: the query under "KQL Query" differs from the YAML "query:" (first at query line 1); keeping the YAML one',
    ]);
    expect(findings[0]?.severity).toBe('warning');
    expect(document?.rule.query).toBe(yamlQueryLines(text));
    expect(document?.kqlSectionQuery).toContain('now(-7d)');
  });

  it('points at the first differing line', () => {
    const edited = text.replace("'cfcdn.pdq.com'\n)", "'cdn.pdq.com'\n)");
    expect(messagesOf(edited)).toEqual([
      'seeds/x.txt:12: the query under "KQL Query" differs from the YAML "query:" (first at query line 10); keeping the YAML one',
    ]);
  });

  it.each([
    ['trailing spaces', 'RemoteUrl   \nid:'],
    ['trailing blank lines', 'RemoteUrl\n\n\nid:'],
  ])('ignores %s at the end of the KQL section', (_label, replacement) => {
    const edited = text.replace('RemoteUrl\nid:', replacement);
    expect(messagesOf(edited)).toEqual([]);
  });
});

describe('parseSeedDocument errors', () => {
  const text = readSeed(SEEDS[0].file);
  const fromId = text.indexOf('\nid:');
  const table = text.indexOf('\n| Sentinel Table');
  const firstScenario = text.indexOf('\nScenario:');

  it.each([
    ['the "KQL Query" line', text.replace('KQL Query\n', ''), ['seeds/x.txt: no "KQL Query" line']],
    [
      'the YAML block',
      text.slice(0, fromId) + text.slice(table),
      ['seeds/x.txt: no Sentinel YAML block (id:/name:/query:)'],
    ],
    ['the scenarios', text.slice(0, firstScenario), ['seeds/x.txt: no "Scenario:" entries']],
    [
      'the third exclusion',
      text.replace(/\nFilter\/Exclusion: Exclude connections made during[^\n]*/, ''),
      ['seeds/x.txt:52: Scenario 3 has no "Filter/Exclusion:"'],
    ],
    [
      'the text of the second scenario',
      text.replace(/\nScenario: An IT team[^\n]*/, '\nScenario:'),
      ['seeds/x.txt:50: Scenario 2 has no text after "Scenario:"'],
    ],
    [
      'the KQL line and the scenarios, both reported at once',
      text.replace('KQL Query\n', '').slice(0, firstScenario - 'KQL Query\n'.length),
      ['seeds/x.txt: no "KQL Query" line', 'seeds/x.txt: no "Scenario:" entries'],
    ],
  ])('names the file and the missing part when %s is missing', (_part, broken, expected) => {
    const { document, findings } = parseSeedDocument(broken, 'seeds/x.txt');
    expect(document).toBeUndefined();
    expect(findings.map(describeFinding)).toEqual(expected);
  });

  it.each([
    ['id', MINI_YAML.replace(/^id: .*\n/, ''), 'seeds/x.txt: Sentinel YAML block has no "id:"'],
    ['name', MINI_YAML.replace(/\nname: .*/, ''), 'seeds/x.txt: Sentinel YAML block has no "name:"'],
    [
      'query',
      'id: 11111111-2222-3333-4444-555555555555\nname: Mini rule',
      'seeds/x.txt: Sentinel YAML block has no "query:"',
    ],
  ])('reports a YAML block without "%s:"', (_key, yamlBlock, expected) => {
    expect(messagesOf(miniSeed(yamlBlock))).toEqual([expected]);
  });

  it('reports an exclusion given twice', () => {
    const scenarios = 'Scenario: Admin work\nFilter/Exclusion: one\nFilter/Exclusion: two';
    expect(messagesOf(miniSeed(MINI_YAML, scenarios))).toEqual([
      'seeds/x.txt:15: Scenario 1 has more than one "Filter/Exclusion:"',
    ]);
  });

  it('reports a key the seed format does not know instead of guessing where it belongs', () => {
    const yamlBlock = MINI_YAML.replace('query: |', 'tactics: CommandAndControl\nseverity: Medium\nquery: |');
    expect(messagesOf(miniSeed(yamlBlock))).toEqual([
      'seeds/x.txt:8: Sentinel YAML key "severity:" is not one of the keys a seed may have ' +
        '(id, name, description, requiredDataConnectors, tactics, relevantTechniques, query)',
    ]);
  });

  it('stops at an alias bomb, which writing the rule out would expand', () => {
    const levels = ['&l0 [T1219, T1219, T1219, T1219, T1219, T1219, T1219, T1219, T1219, T1219]'];
    for (let level = 1; level < 8; level++)
      levels.push(
        `&l${level} [${Array(10)
          .fill(`*l${level - 1}`)
          .join(', ')}]`,
      );
    const yamlBlock = MINI_YAML.replace('query: |', `relevantTechniques: [${levels.join(', ')}]\nquery: |`);
    // Line 5 is the YAML block's first line: only the total is known, not the alias that passed it.
    expect(messagesOf(miniSeed(yamlBlock))).toEqual([
      expect.stringMatching(/^seeds\/x\.txt:5: YAML aliases expand this document to /),
    ]);
  });

  it('reports YAML that cannot be read, with its line', () => {
    const yamlBlock = MINI_YAML.replace('name: Mini rule', 'name: "unterminated');
    const [message] = messagesOf(miniSeed(yamlBlock));
    expect(message).toMatch(/^seeds\/x\.txt:\d+: Sentinel YAML block is not valid YAML: /);
  });

  it('warns, without failing, when the table is missing', () => {
    const noTable = text.slice(0, table) + text.slice(text.indexOf('\nScenario:'));
    const { document, findings } = parseSeedDocument(noTable, 'seeds/x.txt');
    expect(findings.map(describeFinding)).toEqual([
      'seeds/x.txt: no "| Sentinel Table | Notes |" table; the runbook lists the connector tables instead',
    ]);
    expect(document?.tables).toEqual([]);
    expect(document?.rule.query).toBe(yamlQueryLines(text));
  });
});

describe('parseSeedDocument on flattened YAML shapes', () => {
  it.each([
    [
      'lists for tactics and techniques',
      'tactics:\n- CommandAndControl\n- Persistence\nrelevantTechniques:\n- T1219\n- T1133',
      { tactics: ['CommandAndControl', 'Persistence'], relevantTechniques: ['T1219', 'T1133'] },
    ],
    [
      'flow lists',
      'tactics: [CommandAndControl]\nrelevantTechniques: [T1219]',
      { tactics: ['CommandAndControl'], relevantTechniques: ['T1219'] },
    ],
    [
      'two connectors with inline and listed data types',
      'requiredDataConnectors:\n- connectorId: A\ndataTypes:\n- T1\n- T2\n- connectorId: B\ndataTypes: [T3]',
      {
        requiredDataConnectors: [
          { connectorId: 'A', dataTypes: ['T1', 'T2'] },
          { connectorId: 'B', dataTypes: ['T3'] },
        ],
      },
    ],
    [
      'lines that kept their indentation',
      'requiredDataConnectors:\n  - connectorId: A\n    dataTypes:\n      - T1\ntactics:\n  - Persistence',
      { requiredDataConnectors: [{ connectorId: 'A', dataTypes: ['T1'] }], tactics: ['Persistence'] },
    ],
    ['a quoted name', 'name: "Tool: \\"quoted\\" name"', { name: 'Tool: "quoted" name' }],
    [
      'a description block with a colon line',
      'description: |\nNote: read this\nsecond line',
      { description: 'Note: read this\nsecond line\n' },
    ],
  ])('reads %s', (_shape, extraYaml, expected) => {
    const yamlBlock = [
      'id: 11111111-2222-3333-4444-555555555555',
      ...(extraYaml.startsWith('name:') ? [] : ['name: Mini rule']),
      extraYaml,
      'query: |',
      'DeviceNetworkEvents',
      '| take 1',
    ].join('\n');
    expect(parseOk(miniSeed(yamlBlock)).rule).toMatchObject(expected);
  });

  it.each([
    ['|-', 'DeviceNetworkEvents\n| take 1'],
    ['|+', 'DeviceNetworkEvents\n| take 1\n\n'],
  ])('honours the "%s" chomping indicator', (indicator, expected) => {
    const yamlBlock = MINI_YAML.replace('query: |', `query: ${indicator}`);
    const text = `${miniSeed(yamlBlock).replace('| take 1\n| Sentinel', '| take 1\n\n| Sentinel')}`;
    expect(parseOk(text).rule.query).toBe(expected);
  });

  it('reads a bare "query:" over column-0 lines as a literal block', () => {
    expect(parseOk(miniSeed(MINI_YAML.replace('query: |', 'query:'))).rule.query).toBe(
      'DeviceNetworkEvents\n| take 1\n',
    );
  });

  it('keeps leading spaces, inner blank lines and key-like lines of the query', () => {
    const query = '   DeviceNetworkEvents\n\n| extend name: 1\nname: still query\n\t| take 1';
    const text = miniSeed(MINI_YAML.replace('DeviceNetworkEvents\n| take 1', query)).replace(
      'DeviceNetworkEvents\n| take 1\n',
      `${query}\n`,
    );
    const { document, findings } = parseSeedDocument(text, 'seeds/x.txt');
    expect(findings).toEqual([]);
    expect(document?.rule.query).toBe(`${query}\n`);
  });
});

describe('toRuleYaml', () => {
  it.each(SEEDS)('round-trips the $tool rule through js-yaml', (seed) => {
    const text = readSeed(seed.file);
    const doc = parseOk(text);
    const yaml = toRuleYaml(doc);
    const loaded = load(yaml) as Record<string, unknown>;

    expect(Object.keys(loaded)).toEqual([
      'id',
      'name',
      'description',
      'requiredDataConnectors',
      'tactics',
      'relevantTechniques',
      'query',
    ]);
    expect(loaded).toEqual({
      id: seed.id,
      name: seed.name,
      description: doc.rule.description,
      requiredDataConnectors: [{ connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceNetworkEvents'] }],
      tactics: 'CommandAndControl',
      relevantTechniques: 'T1219',
      query: yamlQueryLines(text),
    });
    expect(yaml).toContain('\ndescription: |\n  Remote Monitoring');
    expect(yaml).toContain('\nquery: |\n  let Time_start = now(-5d);\n');
    expect(yaml).toContain('\ntactics: CommandAndControl\nrelevantTechniques: T1219\n');
  });

  it.each(SEEDS)('produces a $tool rule that passes ruleSchema', (seed) => {
    const result = ruleSchema.safeParse(load(toRuleYaml(parseOk(readSeed(seed.file)))));
    expect(result.success).toBe(true);
    expect(result.data?.tactics).toEqual(['CommandAndControl']);
    expect(result.data?.relevantTechniques).toEqual(['T1219']);
  });

  it.each([
    ['leading spaces', '  DeviceNetworkEvents\n| take 1\n'],
    ['a tab', 'DeviceNetworkEvents\n|\ttake 1\n'],
    ['YAML-looking text', '- a: b\n# not a comment\n\'quoted\' | "x"\n'],
    ['no final newline', 'DeviceNetworkEvents\n| take 1'],
  ])('keeps a query with %s byte-identical', (_label, query) => {
    const doc = parseOk(miniSeed(MINI_YAML));
    const yaml = toRuleYaml({ ...doc, rule: { ...doc.rule, query, description: 'a: b # c\n' } });
    expect(load(yaml)).toMatchObject({ query, description: 'a: b # c\n' });
  });

  it('leaves out empty optional fields', () => {
    const yaml = toRuleYaml(parseOk(miniSeed(MINI_YAML)));
    expect(yaml).toBe(
      'id: 11111111-2222-3333-4444-555555555555\nname: Mini rule\nquery: |\n  DeviceNetworkEvents\n  | take 1\n',
    );
  });
});

describe('toRunbookMarkdown', () => {
  it.each(SEEDS)('writes $tool front matter that passes runbookFrontmatterSchema', (seed) => {
    const doc = parseOk(readSeed(seed.file));
    const markdown = toRunbookMarkdown(doc);
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(markdown);
    expect(match).not.toBeNull();
    const result = runbookFrontmatterSchema.safeParse(load(match?.[1] ?? ''));
    expect(result.success).toBe(true);
    expect(result.data?.rule).toBe(seed.id);
    expect(result.data?.hypothesis).toBe(doc.hypothesis);
    expect(result.data?.falsePositives).toEqual(doc.falsePositives);
    expect(match?.[2]).toBe(
      '\n## Data sources\n\n' +
        'This hunt reads one table. An empty result only means "nothing found" if that table is receiving data in the workspace.\n\n' +
        '- `DeviceNetworkEvents` (from the `MicrosoftThreatProtection` connector): Ensure this data connector is enabled.\n',
    );
  });

  it('falls back to the connector tables when the seed has no table', () => {
    const doc = parseOk(readSeed(SEEDS[1].file));
    expect(describeDataSources({ ...doc, tables: [] })).toContain(
      '- `DeviceNetworkEvents` (from the `MicrosoftThreatProtection` connector)\n',
    );
  });

  it('lists several tables and says when nothing is known', () => {
    const doc = parseOk(miniSeed(MINI_YAML));
    const two = describeDataSources({
      ...doc,
      tables: [
        { table: 'A', notes: 'Ingest it!' },
        { table: 'B`x', notes: '' },
      ],
    });
    expect(two).toContain('This hunt reads 2 tables.');
    expect(two).toContain('- `A`: Ingest it!\n- ``B`x``\n');
    expect(describeDataSources({ ...doc, tables: [] })).toContain('names no tables or data connectors');
  });
});

describe('toContentFileName', () => {
  it.each([
    [SEEDS[0].name, SEEDS[0].slug],
    [SEEDS[1].name, SEEDS[1].slug],
    ['  AnyDesk — Remote Access (Überwachung) ', 'anydesk-remote-access-uberwachung'],
    ['C2 over DNS: T1071.004', 'c2-over-dns-t1071-004'],
    ['***', ''],
    [`${'word '.repeat(30)}end`, `${'word-'.repeat(19)}word`],
  ])('turns %j into %j', (name, slug) => {
    expect(toContentFileName(name)).toBe(slug);
  });
});
