import { toSlug } from '../../src/model/slug.ts';
import type { Tool } from '../../src/schemas/tool.ts';
import type { Random } from './random.ts';
import { quote, toYamlList } from './yaml-text.ts';

const NON_WORD_RE = /[^A-Za-z0-9]+/g;

/** A catalog entry as the generator needs it; the file text is what lands in `<dir>/tools/`. */
export interface CatalogTool {
  tool: Tool;
  fileName: string;
  text: string;
  /** Name without spaces or dots, used to invent folder, service and registry names. */
  stem: string;
}

const SYNTHETIC_PREFIXES = [
  'Aster',
  'Bastion',
  'Cinder',
  'Drift',
  'Ember',
  'Fathom',
  'Granite',
  'Harbor',
  'Ion',
  'Juniper',
  'Kestrel',
  'Lumen',
  'Meridian',
  'Nimbus',
  'Onyx',
  'Pylon',
  'Quartz',
  'Rook',
  'Sable',
  'Tundra',
  'Umber',
  'Vellum',
  'Wren',
  'Xylem',
  'Yarrow',
  'Zephyr',
  'Arbor',
  'Beacon',
  'Cobalt',
  'Dune',
  'Estuary',
  'Flint',
  'Glacier',
  'Heron',
  'Indigo',
  'Jasper',
  'Krypton',
  'Lattice',
  'Mistral',
  'Nova',
];
const SYNTHETIC_SUFFIXES = [
  'Desk',
  'Remote',
  'Assist',
  'Connect',
  'Control',
  'View',
  'Link',
  'Reach',
  'Support',
  'RMM',
  'Agent',
  'Access',
  'Relay',
  'Bridge',
  'Console',
  'Pilot',
  'Tunnel',
  'Share',
  'Manage',
  'Help',
];
const SYNTHETIC_TLDS = ['com', 'io', 'net', 'app', 'cloud'];
const VENDOR_FORMS = ['Software Ltd', 'Technologies Inc.', 'GmbH', 'Labs', 'Systems', 'Solutions'];
const SYNTHETIC_TECHNIQUES = [
  { value: 'T1219.002', weight: 85 },
  { value: 'T1219.001', weight: 5 },
  { value: 'T1219.003', weight: 10 },
];

/** `Getscreen.me` → `Getscreenme`; used for invented file, service and registry names. */
export function toStem(name: string): string {
  return name.replace(NON_WORD_RE, '');
}

/** Invents `count` tools whose names, ids and match keys collide with no catalog entry. */
export function createSyntheticTools(random: Random, count: number, taken: readonly Tool[]): CatalogTool[] {
  const usedKeys = new Set(taken.flatMap((tool) => [tool.id, tool.name, ...tool.aliases].map(toMatchKey)));
  const tools: CatalogTool[] = [];
  for (let attempt = 0; tools.length < count; attempt++) {
    const prefix = random.pick(SYNTHETIC_PREFIXES);
    const suffix = random.pick(SYNTHETIC_SUFFIXES);
    // Past a few hundred tools the word pairs run out; a number keeps names distinct.
    const name = attempt < count * 4 ? `${prefix} ${suffix}` : `${prefix} ${suffix} ${tools.length + 1}`;
    if (usedKeys.has(toMatchKey(name))) continue;
    usedKeys.add(toMatchKey(name));
    tools.push(createSyntheticTool(random, name, prefix));
  }
  return tools;
}

function toMatchKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function createSyntheticTool(random: Random, name: string, prefix: string): CatalogTool {
  const stem = toStem(name);
  const id = toSlug(name);
  const base = stem.toLowerCase();
  const tld = random.pick(SYNTHETIC_TLDS);
  const domains = [`${base}.${tld}`, `*.${base}.${tld}`];
  if (random.chance(0.5)) domains.push(`relay.${base}-cdn.net`);
  if (random.chance(0.3)) domains.push(`api.${base}.${tld}`);
  const processNames = [`${stem}.exe`, `${stem}Service.exe`];
  if (random.chance(0.4)) processNames.push(`${base}_agent.exe`);
  const category = random.chance(0.1) ? 'RAT' : 'RMM';
  const vendor = `${prefix} ${random.pick(VENDOR_FORMS)}`;
  const tool: Tool = {
    id,
    name,
    vendor,
    website: `https://www.${base}.${tld}`,
    category,
    technique: random.weighted(SYNTHETIC_TECHNIQUES),
    domains,
    productNames: [name],
    processNames,
    // Derived, not drawn: the random sequence, and so the corpus of a seed, stays as it was.
    signers: [vendor],
    companies: [vendor],
    installPaths: [`C:\\Program Files\\${stem}\\*`],
    aliases: random.chance(0.3) ? [`${name} Agent`] : [],
    description:
      category === 'RAT'
        ? `Remote access trojan sold as a "remote administration" kit; its agent calls home to ${domains[0]}.`
        : `Remote support and endpoint management service whose agent keeps a session open to ${domains[0]}.`,
  };
  return { tool, fileName: `${id}.yaml`, text: toToolYaml(tool), stem };
}

function toToolYaml(tool: Tool): string {
  const lines = [
    `id: ${tool.id}`,
    `name: ${quote(tool.name)}`,
    `vendor: ${quote(tool.vendor ?? '')}`,
    `website: ${tool.website}`,
    `category: ${tool.category}`,
    `technique: ${tool.technique}`,
    ...toYamlList('domains', tool.domains),
    ...toYamlList('productNames', tool.productNames),
    ...toYamlList('processNames', tool.processNames),
    ...toYamlList('aliases', tool.aliases),
    `description: ${quote(tool.description ?? '')}`,
  ];
  return `${lines.join('\n')}\n`;
}
