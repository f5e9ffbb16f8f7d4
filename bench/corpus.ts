import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readToolFile } from '../src/loaders/read-tools.ts';
import { toSlug } from '../src/model/slug.ts';
import type { Tool } from '../src/schemas/tool.ts';

/**
 * Generates a synthetic detection repository for the build benchmark: Sentinel rule YAML,
 * runbook Markdown and a tool catalog that grows with the number of rules. Everything is
 * drawn from one seeded generator, so a given size and seed always give the same bytes.
 */

/** The bundled tool catalog; synthetic tools are added beside copies of these files. */
export const BUNDLED_TOOLS_DIR = resolve(import.meta.dirname, '../content/tools');

const TOOL_FILE_RE = /\.ya?ml$/i;
const QUOTE_RE = /'/g;
const CAMEL_BOUNDARY_RE = /([a-z])([A-Z])/g;
const NON_WORD_RE = /[^A-Za-z0-9]+/g;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** Deterministic source of randomness; every draw of the generator goes through one of these. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Up to `count` distinct items, in the order drawn. */
  sample<T>(items: readonly T[], count: number): T[];
  /** An item chosen with probability proportional to its weight. */
  weighted<T>(items: readonly { value: T; weight: number }[]): T;
  /** 32 random bits as an unsigned integer. */
  uint32(): number;
}

/**
 * Creates a small fast generator (sfc32, seeded through splitmix32) so the corpus is identical
 * on every machine and Node version, which Math.random cannot promise.
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const splitmix = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const uint32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  const next = () => uint32() / 4294967296;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  };
  return {
    next,
    int,
    uint32,
    pick,
    chance: (probability) => next() < probability,
    sample: (items, count) => {
      const pool = [...items];
      const taken = [];
      while (taken.length < count && pool.length > 0)
        taken.push(pool.splice(Math.floor(next() * pool.length), 1)[0] as (typeof pool)[number]);
      return taken;
    },
    weighted: (items) => {
      const total = items.reduce((sum, item) => sum + item.weight, 0);
      let roll = next() * total;
      for (const item of items) {
        roll -= item.weight;
        if (roll < 0) return item.value;
      }
      return (items[items.length - 1] as (typeof items)[number]).value;
    },
  };
}

/** A version-4 style GUID built from the generator, so ids repeat exactly for a given seed. */
export function createGuid(random: Random): string {
  const hex = [random.uint32(), random.uint32(), random.uint32(), random.uint32()]
    .map((word) => word.toString(16).padStart(8, '0'))
    .join('');
  const variant = '89ab'[random.int(0, 3)] as string;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// ---------------------------------------------------------------------------------------------
// Tool catalog

/** A catalog entry as the generator needs it; the file text is what lands in `<dir>/tools/`. */
interface CatalogTool {
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

/** Reads the bundled catalog with the site's own parser, in file-name order for determinism. */
function readBundledTools(dir: string): CatalogTool[] {
  const names = readdirSync(dir)
    .filter((name) => TOOL_FILE_RE.test(name))
    .sort();
  return names.flatMap((fileName) => {
    const text = readFileSync(join(dir, fileName), 'utf8');
    const { tool } = readToolFile(text, fileName);
    return tool ? [{ tool, fileName, text, stem: toStem(tool.name) }] : [];
  });
}

/** `Getscreen.me` → `Getscreenme`; used for invented file, service and registry names. */
function toStem(name: string): string {
  return name.replace(NON_WORD_RE, '');
}

/** Invents `count` tools whose names, ids and match keys collide with no catalog entry. */
function createSyntheticTools(random: Random, count: number, taken: readonly Tool[]): CatalogTool[] {
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
  const tool: Tool = {
    id,
    name,
    vendor: `${prefix} ${random.pick(VENDOR_FORMS)}`,
    website: `https://www.${base}.${tld}`,
    category,
    technique: random.weighted(SYNTHETIC_TECHNIQUES),
    domains,
    productNames: [name],
    processNames,
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

// ---------------------------------------------------------------------------------------------
// YAML text

/** Single-quoted YAML scalar: the one form that needs no escaping beyond doubled quotes. */
function quote(text: string): string {
  return `'${text.replace(QUOTE_RE, "''")}'`;
}

function toYamlList(key: string, items: readonly string[]): string[] {
  if (items.length === 0) return [`${key}: []`];
  return [`${key}:`, ...items.map((item) => `  - ${quote(item)}`)];
}

/** A `|` block scalar, the way Sentinel repositories keep descriptions and queries. */
function toBlock(key: string, text: string): string[] {
  return [
    `${key}: |`,
    ...text
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => (line === '' ? '' : `  ${line}`)),
  ];
}

/** Text that is safe inside a KQL single-quoted literal and a YAML block. */
function literal(text: string): string {
  return text.replace(QUOTE_RE, '');
}

// ---------------------------------------------------------------------------------------------
// ATT&CK

/** Tactics of the techniques the corpus uses, as in the pinned extract, in Sentinel spelling. */
const TECHNIQUE_TACTICS: Readonly<Record<string, readonly string[]>> = {
  T1219: ['CommandAndControl'],
  'T1219.001': ['CommandAndControl'],
  'T1219.002': ['CommandAndControl'],
  'T1219.003': ['CommandAndControl'],
  'T1071.001': ['CommandAndControl'],
  'T1071.004': ['CommandAndControl'],
  T1105: ['CommandAndControl'],
  T1572: ['CommandAndControl'],
  T1090: ['CommandAndControl'],
  'T1059.001': ['Execution'],
  'T1204.002': ['Execution'],
  'T1021.001': ['LateralMovement'],
  T1133: ['Persistence', 'InitialAccess'],
  T1078: ['DefenseEvasion', 'Persistence', 'PrivilegeEscalation', 'InitialAccess'],
  'T1543.003': ['Persistence', 'PrivilegeEscalation'],
  T1112: ['DefenseEvasion', 'Persistence'],
  'T1553.002': ['DefenseEvasion'],
};

/** Lists the tactics that cover every technique, sometimes in ATT&CK short-name spelling. */
function chooseTactics(random: Random, techniques: readonly string[]): string[] {
  const everyTactic = random.chance(0.3);
  const tactics = techniques.flatMap((id) => {
    const all = TECHNIQUE_TACTICS[id] ?? [];
    return everyTactic ? all : all.slice(0, 1);
  });
  const unique = [...new Set(tactics)];
  if (!random.chance(0.1)) return unique;
  return unique.map((name) => name.replace(CAMEL_BOUNDARY_RE, '$1-$2').toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Queries

/**
 * A query before padding: `list` holds the item lines of its longest literal list, which
 * `pad` lengthens so queries spread over the 5–60 line range real rule sets show.
 */
interface QueryDraft {
  before: string[];
  list: string[];
  after: string[];
  pad: (count: number) => string[];
  tables: string[];
  techniques: string[];
  /** Connector feeding the first table when the query itself decides it, e.g. a firewall vendor. */
  connector?: string;
}

interface QueryContext {
  random: Random;
  tool: CatalogTool;
  label: string;
  /** `Timestamp` for Defender tables, `TimeGenerated` for Log Analytics ones. */
  timeColumn: string;
}

interface TableSpec {
  table: string;
  connector: string | readonly string[];
  weight: number;
  labels: readonly string[];
  extraTechniques: readonly string[];
  draft: (context: QueryContext) => QueryDraft;
}

const HOST_PREFIXES = ['ws', 'srv', 'jump', 'mgmt', 'it-admin', 'helpdesk', 'lab', 'build'];
const SAFE_PARENTS = ["'ccmexec.exe'", "'msiexec.exe'", "'TrustedInstaller.exe'", "'IntuneManagementExtension.exe'"];
const FIREWALL_VENDORS = [
  { vendor: 'Palo Alto Networks', connector: 'PaloAltoNetworks' },
  { vendor: 'Fortinet', connector: 'Fortinet' },
  { vendor: 'Zscaler', connector: 'Zscaler' },
  { vendor: 'Check Point', connector: 'CefAma' },
];

/** Domains a tool talks to, or invented ones for catalog entries that list none. */
function toolDomains(tool: CatalogTool): string[] {
  const domains = tool.tool.domains.map((domain) => domain.replace(/^\*\./, '')).filter((domain) => domain !== '');
  return domains.length > 0 ? [...new Set(domains)] : [`${tool.stem.toLowerCase()}.com`];
}

function toolProcesses(tool: CatalogTool): string[] {
  return tool.tool.processNames.length > 0 ? tool.tool.processNames : [`${tool.stem}.exe`];
}

function toolProduct(tool: CatalogTool): string {
  return tool.tool.productNames[0] ?? tool.tool.name;
}

function padRelays(random: Random, domains: readonly string[]) {
  return (count: number) =>
    Array.from(
      { length: count },
      (_, index) =>
        `'${random.pick(['relay', 'edge', 'node', 'gw', 'rs'])}-${index + 1}.${literal(random.pick(domains))}'`,
    );
}

function padInstallers(random: Random, stem: string) {
  return (count: number) =>
    Array.from(
      { length: count },
      (_, index) => `'${literal(stem)}_${random.int(1, 9)}.${random.int(0, 20)}.${index}.exe'`,
    );
}

function padHosts(random: Random) {
  return (count: number) =>
    Array.from(
      { length: count },
      (_, index) => `'${random.pick(HOST_PREFIXES)}-${String(index + 1).padStart(3, '0')}'`,
    );
}

function padHashes(random: Random) {
  return (count: number) =>
    Array.from(
      { length: count },
      () => `'${Array.from({ length: 5 }, () => random.uint32().toString(16).padStart(8, '0')).join('')}'`,
    );
}

/** Time filter lines: explicit `let` bounds like the shared RMM set, or a plain `ago()`. */
function timeFilter(context: QueryContext): { lets: string[]; where: string } {
  const days = context.random.pick([1, 3, 5, 7, 14, 30]);
  if (context.random.chance(0.6)) {
    return {
      lets: [`let Time_start = now(-${days}d);`, 'let Time_end = now();', '//'],
      where: `| where ${context.timeColumn} between (Time_start..Time_end)`,
    };
  }
  return { lets: [], where: `| where ${context.timeColumn} > ago(${days}d)` };
}

/** Leading comment lines some authors keep at the top of a hunt. */
function headerComments(context: QueryContext): string[] {
  const { random, tool, label } = context;
  if (!random.chance(0.35)) return [];
  const lines = [`// ${literal(tool.tool.name)}: ${label}`];
  if (random.chance(0.5)) lines.push(`// Reference: https://lolrmm.io/tools/${tool.tool.id}`);
  return lines;
}

function quoted(items: readonly string[]): string[] {
  return items.map((item) => `'${literal(item)}'`);
}

/** Declared tables of a query: its main tables plus DeviceInfo when the device-context join was added. */
function withJoinedTables(tables: string[], lines: readonly string[]): string[] {
  return lines.some((line) => line.trim() === 'DeviceInfo') ? [...tables, 'DeviceInfo'] : tables;
}

/** The device-context join that many hunts add to see OS and device group. */
function deviceInfoJoin(random: Random): string[] {
  if (!random.chance(0.25)) return [];
  return [
    '| join kind=leftouter (',
    '    DeviceInfo',
    '    | summarize arg_max(Timestamp, OSPlatform, MachineGroup) by DeviceId',
    '  ) on DeviceId',
  ];
}

function draftNetwork(context: QueryContext): QueryDraft {
  const { random, tool } = context;
  const domains = toolDomains(tool);
  const time = timeFilter(context);
  if (random.chance(0.15)) return draftNetworkUnion(context, domains, time.lets);
  const product = random.chance(0.6)
    ? [`and InitiatingProcessVersionInfoProductName has '${literal(toolProduct(tool))}'`]
    : [];
  const before = [...headerComments(context), ...time.lets, 'DeviceNetworkEvents', time.where];
  if (random.chance(0.4)) before.push("| where ActionType == 'ConnectionSuccess'");
  before.push('| where RemoteUrl has_any (');
  const after = [
    ')',
    ...product,
    '| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp),',
    'Report=make_set(ReportId), Count=count() by DeviceId, DeviceName,',
    'RemoteUrl',
    ...deviceInfoJoin(random),
  ];
  if (random.chance(0.4)) after.push('| order by LastSeen desc');
  return {
    before,
    list: quoted(domains),
    after,
    pad: padRelays(random, domains),
    tables: withJoinedTables(['DeviceNetworkEvents'], after),
    techniques: [],
  };
}

/** Endpoint and DNS telemetry in one hunt: the union shape some teams prefer. */
function draftNetworkUnion(context: QueryContext, domains: string[], lets: string[]): QueryDraft {
  const { random, tool } = context;
  const listName = `${tool.stem}Domains`;
  return {
    before: [...headerComments(context), ...lets, `let ${listName} = dynamic([`],
    list: quoted(domains),
    after: [
      ']);',
      'union isfuzzy=true',
      '  (DeviceNetworkEvents',
      `  | where RemoteUrl has_any (${listName})`,
      "  | project Timestamp, DeviceName, Url = RemoteUrl, Source = 'Defender'),",
      '  (DnsEvents',
      `  | where Name has_any (${listName})`,
      "  | project Timestamp = TimeGenerated, DeviceName = Computer, Url = Name, Source = 'DNS')",
      '| summarize Count = count(), Sources = make_set(Source), LastSeen = max(Timestamp) by DeviceName, Url',
    ],
    pad: padRelays(random, domains),
    tables: ['DeviceNetworkEvents', 'DnsEvents'],
    techniques: ['T1071.004'],
  };
}

function draftProcess(context: QueryContext): QueryDraft {
  const { random, tool } = context;
  const time = timeFilter(context);
  const before = [
    ...headerComments(context),
    ...time.lets,
    'DeviceProcessEvents',
    time.where,
    '| where FileName in~ (',
  ];
  const after = [`) or ProcessVersionInfoProductName has '${literal(toolProduct(tool))}'`];
  if (random.chance(0.4))
    after.push(`| where InitiatingProcessFileName !in~ (${random.sample(SAFE_PARENTS, 2).join(', ')})`);
  if (random.chance(0.3))
    after.push("| extend Silent = ProcessCommandLine has_any ('/S', '--silent-install', '/quiet')");
  after.push(
    '| summarize Executions=count(), FirstSeen=min(Timestamp), LastSeen=max(Timestamp)',
    '  by DeviceName, AccountName, FileName, FolderPath, ProcessCommandLine',
    ...deviceInfoJoin(random),
  );
  if (random.chance(0.5)) after.push('| project LastSeen, DeviceName, AccountName, FileName, FolderPath, Executions');
  return {
    before,
    list: quoted(toolProcesses(tool)),
    after,
    pad: padInstallers(random, tool.stem),
    tables: withJoinedTables(['DeviceProcessEvents'], after),
    techniques: [],
  };
}

function draftCertificate(context: QueryContext): QueryDraft {
  const { random, tool } = context;
  const days = random.pick([7, 14, 30]);
  const signers = [...new Set([tool.tool.vendor ?? tool.tool.name, toolProduct(tool)])];
  const before = [
    ...headerComments(context),
    `let Signers = dynamic([${quoted(signers).join(', ')}]);`,
    'let KnownGoodHashes = dynamic([',
  ];
  const after = [
    ']);',
    'DeviceFileCertificateInfo',
    `| where Timestamp > ago(${days}d)`,
    '| where Signer has_any (Signers)',
    '| where SHA1 !in (KnownGoodHashes)',
  ];
  if (random.chance(0.5)) after.push('| where IsTrusted == 1');
  after.push(
    '| summarize by SHA1, Signer, CertificateSerialNumber',
    '| join kind=inner (',
    '    DeviceProcessEvents',
    `    | where Timestamp > ago(${days}d)`,
    '    | project SHA1, DeviceName, FileName, FolderPath, ProcessCommandLine',
    '  ) on SHA1',
    '| summarize Devices=dcount(DeviceName), Files=make_set(FileName, 20) by Signer, CertificateSerialNumber',
  );
  const hashes = padHashes(random);
  return {
    before,
    list: hashes(1),
    after,
    pad: hashes,
    tables: ['DeviceFileCertificateInfo', 'DeviceProcessEvents'],
    techniques: [],
  };
}

function draftFile(context: QueryContext): QueryDraft {
  const { random, tool } = context;
  const time = timeFilter(context);
  const folder = `${random.pick(['ProgramData', 'Program Files', 'Program Files (x86)', 'Users\\Public'])}\\${literal(tool.stem)}`;
  const before = [
    ...headerComments(context),
    ...time.lets,
    'DeviceFileEvents',
    time.where,
    "| where ActionType in ('FileCreated', 'FileRenamed', 'FileModified')",
    '| where FileName in~ (',
  ];
  const after = [
    `) or FolderPath contains @'${folder}'`,
    '| summarize Writes=count(), LastSeen=max(Timestamp) by DeviceName, FolderPath, FileName, SHA256,',
    '  InitiatingProcessFileName, InitiatingProcessAccountName',
  ];
  if (random.chance(0.4)) after.push("| where InitiatingProcessFileName !in~ ('msiexec.exe', 'TrustedInstaller.exe')");
  return {
    before,
    list: quoted(toolProcesses(tool)),
    after,
    pad: padInstallers(random, tool.stem),
    tables: ['DeviceFileEvents'],
    techniques: [],
  };
}

function draftRegistry(context: QueryContext): QueryDraft {
  const { random, tool } = context;
  const time = timeFilter(context);
  const vendor = literal(tool.tool.vendor ?? tool.tool.name);
  const keys = [
    `  @'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\${literal(tool.stem)}'`,
    `  @'HKEY_LOCAL_MACHINE\\SOFTWARE\\${vendor}\\${literal(tool.tool.name)}'`,
  ];
  const before = [...headerComments(context), ...time.lets, 'let SanctionedHosts = dynamic(['];
  const after = [
    ']);',
    'DeviceRegistryEvents',
    time.where,
    "| where ActionType in ('RegistryKeyCreated', 'RegistryValueSet')",
    '| where DeviceName !in~ (SanctionedHosts)',
    '| where RegistryKey has_any (',
    `${keys.join(',\n')}`,
    ')',
    '| project Timestamp, DeviceName, RegistryKey, RegistryValueName, RegistryValueData,',
    '  InitiatingProcessFileName, InitiatingProcessAccountName',
  ];
  const hosts = padHosts(random);
  return { before, list: hosts(1), after, pad: hosts, tables: ['DeviceRegistryEvents'], techniques: [] };
}

function draftDns(context: QueryContext): QueryDraft {
  const { random, tool } = context;
  const domains = toolDomains(tool);
  const time = timeFilter(context);
  const before = [
    ...headerComments(context),
    ...time.lets,
    'DnsEvents',
    time.where,
    "| where SubType == 'LookupQuery'",
    '| where Name has_any (',
  ];
  const after = [
    ')',
    '| summarize Lookups=count(), FirstSeen=min(TimeGenerated), LastSeen=max(TimeGenerated)',
    '  by Computer, ClientIP, Name',
  ];
  if (random.chance(0.3)) after.push('| where Lookups > 3');
  return {
    before,
    list: quoted(domains),
    after,
    pad: padRelays(random, domains),
    tables: ['DnsEvents'],
    techniques: [],
  };
}

function draftSecurityEvent(context: QueryContext): QueryDraft {
  const { random, tool, label } = context;
  const time = timeFilter(context);
  const processes = quoted(toolProcesses(tool));
  const pad = padInstallers(random, tool.stem);
  const head = [...headerComments(context), ...time.lets, 'SecurityEvent', time.where];
  if (label.includes('4697')) {
    return {
      before: [...head, '| where EventID == 4697', '| where ServiceFileName has_any ('],
      list: processes,
      after: [
        ')',
        '| project TimeGenerated, Computer, SubjectUserName, ServiceName, ServiceFileName, ServiceStartType',
      ],
      pad,
      tables: ['SecurityEvent'],
      techniques: ['T1543.003'],
    };
  }
  if (label.includes('4624')) {
    return {
      before: [...head, '| where EventID == 4624 and LogonType == 10', '| where ProcessName has_any ('],
      list: processes,
      after: [')', '| summarize Logons=count(), Sources=make_set(IpAddress) by Computer, TargetUserName, ProcessName'],
      pad,
      tables: ['SecurityEvent'],
      techniques: ['T1021.001', 'T1078'],
    };
  }
  return {
    before: [...head, '| where EventID == 4688', '| where NewProcessName has_any ('],
    list: processes,
    after: [
      `) or CommandLine has '${literal(tool.stem)}'`,
      '| project TimeGenerated, Computer, Account, NewProcessName, CommandLine, ParentProcessName',
    ],
    pad,
    tables: ['SecurityEvent'],
    techniques: [],
  };
}

function draftCommonSecurityLog(context: QueryContext): QueryDraft {
  const { random, tool } = context;
  const domains = toolDomains(tool);
  const time = timeFilter(context);
  const chosen = random.sample(FIREWALL_VENDORS, random.int(1, 3));
  const vendors = chosen.map((entry) => `'${entry.vendor}'`);
  const before = [
    ...headerComments(context),
    ...time.lets,
    'CommonSecurityLog',
    time.where,
    `| where DeviceVendor in (${vendors.join(', ')})`,
    '| where DestinationHostName has_any (',
  ];
  const after = [
    ')',
    '| summarize Sessions=count(), BytesOut=sum(SentBytes), LastSeen=max(TimeGenerated)',
    '  by SourceIP, SourceUserName, DestinationHostName, DeviceVendor',
  ];
  if (random.chance(0.3)) after.push('| where BytesOut > 1048576');
  const connector = chosen.length === 1 ? (chosen[0] as (typeof chosen)[number]).connector : 'CefAma';
  return {
    before,
    list: quoted(domains),
    after,
    pad: padRelays(random, domains),
    tables: ['CommonSecurityLog'],
    techniques: [],
    connector,
  };
}

const DEFENDER = 'MicrosoftThreatProtection';

const TABLES: readonly TableSpec[] = [
  {
    table: 'DeviceNetworkEvents',
    connector: DEFENDER,
    weight: 30,
    labels: ['Network Connection', 'Network Connection - Relay', 'Outbound Connection', 'Cloud Relay Traffic'],
    extraTechniques: ['T1071.001', 'T1105', 'T1572'],
    draft: draftNetwork,
  },
  {
    table: 'DeviceProcessEvents',
    connector: DEFENDER,
    weight: 20,
    labels: ['Process Creation', 'Silent Install', 'Portable Execution', 'Command Line'],
    extraTechniques: ['T1204.002', 'T1059.001'],
    draft: draftProcess,
  },
  {
    table: 'DeviceFileCertificateInfo',
    connector: DEFENDER,
    weight: 10,
    labels: ['File Signature', 'Code Signing Certificate'],
    extraTechniques: ['T1553.002'],
    draft: draftCertificate,
  },
  {
    table: 'DeviceFileEvents',
    connector: DEFENDER,
    weight: 10,
    labels: ['File Creation', 'Installer Dropped', 'Config File Written'],
    extraTechniques: ['T1105'],
    draft: draftFile,
  },
  {
    table: 'DeviceRegistryEvents',
    connector: DEFENDER,
    weight: 8,
    labels: ['Registry Modification', 'Service Registry Key'],
    extraTechniques: ['T1112', 'T1543.003'],
    draft: draftRegistry,
  },
  {
    table: 'DnsEvents',
    connector: 'DNS',
    weight: 8,
    labels: ['DNS Query', 'DNS Lookup'],
    extraTechniques: ['T1071.004'],
    draft: draftDns,
  },
  {
    table: 'SecurityEvent',
    connector: ['SecurityEvents', 'WindowsSecurityEvents'],
    weight: 7,
    labels: ['Process Creation (4688)', 'Service Installation (4697)', 'Remote Logon (4624)'],
    extraTechniques: ['T1078'],
    draft: draftSecurityEvent,
  },
  {
    table: 'CommonSecurityLog',
    connector: 'CefAma',
    weight: 7,
    labels: ['Firewall Connection', 'Proxy Traffic', 'Web Gateway'],
    extraTechniques: ['T1071.001', 'T1133', 'T1090'],
    draft: draftCommonSecurityLog,
  },
];

const TABLE_CHOICES = TABLES.map((spec) => ({ value: spec, weight: spec.weight }));
const CONNECTOR_BY_TABLE = new Map(TABLES.map((spec) => [spec.table, spec.connector]));

/** Joins a draft into query text, padding its list so the query has about `targetLines` lines. */
function assembleQuery(draft: QueryDraft, targetLines: number, indentList: boolean): string {
  const missing = targetLines - (draft.before.length + draft.list.length + draft.after.length);
  const items = [...draft.list, ...draft.pad(Math.max(0, missing))];
  const prefix = indentList ? '  ' : '';
  const listLines = items.map((item, index) => `${prefix}${item}${index < items.length - 1 ? ',' : ''}`);
  return `${[...draft.before, ...listLines, ...draft.after].join('\n')}\n`;
}

/** Most hunts are short; a long tail of long domain lists reaches 60 lines. */
function chooseQueryLength(random: Random): number {
  const roll = random.next();
  return 5 + Math.floor(roll * roll * 55);
}

// ---------------------------------------------------------------------------------------------
// Rules

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
const SEVERITIES = [
  { value: 'Informational', weight: 10 },
  { value: 'Low', weight: 35 },
  { value: 'Medium', weight: 40 },
  { value: 'High', weight: 15 },
];
const FREQUENCIES = [
  { frequency: '5m', period: '5m' },
  { frequency: '1h', period: '1h' },
  { frequency: '1h', period: '1d' },
  { frequency: '1d', period: '14d' },
];

/** Hunts that name no tool, so the "no matching tool" list on the tools page has entries. */
const GENERIC_HUNTS = [
  {
    title: 'PowerShell download cradle',
    table: 'DeviceProcessEvents',
    techniques: ['T1059.001', 'T1105'],
    body: [
      'DeviceProcessEvents',
      '| where Timestamp > ago(7d)',
      "| where FileName in~ ('powershell.exe', 'pwsh.exe')",
      "| where ProcessCommandLine has_any ('DownloadString', 'DownloadFile', 'Invoke-WebRequest', 'iwr ', 'Start-BitsTransfer')",
      '| project Timestamp, DeviceName, AccountName, ProcessCommandLine, InitiatingProcessFileName',
    ],
  },
  {
    title: 'RDP logon from a public address',
    table: 'SecurityEvent',
    techniques: ['T1021.001', 'T1133'],
    body: [
      'SecurityEvent',
      '| where TimeGenerated > ago(1d)',
      '| where EventID == 4624 and LogonType == 10',
      '| where not(ipv4_is_private(IpAddress))',
      '| summarize Logons=count(), FirstSeen=min(TimeGenerated) by Computer, TargetUserName, IpAddress',
    ],
  },
  {
    title: 'New service pointing into a user-writable folder',
    table: 'DeviceRegistryEvents',
    techniques: ['T1543.003', 'T1112'],
    body: [
      'DeviceRegistryEvents',
      '| where Timestamp > ago(7d)',
      "| where RegistryKey startswith @'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services'",
      "| where RegistryValueName == 'ImagePath'",
      "| where RegistryValueData has_any (@'\\Users\\Public', @'\\AppData\\Local\\Temp', @'\\ProgramData')",
      '| project Timestamp, DeviceName, RegistryKey, RegistryValueData, InitiatingProcessFileName',
    ],
  },
];

interface RuleDraft {
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

interface RuleFactory {
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

/**
 * `requiredDataConnectors` lines, one entry per connector with its tables; `slip` reproduces
 * the shared rule set's indentation defect.
 */
function toConnectorLines(random: Random, tables: readonly string[], slip: boolean, firstConnector?: string): string[] {
  const tablesByConnector = new Map<string, string[]>();
  tables.forEach((table, index) => {
    const known = CONNECTOR_BY_TABLE.get(table) ?? DEFENDER;
    const connectorId =
      index === 0 && firstConnector ? firstConnector : typeof known === 'string' ? known : random.pick(known);
    tablesByConnector.set(connectorId, [...(tablesByConnector.get(connectorId) ?? []), table]);
  });
  const lines = ['requiredDataConnectors:'];
  for (const [connectorId, connectorTables] of tablesByConnector) {
    lines.push(
      `  - connectorId: ${connectorId}`,
      `${slip ? '  ' : '    '}dataTypes:`,
      ...connectorTables.map((table) => `${slip ? '    ' : '      '}- ${table}`),
    );
  }
  return lines;
}

function toListOrScalar(key: string, items: readonly string[], random: Random): string[] {
  if (items.length === 1 && random.chance(0.6)) return [`${key}: ${items[0]}`];
  return [`${key}:`, ...items.map((item) => `  - ${item}`)];
}

/** Scheduled or NRT analytics-rule fields, kept by the site and shown on the rule page. */
function toAnalyticsLines(random: Random, tables: readonly string[]): { head: string[]; tail: string[] } {
  const nrt = random.chance(0.15);
  const head = [`severity: ${random.weighted(SEVERITIES)}`];
  if (!nrt) {
    const schedule = random.pick(FREQUENCIES);
    head.push(
      `queryFrequency: ${schedule.frequency}`,
      `queryPeriod: ${schedule.period}`,
      'triggerOperator: gt',
      'triggerThreshold: 0',
    );
  }
  const hostColumn = tables[0]?.startsWith('Device')
    ? 'DeviceName'
    : tables[0] === 'CommonSecurityLog'
      ? 'SourceIP'
      : 'Computer';
  const entityType = hostColumn === 'SourceIP' ? 'IP' : 'Host';
  const identifier = hostColumn === 'SourceIP' ? 'Address' : 'HostName';
  const tail = [
    'entityMappings:',
    `  - entityType: ${entityType}`,
    '    fieldMappings:',
    `      - identifier: ${identifier}`,
    `        columnName: ${hostColumn}`,
    `version: 1.0.${random.int(0, 9)}`,
    `kind: ${nrt ? 'NRT' : 'Scheduled'}`,
  ];
  if (random.chance(0.4))
    tail.push('tags:', '  - RMM', `  - ${random.pick(['Hunting', 'Initial Access', 'Remote Access'])}`);
  return { head, tail };
}

function toRuleYaml(
  random: Random,
  fields: {
    id: string;
    name: string;
    description: string;
    tables: string[];
    connector?: string;
    tactics: string[];
    techniques: string[];
    query: string;
  },
): string {
  const analytics = random.chance(0.3) ? toAnalyticsLines(random, fields.tables) : { head: [], tail: [] };
  const lines = [
    `id: ${fields.id}`,
    `name: ${quote(fields.name)}`,
    ...toBlock('description', fields.description),
    ...analytics.head,
    ...toConnectorLines(random, fields.tables, random.chance(0.02), fields.connector),
    ...toListOrScalar('tactics', fields.tactics, random),
    ...toListOrScalar('relevantTechniques', fields.techniques, random),
    ...toBlock('query', fields.query),
    ...analytics.tail,
  ];
  return applyFileQuirks(random, `${lines.join('\n').replace(/\n+$/, '')}\n`);
}

/** A few files carry a byte-order mark or CRLF endings, as files edited on Windows do. */
function applyFileQuirks(random: Random, text: string): string {
  const roll = random.next();
  if (roll < 0.01) return text.replace(/\n/g, '\r\n');
  if (roll < 0.02) return `\uFEFF${text}`;
  return text;
}

function createToolRule(factory: RuleFactory): RuleDraft {
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

function createGenericRule(factory: RuleFactory): RuleDraft {
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
function assignFileName(factory: RuleFactory, draft: RuleDraft): RuleDraft {
  const slug = toSlug(draft.name) || 'rule';
  let baseName = slug;
  if (factory.usedPaths.has(baseName)) baseName = `${slug}-${draft.id.slice(0, 8)}`;
  factory.usedPaths.add(baseName);
  return { ...draft, baseName };
}

// ---------------------------------------------------------------------------------------------
// Runbooks

const FALSE_POSITIVES = [
  {
    scenario: 'The service desk uses {tool} to help a user who called in with a problem.',
    description: 'Sessions are short and match a ticket in the ITSM system.',
    exclusion:
      'Exclude sessions that start within 15 minutes of a ticket assigned to the service desk for the same device.',
  },
  {
    scenario: 'An administrator rolls out an update of the {tool} agent to every workstation.',
    exclusion:
      'Exclude events whose initiating process is the software distribution agent (ccmexec.exe or the Intune management extension).',
  },
  {
    scenario: 'A managed service provider with a signed contract maintains the servers with {tool}.',
    description: 'The provider connects from a fixed set of addresses listed in the contract.',
    exclusion: "Exclude connections from the provider's published address ranges.",
  },
  {
    scenario: 'A developer evaluates {tool} on a lab machine.',
    exclusion: 'Exclude devices in the Lab device group.',
  },
  {
    scenario: 'A vulnerability scanner fetches the {tool} download page while inventorying software.',
    exclusion: 'Exclude the scanner appliances by device name.',
  },
  {
    scenario: "A user joins a vendor support session over {tool} at the vendor's request.",
    description: 'The user can name the vendor and the case number.',
    exclusion: 'None: confirm with the user and close the alert with the case number.',
  },
  {
    scenario: 'An unattended kiosk is managed with {tool} by the facilities team.',
    exclusion: 'Exclude the kiosk devices by device tag.',
  },
];

const TRIAGE_STEPS = [
  'Confirm whether {tool} is sanctioned for this device and user; check the software allow-list.',
  'Find how it arrived: look for the installer in DeviceFileEvents around the first sighting.',
  'Check who was logged on and whether the session came from inside office hours.',
  'Look for other remote-access tools on the same device within the last 30 days.',
  'If the tool is not sanctioned, isolate the device and collect an investigation package.',
  "Note the session id and remote address; they tie the activity to the vendor's logs.",
];

function formatTemplate(template: string, tool: string): string {
  return template.replaceAll('{tool}', tool);
}

function toRunbookText(random: Random, rule: RuleDraft): string {
  const toolName = rule.tool?.tool.name ?? 'the remote-access tool';
  const frontmatter = [`rule: ${rule.id}`];
  if (rule.tool && random.chance(0.4)) frontmatter.push(`tool: ${rule.tool.tool.id}`);
  frontmatter.push(
    `hypothesis: ${quote(`An adversary uses ${toolName} as a remote access channel for command and control or persistence, and the ${rule.label.toLowerCase()} evidence shows it.`)}`,
    'falsePositives:',
  );
  for (const entry of random.sample(FALSE_POSITIVES, random.int(1, 5))) {
    frontmatter.push(`  - scenario: ${quote(formatTemplate(entry.scenario, toolName))}`);
    if (entry.description && random.chance(0.6)) frontmatter.push(`    description: ${quote(entry.description)}`);
    frontmatter.push(`    exclusion: ${quote(entry.exclusion)}`);
  }
  const steps = random
    .sample(TRIAGE_STEPS, random.int(2, 5))
    .map((step, index) => `${index + 1}. ${formatTemplate(step, toolName)}`);
  const body = ['## Triage', '', ...steps, ''];
  if (random.chance(0.5)) {
    body.push(
      '## Data sources',
      '',
      ...rule.tables.map((table) => `- \`${table}\`: make sure the connector is enabled and the table receives data.`),
      '',
    );
  }
  if (random.chance(0.3))
    body.push('## Escalation', '', 'Hand over to incident response when the tool is **not** on the allow-list.', '');
  return `---\n${frontmatter.join('\n')}\n---\n\n${body.join('\n')}`;
}

// ---------------------------------------------------------------------------------------------
// Corpus

export interface CorpusOptions {
  /** Number of rules to generate. */
  rules: number;
  /** Seed of the generator; the same seed and size give the same files. */
  seed: number;
  /** Folder that receives `rules/`, `runbooks/` and `tools/` (those three are replaced). */
  dir: string;
  /** Catalog to copy and to draw real tool names from; defaults to the bundled one. */
  toolsDir?: string;
}

export interface CorpusSummary {
  rules: number;
  runbooks: number;
  tools: number;
  /** Absolute paths of the rule files, in generation order. */
  ruleFiles: string[];
  rulesDir: string;
  runbooksDir: string;
  toolsDir: string;
}

/** Share of rules that get a runbook. */
const RUNBOOK_SHARE = 0.8;
/** Share of rules drawn from the bundled catalog rather than the synthetic tools. */
const BUNDLED_TOOL_SHARE = 0.6;
/** Share of rules about no particular tool. */
const GENERIC_SHARE = 0.03;

/** Generates a benchmark corpus of rules, runbooks and tools under `dir`. */
export function generateCorpus(options: CorpusOptions): CorpusSummary {
  if (!Number.isInteger(options.rules) || options.rules < 1)
    throw new Error(`rules must be a positive integer, got ${options.rules}`);
  const random = createRandom(options.seed);
  const bundled = readBundledTools(options.toolsDir ?? BUNDLED_TOOLS_DIR);
  const synthetic = createSyntheticTools(
    random,
    Math.ceil(options.rules / 50),
    bundled.map((entry) => entry.tool),
  );
  const dirs = prepareDirs(options.dir);
  writeFiles(
    dirs.tools,
    [...bundled, ...synthetic].map((entry) => ({ path: entry.fileName, text: entry.text })),
  );

  const factory: RuleFactory = {
    random,
    tools: bundled,
    usedIds: new Set(),
    usedNames: new Set(),
    usedPaths: new Set(),
  };
  const syntheticFactory: RuleFactory = { ...factory, tools: synthetic.length > 0 ? synthetic : bundled };
  const ruleFiles: string[] = [];
  const files: { path: string; text: string }[] = [];
  const runbooks: { path: string; text: string }[] = [];
  for (let index = 0; index < options.rules; index++) {
    const draft = assignFileName(factory, drawRule(random, factory, syntheticFactory));
    const path = join(draft.folder, `${draft.baseName}.yaml`);
    files.push({ path, text: draft.yaml });
    ruleFiles.push(join(dirs.rules, path));
    if (random.chance(RUNBOOK_SHARE))
      runbooks.push({ path: `${draft.baseName}.md`, text: toRunbookText(random, draft) });
  }
  writeFiles(dirs.rules, files);
  writeFiles(dirs.runbooks, runbooks);
  return {
    rules: files.length,
    runbooks: runbooks.length,
    tools: bundled.length + synthetic.length,
    ruleFiles,
    rulesDir: dirs.rules,
    runbooksDir: dirs.runbooks,
    toolsDir: dirs.tools,
  };
}

function drawRule(random: Random, bundled: RuleFactory, synthetic: RuleFactory): RuleDraft {
  if (random.chance(GENERIC_SHARE)) return createGenericRule(bundled);
  return createToolRule(random.chance(BUNDLED_TOOL_SHARE) ? bundled : synthetic);
}

function prepareDirs(dir: string): { rules: string; runbooks: string; tools: string } {
  const dirs = { rules: resolve(dir, 'rules'), runbooks: resolve(dir, 'runbooks'), tools: resolve(dir, 'tools') };
  for (const path of Object.values(dirs)) {
    rmSync(path, { recursive: true, force: true });
    mkdirSync(path, { recursive: true });
  }
  return dirs;
}

/** Writes files below `root`, creating each folder once. */
function writeFiles(root: string, files: readonly { path: string; text: string }[]): void {
  const made = new Set<string>();
  for (const file of files) {
    const target = join(root, file.path);
    const folder = join(target, '..');
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(target, file.text);
  }
}
