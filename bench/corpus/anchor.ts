import type { CorpusFile } from './corpus.ts';
import { createGuid, createRandom, type Random } from './random.ts';
import { quote, toBlock } from './yaml-text.ts';

/**
 * The anchor corpus: plain Sentinel rules in the shape of the bundled PDQ rule
 * (example/rules/remote-management-and-monitoring-tool-pdq-network-connection.yaml), no
 * runbooks. Every rule is about PDQ, as that rule is, and has a number of its own in its name,
 * so every rule is its own page; its domains and agent process are drawn, so every query is its
 * own too. Naming a tool the catalog has keeps the site to one page per rule: a rule named after
 * a product the catalog lacks also gets a `tools/<name>-from-rules/` page (src/model/tool-matching.ts),
 * which would triple the pages against a bare site's. The fields and the query's lines are the PDQ rule's.
 */

const VENDOR_SYLLABLES = [
  'ar',
  'bel',
  'cor',
  'dex',
  'en',
  'fal',
  'gri',
  'hal',
  'io',
  'jun',
  'kor',
  'lum',
  'mor',
  'nex',
];
const PRODUCT_SUFFIXES = ['Connect', 'Remote', 'Desk', 'Assist', 'Control', 'Link', 'View', 'Agent'];
const TOP_LEVEL_DOMAINS = ['com', 'net', 'io', 'cloud'];
const SUBDOMAINS = ['app', 'connect', 'relay', 'cdn', 'api', 'portal', 'gateway', 'update'];

/** One drawn product: what differs between two anchor rules. */
export interface AnchorProduct {
  vendor: string;
  product: string;
  domains: string[];
  processProduct: string;
}

/**
 * Draws `rules` anchor rules from one generator seeded with `seed`, each in its own file named
 * after its product.
 * @example drawAnchorRules({rules: 2, seed: 1}).map((file) => file.path)
 *   // → ['remote-management-and-monitoring-tool-arbel-connect-network-connection.yaml', …]
 */
export function drawAnchorRules(options: { rules: number; seed: number }): CorpusFile[] {
  if (!Number.isInteger(options.rules) || options.rules < 1)
    throw new Error(`rules must be a positive integer, got ${options.rules}`);
  const random = createRandom(options.seed);
  const usedNames = new Set<string>();
  const files: CorpusFile[] = [];
  for (let index = 0; index < options.rules; index++) {
    const product = drawProduct(random, usedNames);
    const slug = toSlug(product.product);
    files.push({
      path: `remote-management-and-monitoring-tool-${slug}-network-connection.yaml`,
      text: toAnchorRuleYaml(createGuid(random), product, index + 1),
    });
  }
  return files;
}

/** A product whose name (as a slug) was not drawn before; a number is appended when the syllables run out. */
function drawProduct(random: Random, usedNames: Set<string>): AnchorProduct {
  const syllables = random.sample(VENDOR_SYLLABLES, random.int(2, 3)).join('');
  const base = `${syllables.charAt(0).toUpperCase()}${syllables.slice(1)} ${random.pick(PRODUCT_SUFFIXES)}`;
  let product = base;
  // Keyed by slug: two names that slug alike would share a file and a page.
  for (let suffix = 2; usedNames.has(toSlug(product)); suffix++) product = `${base} ${suffix}`;
  usedNames.add(toSlug(product));
  const host = toSlug(product).replaceAll('-', '');
  const tld = random.pick(TOP_LEVEL_DOMAINS);
  const domains = [
    ...random.sample(SUBDOMAINS, random.int(1, 3)).map((sub) => `${sub}.${host}.${tld}`),
    `${host}-${random.uint32().toString(16)}.r2.cloudflarestorage.com`,
  ];
  return { vendor: syllables, product, domains, processProduct: `${product.replaceAll(' ', '')}Agent` };
}

function toSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The PDQ rule's text with this rule's number in its name, and the product's domains and process. */
export function toAnchorRuleYaml(id: string, product: AnchorProduct, ordinal: number): string {
  const query = [
    'let Time_start = now(-5d);',
    'let Time_end = now();',
    '//',
    'DeviceNetworkEvents',
    '| where Timestamp between (Time_start..Time_end)',
    '| where RemoteUrl has_any (',
    product.domains.map((domain) => `'${domain}'`).join(',\n'),
    ')',
    `and InitiatingProcessVersionInfoProductName has '${product.processProduct}'`,
    '| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp),',
    'Report=make_set(ReportId), Count=count() by DeviceId, DeviceName,',
    'RemoteUrl',
  ].join('\n');
  const lines = [
    `id: ${id}`,
    `name: ${quote(`Remote Management and Monitoring tool - PDQ - Network Connection ${ordinal}`)}`,
    ...toBlock(
      'description',
      [
        `Remote Monitoring and Management (RMM) programs are IT to manage remote endpoints; ${product.product} is one of them. Attackers have begun to abuse these programs to persist or provide C2 channels.`,
        'https://github.com/jischell-msft/RemoteManagementMonitoringTools',
      ].join('\n'),
    ),
    'requiredDataConnectors:',
    '  - connectorId: MicrosoftThreatProtection',
    '    dataTypes:',
    '      - DeviceNetworkEvents',
    'tactics: CommandAndControl',
    'relevantTechniques: T1219',
    ...toBlock('query', query),
  ];
  return `${lines.join('\n')}\n`;
}
