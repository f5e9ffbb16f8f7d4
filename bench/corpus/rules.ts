import { join } from 'node:path';
import { toSlug } from '../../src/model/slug.ts';
import { chooseTactics } from './attack.ts';
import { GENERIC_HUNTS } from './generic-hunts.ts';
import { assembleQuery, chooseQueryLength, type QueryContext, type QueryDraft, type TableSpec } from './query-draft.ts';
import { createGuid, type Random } from './random.ts';
import { toRuleYaml } from './rule-yaml.ts';
import { TABLE_CHOICES } from './tables.ts';
import type { CatalogTool } from './tool-catalog.ts';

const RULE_FAMILY = 'Remote Management and Monitoring tool';

const NAME_QUALIFIERS = [
  'Servers',
  'Workstations',
  'Domain Controllers',
  'Portable',
  'Service Mode',
  'Unattended Access',
  'Self-Hosted',
  'Legacy Agent',
  'Non-Corporate Tenant',
  'After Hours',
  'First Seen',
  'Rare Host',
];
const DESCRIPTION_INTRO =
  'Remote Monitoring and Management (RMM) programs are used by IT to manage remote endpoints. Attackers have begun to abuse these programs to persist or provide C2 channels.';
const REFERENCE_URLS = [
  'https://github.com/jischell-msft/RemoteManagementMonitoringTools',
  'https://www.cisa.gov/news-events/cybersecurity-advisories/aa23-025a',
  'https://attack.mitre.org/techniques/T1219/',
];

export interface RuleDraft {
  id: string;
  name: string;
  /** File name without extension; the runbook reuses it. */
  baseName: string;
  folder: string;
  yaml: string;
  tool?: CatalogTool;
  label: string;
  tables: string[];
}

export interface RuleFactory {
  random: Random;
  tools: readonly CatalogTool[];
  usedIds: Set<string>;
  usedNames: Set<string>;
  usedPaths: Set<string>;
}

function createUniqueGuid(factory: RuleFactory): string {
  for (;;) {
    const id = createGuid(factory.random);
    if (factory.usedIds.has(id)) continue;
    factory.usedIds.add(id);
    return id;
  }
}

/**
 * Names follow `<family> - <Tool> - <Telemetry>`; repeats get a qualifier, except for a
 * small share left as they are, since real rule sets do carry a few duplicate names.
 */
function chooseRuleName(factory: RuleFactory, tool: CatalogTool, label: string): string {
  const { random, usedNames } = factory;
  const base = random.chance(0.06)
    ? `${tool.tool.name} ${label.toLowerCase()} on an unmanaged device`
    : `${RULE_FAMILY} - ${tool.tool.name} - ${label}`;
  let name = base;
  if (usedNames.has(name) && !random.chance(0.01)) {
    name = `${base} (${random.pick(NAME_QUALIFIERS)})`;
    for (let copy = 2; usedNames.has(name); copy++) name = `${base} (${random.pick(NAME_QUALIFIERS)} ${copy})`;
  }
  usedNames.add(name);
  return name;
}

function chooseTechniques(random: Random, tool: CatalogTool, spec: TableSpec, draft: QueryDraft): string[] {
  const primary = random.chance(0.2) ? 'T1219' : tool.tool.technique;
  const extras = random.chance(0.5) ? random.sample(spec.extraTechniques, random.int(1, 2)) : [];
  return [...new Set([primary, ...draft.techniques, ...extras])];
}

function describeRule(random: Random, tool: CatalogTool, label: string): string {
  const vendor = tool.tool.vendor ? ` (${tool.tool.vendor})` : '';
  const lines = [
    DESCRIPTION_INTRO,
    `This hunt looks for ${tool.tool.name}${vendor} on devices where it is not sanctioned (${label}).`,
  ];
  if (random.chance(0.3))
    lines.push('Results are expected on IT jump hosts; review anything else with the device owner.');
  lines.push(...random.sample(REFERENCE_URLS, random.int(0, 2)));
  return `${lines.join('\n')}\n`;
}

export function createToolRule(factory: RuleFactory): RuleDraft {
  const { random } = factory;
  const tool = random.pick(factory.tools);
  const spec = random.weighted(TABLE_CHOICES);
  const label = random.pick(spec.labels);
  const context: QueryContext = {
    random,
    tool,
    label,
    timeColumn: spec.table.startsWith('Device') ? 'Timestamp' : 'TimeGenerated',
  };
  const draft = spec.draft(context);
  const query = assembleQuery(draft, chooseQueryLength(random), random.chance(0.5));
  const techniques = chooseTechniques(random, tool, spec, draft);
  const id = createUniqueGuid(factory);
  const name = chooseRuleName(factory, tool, label);
  const yaml = toRuleYaml(random, {
    id,
    name,
    description: describeRule(random, tool, label),
    tables: draft.tables,
    connector: draft.connector,
    tactics: chooseTactics(random, techniques),
    techniques,
    query,
  });
  const kind = yaml.includes('\nkind: ') ? 'Detections' : 'Hunting Queries';
  return {
    id,
    name,
    baseName: '',
    folder: join(kind, spec.table, tool.tool.id),
    yaml,
    tool,
    label,
    tables: draft.tables,
  };
}

export function createGenericRule(factory: RuleFactory): RuleDraft {
  const { random } = factory;
  const hunt = random.pick(GENERIC_HUNTS);
  const id = createUniqueGuid(factory);
  let name = hunt.title;
  for (let copy = 2; factory.usedNames.has(name); copy++)
    name = `${hunt.title} (${random.pick(NAME_QUALIFIERS)} ${copy})`;
  factory.usedNames.add(name);
  const yaml = toRuleYaml(random, {
    id,
    name,
    description: `${hunt.title}. Not tied to a single tool: it finds behaviour that several remote-access kits and intruders share.\n`,
    tables: [hunt.table],
    tactics: chooseTactics(random, hunt.techniques),
    techniques: hunt.techniques,
    query: `${hunt.body.join('\n')}\n`,
  });
  return {
    id,
    name,
    baseName: '',
    folder: join('Hunting Queries', 'Generic'),
    yaml,
    label: hunt.title,
    tables: [hunt.table],
  };
}

/** Gives each rule a file name from its name, unique across the corpus. */
export function assignFileName(factory: RuleFactory, draft: RuleDraft): RuleDraft {
  const slug = toSlug(draft.name) || 'rule';
  let baseName = slug;
  if (factory.usedPaths.has(baseName)) baseName = `${slug}-${draft.id.slice(0, 8)}`;
  factory.usedPaths.add(baseName);
  return { ...draft, baseName };
}
