import type { Random } from './random.ts';
import type { CatalogTool } from './tool-catalog.ts';
import { literal } from './yaml-text.ts';

/**
 * A query before padding: `list` holds the item lines of its longest literal list, which
 * `pad` lengthens so queries spread over the 5–60 line range real rule sets show.
 */
export interface QueryDraft {
  before: string[];
  list: string[];
  after: string[];
  pad: (count: number) => string[];
  tables: string[];
  techniques: string[];
  /** Connector feeding the first table when the query itself decides it, e.g. a firewall vendor. */
  connector?: string;
}

export interface QueryContext {
  random: Random;
  tool: CatalogTool;
  label: string;
  /** `Timestamp` for Defender tables, `TimeGenerated` for Log Analytics ones. */
  timeColumn: string;
}

export interface TableSpec {
  table: string;
  connector: string | readonly string[];
  weight: number;
  labels: readonly string[];
  extraTechniques: readonly string[];
  draft: (context: QueryContext) => QueryDraft;
}

const HOST_PREFIXES = ['ws', 'srv', 'jump', 'mgmt', 'it-admin', 'helpdesk', 'lab', 'build'];

/** Domains a tool talks to, or invented ones for catalog entries that list none. */
export function toolDomains(tool: CatalogTool): string[] {
  const domains = tool.tool.domains.map((domain) => domain.replace(/^\*\./, '')).filter((domain) => domain !== '');
  return domains.length > 0 ? [...new Set(domains)] : [`${tool.stem.toLowerCase()}.com`];
}

export function toolProcesses(tool: CatalogTool): string[] {
  return tool.tool.processNames.length > 0 ? tool.tool.processNames : [`${tool.stem}.exe`];
}

export function toolProduct(tool: CatalogTool): string {
  return tool.tool.productNames[0] ?? tool.tool.name;
}

export function padRelays(random: Random, domains: readonly string[]) {
  return (count: number) =>
    Array.from(
      { length: count },
      (_, index) =>
        `'${random.pick(['relay', 'edge', 'node', 'gw', 'rs'])}-${index + 1}.${literal(random.pick(domains))}'`,
    );
}

export function padInstallers(random: Random, stem: string) {
  return (count: number) =>
    Array.from(
      { length: count },
      (_, index) => `'${literal(stem)}_${random.int(1, 9)}.${random.int(0, 20)}.${index}.exe'`,
    );
}

export function padHosts(random: Random) {
  return (count: number) =>
    Array.from(
      { length: count },
      (_, index) => `'${random.pick(HOST_PREFIXES)}-${String(index + 1).padStart(3, '0')}'`,
    );
}

export function padHashes(random: Random) {
  return (count: number) =>
    Array.from(
      { length: count },
      () => `'${Array.from({ length: 5 }, () => random.uint32().toString(16).padStart(8, '0')).join('')}'`,
    );
}

/** Time filter lines: explicit `let` bounds like the shared RMM set, or a plain `ago()`. */
export function timeFilter(context: QueryContext): { lets: string[]; where: string } {
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
export function headerComments(context: QueryContext): string[] {
  const { random, tool, label } = context;
  if (!random.chance(0.35)) return [];
  const lines = [`// ${literal(tool.tool.name)}: ${label}`];
  if (random.chance(0.5)) lines.push(`// Reference: https://lolrmm.io/tools/${tool.tool.id}`);
  return lines;
}

export function quoted(items: readonly string[]): string[] {
  return items.map((item) => `'${literal(item)}'`);
}

/** Declared tables of a query: its main tables plus DeviceInfo when the device-context join was added. */
export function withJoinedTables(tables: string[], lines: readonly string[]): string[] {
  return lines.some((line) => line.trim() === 'DeviceInfo') ? [...tables, 'DeviceInfo'] : tables;
}

/** The device-context join that many hunts add to see OS and device group. */
export function deviceInfoJoin(random: Random): string[] {
  if (!random.chance(0.25)) return [];
  return [
    '| join kind=leftouter (',
    '    DeviceInfo',
    '    | summarize arg_max(Timestamp, OSPlatform, MachineGroup) by DeviceId',
    '  ) on DeviceId',
  ];
}

/** Joins a draft into query text, padding its list so the query has about `targetLines` lines. */
export function assembleQuery(draft: QueryDraft, targetLines: number, indentList: boolean): string {
  const missing = targetLines - (draft.before.length + draft.list.length + draft.after.length);
  const items = [...draft.list, ...draft.pad(Math.max(0, missing))];
  const prefix = indentList ? '  ' : '';
  const listLines = items.map((item, index) => `${prefix}${item}${index < items.length - 1 ? ',' : ''}`);
  return `${[...draft.before, ...listLines, ...draft.after].join('\n')}\n`;
}

/** Most hunts are short; a long tail of long domain lists reaches 60 lines. */
export function chooseQueryLength(random: Random): number {
  const roll = random.next();
  return 5 + Math.floor(roll * roll * 55);
}
