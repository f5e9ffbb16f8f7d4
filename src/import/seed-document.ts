import { FAILSAFE_SCHEMA, load, YAMLException } from 'js-yaml';
import type { Finding } from '../checks/findings.ts';
import { checkYamlExpansion, createAliasListener, createYamlBudget, YamlLimitError } from '../loaders/yaml-limits.ts';
import type { FalsePositive } from '../schemas/runbook.ts';

/**
 * Seed hunting documents are plain text: a hypothesis paragraph, a `KQL Query` section, a
 * Sentinel YAML block whose indentation was lost, a `| Sentinel Table | Notes |` table and
 * false-positive scenarios. This module reads one into a SeedDocument without touching disk.
 */

/** A data connector as the rule names it, with the tables it provides. */
export interface SeedDataConnector {
  connectorId: string;
  dataTypes: string[];
}

/** The Sentinel fields a seed carries; tactics and techniques keep the source's scalar-or-list shape. */
export interface SeedRule {
  id: string;
  name: string;
  description: string;
  requiredDataConnectors: SeedDataConnector[];
  tactics: string | string[];
  relevantTechniques: string | string[];
  /** The YAML `query`, byte for byte as the seed's lines, ending with one newline. */
  query: string;
}

/** One row of the `| Sentinel Table | Notes |` table. */
export interface SeedTable {
  table: string;
  notes: string;
}

/** Everything a seed document says, ready to become a rule file and a runbook. */
export interface SeedDocument {
  hypothesis: string;
  /** The query as written under `KQL Query`; only used to check it against the YAML one. */
  kqlSectionQuery: string;
  rule: SeedRule;
  tables: SeedTable[];
  falsePositives: FalsePositive[];
}

export interface SeedParseResult {
  /** Present only when the document had no errors. */
  document?: SeedDocument;
  findings: Finding[];
}

/** The top-level keys of a Sentinel hunting query, in the order Sentinel writes them. */
export const RULE_KEYS = [
  'id',
  'name',
  'description',
  'requiredDataConnectors',
  'tactics',
  'relevantTechniques',
  'query',
] as const;

type RuleKey = (typeof RULE_KEYS)[number];

/** Keys whose value is free text that may span lines. */
const TEXT_KEYS: ReadonlySet<RuleKey> = new Set(['description', 'query']);

const BOM_RE = /^\uFEFF/;
const LINE_BREAK_RE = /\r\n|\r|\n/;
const KQL_HEADING_RE = /^\s*(?:#+\s*)?KQL Query\s*:?\s*$/i;
const RULE_KEY_RE = new RegExp(`^(${RULE_KEYS.join('|')}):(?:[ \\t]|$)`);
const ID_KEY_RE = /^id:[ \t]*\S/;
const TABLE_HEADING_RE = /^\s*\|?\s*Sentinel Table\s*\|\s*Notes\s*\|?\s*$/i;
const TABLE_SEPARATOR_RE = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
const SCENARIO_RE = /^\s*Scenario\s*:\s*(.*)$/i;
const DESCRIPTION_RE = /^\s*Description\s*:\s*(.*)$/i;
const EXCLUSION_RE = /^\s*Filter\s*\/\s*Exclusion\s*:\s*(.*)$/i;
const CODE_FENCE_RE = /^\s*(?:```|~~~)/;
const HYPOTHESIS_LABEL_RE = /^(?:#+\s*)?Hypothesis\s*:?\s*/i;
/** `key: |`, `key: |-`, `key: >+` …, with the chomping indicator captured. */
const BLOCK_SCALAR_HEADER_RE = /^(\w+):\s*([|>])[1-9]?([+-]?)[1-9]?\s*(?:#.*)?$/;
/** Any `camelCase:` key at the start of a line; Sentinel keys all look like this. */
const KEY_LINE_RE = /^([a-z][A-Za-z0-9]*):(?:\s|$)/;
const LIST_ITEM_RE = /^-(?:\s|$)/;
const CONNECTOR_ITEM_RE = /^-\s+connectorId\s*:/;
const DATA_TYPES_ITEM_RE = /^-\s+dataTypes\s*:/;
const DATA_TYPES_KEY_RE = /^dataTypes\s*:/;
const CONNECTOR_ID_KEY_RE = /^connectorId\s*:/;

/** Indentation the flattened YAML gets back; block scalars are told it explicitly. */
const INDENT = '  ';

/** A problem found while reading, before it is tied to a file. */
interface Problem {
  severity: Finding['severity'];
  message: string;
  /** 1-based line in the seed. */
  line?: number;
}

/** Where each part of the document starts, as 0-based line indexes. */
interface SeedLayout {
  kqlHeading?: number;
  yamlStart?: number;
  tableHeading?: number;
  firstScenario?: number;
}

/**
 * Parses a seed hunting document; `findings` name `file`, and `document` is set only when
 * nothing is an error.
 * @example parseSeedDocument(text, 'seeds/000.txt').document?.rule.id // → '58cbbe97-…'
 */
export function parseSeedDocument(text: string, file: string): SeedParseResult {
  const lines = splitLines(text);
  const layout = locateParts(lines);
  const problems: Problem[] = [];

  if (layout.kqlHeading === undefined) problems.push(error('no "KQL Query" line'));
  if (layout.yamlStart === undefined) problems.push(error('no Sentinel YAML block (id:/name:/query:)'));
  if (layout.firstScenario === undefined) problems.push(error('no "Scenario:" entries'));
  if (layout.tableHeading === undefined) {
    problems.push(warning('no "| Sentinel Table | Notes |" table; the runbook lists the connector tables instead'));
  }

  const hypothesis = readHypothesis(lines.slice(0, layout.kqlHeading ?? 0));
  if (layout.kqlHeading !== undefined && hypothesis === '') {
    problems.push(warning('no hypothesis paragraph before "KQL Query"'));
  }

  const kqlEnd = layout.yamlStart ?? layout.tableHeading ?? layout.firstScenario ?? lines.length;
  const kqlSection = layout.kqlHeading === undefined ? undefined : readKqlSection(lines, layout.kqlHeading + 1, kqlEnd);

  let rule: SeedRule | undefined;
  if (layout.yamlStart !== undefined) {
    const yamlEnd = layout.tableHeading ?? layout.firstScenario ?? lines.length;
    const read = readRuleBlock(lines.slice(layout.yamlStart, yamlEnd), layout.yamlStart + 1);
    problems.push(...read.problems);
    rule = read.rule;
  }

  if (rule && kqlSection) problems.push(...compareQueries(kqlSection, rule.query));

  let tables: SeedTable[] = [];
  if (layout.tableHeading !== undefined) {
    const tableEnd = layout.firstScenario ?? lines.length;
    const read = readTableRows(lines.slice(layout.tableHeading + 1, tableEnd), layout.tableHeading + 2);
    problems.push(...read.problems);
    tables = read.tables;
  }

  let falsePositives: FalsePositive[] = [];
  if (layout.firstScenario !== undefined) {
    const read = readFalsePositives(lines.slice(layout.firstScenario), layout.firstScenario + 1);
    problems.push(...read.problems);
    falsePositives = read.falsePositives;
  }

  const findings = problems.map((problem) => toFinding(problem, file));
  if (findings.some((finding) => finding.severity === 'error') || !rule || !kqlSection) return { findings };
  return {
    document: { hypothesis, kqlSectionQuery: kqlSection.query, rule, tables, falsePositives },
    findings,
  };
}

/** Splits text into lines, dropping a BOM and accepting CRLF or CR line ends. */
export function splitLines(text: string): string[] {
  return text.replace(BOM_RE, '').split(LINE_BREAK_RE);
}

/** Finds where the KQL section, YAML block, table and scenarios start. */
function locateParts(lines: readonly string[]): SeedLayout {
  const kqlHeading = findLine(lines, KQL_HEADING_RE, 0);
  // Sentinel files open with `id:`; only a seed without one falls back to any known key.
  const afterKql = (kqlHeading ?? -1) + 1;
  const yamlStart = findLine(lines, ID_KEY_RE, afterKql) ?? findLine(lines, RULE_KEY_RE, afterKql);
  const tableHeading = findLine(lines, TABLE_HEADING_RE, (yamlStart ?? kqlHeading ?? -1) + 1);
  const firstScenario = findLine(lines, SCENARIO_RE, (tableHeading ?? yamlStart ?? kqlHeading ?? -1) + 1);
  return { kqlHeading, yamlStart, tableHeading, firstScenario };
}

/** Index of the first line at or after `from` that matches, if any. */
function findLine(lines: readonly string[], pattern: RegExp, from: number): number | undefined {
  for (let index = from; index < lines.length; index++) {
    if (pattern.test(lines[index] ?? '')) return index;
  }
  return undefined;
}

/** Joins the lines above `KQL Query` into paragraphs; a wrapped line is part of its paragraph. */
function readHypothesis(lines: readonly string[]): string {
  const paragraphs: string[][] = [[]];
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '') paragraphs.push([]);
    else paragraphs.at(-1)?.push(trimmed);
  }
  const text = paragraphs
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => paragraph.join(' '))
    .join('\n\n');
  return text.replace(HYPOTHESIS_LABEL_RE, '');
}

/** The query under `KQL Query`, with surrounding blank lines and any code fence removed. */
function readKqlSection(lines: readonly string[], start: number, end: number): { query: string; firstLine: number } {
  let first = start;
  let last = end - 1;
  while (first <= last && (lines[first] ?? '').trim() === '') first++;
  while (last >= first && (lines[last] ?? '').trim() === '') last--;
  // Markdown seeds may wrap the query in a fence; the fence is not part of the query.
  if (first < last && CODE_FENCE_RE.test(lines[first] ?? '') && CODE_FENCE_RE.test(lines[last] ?? '')) {
    first++;
    last--;
  }
  const body = lines.slice(first, last + 1);
  return { query: body.length > 0 ? `${body.join('\n')}\n` : '', firstLine: first + 1 };
}

/**
 * Reads the flattened Sentinel YAML block: restores its indentation from the known keys,
 * then lets js-yaml do the rest so block-scalar and quoting rules are YAML's own.
 */
function readRuleBlock(lines: readonly string[], firstLine: number): { rule?: SeedRule; problems: Problem[] } {
  const restored = restoreIndentation(lines, firstLine);
  if (restored.problems.length > 0) return { problems: restored.problems };

  let value: unknown;
  try {
    // FAILSAFE keeps every scalar a string, so an id such as 12345678-… never turns into a number;
    // the final newline lets a `|+` block keep its trailing blank lines.
    const text = `${restored.lines.join('\n')}\n`;
    // The rule is written out with every alias expanded: an alias bomb stops here, as in content.
    const budget = createYamlBudget();
    value = load(text, { schema: FAILSAFE_SCHEMA, listener: createAliasListener(text, budget) });
    checkYamlExpansion(value, text, budget);
  } catch (cause) {
    if (cause instanceof YamlLimitError) return { problems: [error(cause.message, firstLine + cause.line - 1)] };
    if (!(cause instanceof YAMLException)) throw cause;
    return {
      problems: [error(`Sentinel YAML block is not valid YAML: ${cause.reason}`, firstLine + cause.mark.line)],
    };
  }
  return readRuleFields(value, (key) => lineOfKey(lines, key, firstLine));
}

/**
 * Gives a flattened YAML block its indentation back, one output line per input line.
 * A block scalar runs until a known key not yet seen, so a KQL line that looks like a key
 * of an earlier field stays in the query.
 * @example restoreIndentation(['tactics:', '- CommandAndControl'], 1).lines // → ['tactics:', '  - CommandAndControl']
 */
function restoreIndentation(lines: readonly string[], firstLine: number): { lines: string[]; problems: Problem[] } {
  const output: string[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  let current: { key: RuleKey; isBlock: boolean } | undefined;
  let inDataTypes = false;

  for (const [index, line] of lines.entries()) {
    const key = RULE_KEY_RE.exec(line)?.[1] as RuleKey | undefined;
    if (key && !seen.has(key)) {
      seen.add(key);
      const header = BLOCK_SCALAR_HEADER_RE.exec(line);
      // A bare `query:` over column-0 lines would fold the KQL into one line; read it as `|`.
      const isBareText = header === null && TEXT_KEYS.has(key) && line.trim() === `${key}:`;
      current = { key, isBlock: header !== null || isBareText };
      inDataTypes = false;
      // An explicit indentation indicator keeps a query whose first line starts with spaces intact.
      if (header) output.push(`${key}: ${header[2]}2${header[3]}`);
      else output.push(isBareText ? `${key}: |2` : line);
      continue;
    }
    if (current?.isBlock) {
      output.push(line === '' ? '' : INDENT + line);
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '') {
      output.push('');
      continue;
    }
    if (current?.key === 'requiredDataConnectors') {
      if (CONNECTOR_ITEM_RE.test(trimmed) || DATA_TYPES_ITEM_RE.test(trimmed)) {
        inDataTypes = DATA_TYPES_ITEM_RE.test(trimmed);
        output.push(INDENT + trimmed);
        continue;
      }
      if (DATA_TYPES_KEY_RE.test(trimmed) || CONNECTOR_ID_KEY_RE.test(trimmed)) {
        inDataTypes = DATA_TYPES_KEY_RE.test(trimmed);
        output.push(INDENT.repeat(2) + trimmed);
        continue;
      }
      if (LIST_ITEM_RE.test(trimmed) && inDataTypes) {
        output.push(INDENT.repeat(3) + trimmed);
        continue;
      }
    }
    const strayKey = KEY_LINE_RE.exec(line)?.[1];
    if (strayKey !== undefined) {
      const why = seen.has(strayKey)
        ? 'appears twice'
        : `is not one of the keys a seed may have (${RULE_KEYS.join(', ')})`;
      problems.push(error(`Sentinel YAML key "${strayKey}:" ${why}`, firstLine + index));
      output.push(line);
      continue;
    }
    output.push(INDENT + trimmed);
  }
  return { lines: output, problems };
}

/** 1-based seed line of a top-level key in the YAML block, if it is there. */
function lineOfKey(lines: readonly string[], key: string, firstLine: number): number | undefined {
  const index = lines.findIndex((line) => line.startsWith(`${key}:`));
  return index === -1 ? undefined : firstLine + index;
}

/** Checks the shapes js-yaml returned and builds the rule, reporting every bad field at once. */
function readRuleFields(
  value: unknown,
  lineOf: (key: string) => number | undefined,
): { rule?: SeedRule; problems: Problem[] } {
  const fields = isRecord(value) ? value : {};
  const problems: Problem[] = [];

  const readRequired = (key: 'id' | 'name' | 'query'): string => {
    const field = fields[key];
    if (field === undefined) problems.push(error(`Sentinel YAML block has no "${key}:"`));
    else if (typeof field !== 'string' || field.trim() === '') {
      problems.push(error(`Sentinel YAML "${key}:" is empty or not text`, lineOf(key)));
    }
    return typeof field === 'string' ? field : '';
  };
  const id = readRequired('id').trim();
  const name = readRequired('name').trim();
  const query = readRequired('query');

  const description = fields.description ?? '';
  if (typeof description !== 'string') {
    problems.push(error('Sentinel YAML "description:" is not text', lineOf('description')));
  }

  const connectors = readConnectors(fields.requiredDataConnectors);
  if (connectors === undefined) {
    problems.push(
      error(
        'Sentinel YAML "requiredDataConnectors:" must be a list of "- connectorId:" entries with "dataTypes:"',
        lineOf('requiredDataConnectors'),
      ),
    );
  }

  const tactics = readStringOrList(fields.tactics);
  if (tactics === undefined) problems.push(error('Sentinel YAML "tactics:" must be text or a list', lineOf('tactics')));
  const techniques = readStringOrList(fields.relevantTechniques);
  if (techniques === undefined) {
    problems.push(error('Sentinel YAML "relevantTechniques:" must be text or a list', lineOf('relevantTechniques')));
  }

  if (problems.length > 0 || typeof description !== 'string' || !connectors || !tactics || !techniques) {
    return { problems };
  }
  return {
    rule: {
      id,
      name,
      description,
      requiredDataConnectors: connectors,
      tactics,
      relevantTechniques: techniques,
      query,
    },
    problems,
  };
}

/** Reads `requiredDataConnectors`; undefined means the shape is wrong. */
function readConnectors(value: unknown): SeedDataConnector[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const connectors: SeedDataConnector[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item.connectorId !== 'string') return undefined;
    const dataTypes = readStringOrList(item.dataTypes);
    if (dataTypes === undefined) return undefined;
    connectors.push({ connectorId: item.connectorId.trim(), dataTypes: toList(dataTypes) });
  }
  return connectors;
}

/** Keeps a scalar a scalar and a list a list, as Sentinel allows both; undefined means neither. */
function readStringOrList(value: unknown): string | string[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value.map((item: string) => item.trim()).filter((item) => item !== '');
  }
  return undefined;
}

/** `'A'` → `['A']`, `''` → `[]`, lists as they are. */
function toList(value: string | string[]): string[] {
  if (typeof value !== 'string') return value;
  return value === '' ? [] : [value];
}

/**
 * Warns when the `KQL Query` section and the YAML query differ beyond trailing whitespace,
 * pointing at the first differing line of the section.
 */
function compareQueries(section: { query: string; firstLine: number }, yamlQuery: string): Problem[] {
  const sectionText = section.query.trimEnd();
  const yamlText = yamlQuery.trimEnd();
  if (sectionText === yamlText) return [];
  const sectionLines = sectionText.split('\n');
  const yamlLines = yamlText.split('\n');
  let index = 0;
  while (index < sectionLines.length && sectionLines[index] === yamlLines[index]) index++;
  return [
    warning(
      `the query under "KQL Query" differs from the YAML "query:" (first at query line ${index + 1}); keeping the YAML one`,
      section.firstLine + index,
    ),
  ];
}

/** Reads the table rows under the `| Sentinel Table | Notes |` heading; the leading pipe is optional. */
function readTableRows(lines: readonly string[], firstLine: number): { tables: SeedTable[]; problems: Problem[] } {
  const tables: SeedTable[] = [];
  const problems: Problem[] = [];
  for (const [index, line] of lines.entries()) {
    const trimmed = line.trim();
    if (trimmed === '' || TABLE_SEPARATOR_RE.test(trimmed)) continue;
    if (!trimmed.includes('|')) {
      problems.push(
        warning('line between the table and the first "Scenario:" is not a table row; left out', firstLine + index),
      );
      continue;
    }
    const [table = '', ...notes] = splitTableRow(trimmed);
    if (table === '') {
      problems.push(warning('table row has no table name; left out', firstLine + index));
      continue;
    }
    tables.push({ table, notes: notes.filter((note) => note !== '').join(' | ') });
  }
  return { tables, problems };
}

/** `a | b |` and `| a | b |` both give `['a', 'b']`. */
function splitTableRow(row: string): string[] {
  const inner = row.replace(/^\|/, '').replace(/\|$/, '');
  return inner.split('|').map((cell) => cell.trim());
}

/** A scenario while it is being read: each field collects its lines. */
interface ScenarioDraft {
  line: number;
  scenario: string[];
  description?: string[];
  exclusion?: string[];
  /** The field that continuation lines belong to. */
  open: string[];
}

/**
 * Reads `Scenario:` entries in either shape: `Scenario:` + `Filter/Exclusion:`, or
 * `Scenario:` (a title) + `Description:` + `Filter/Exclusion:`.
 */
function readFalsePositives(
  lines: readonly string[],
  firstLine: number,
): { falsePositives: FalsePositive[]; problems: Problem[] } {
  const drafts: ScenarioDraft[] = [];
  const problems: Problem[] = [];

  for (const [index, line] of lines.entries()) {
    const lineNumber = firstLine + index;
    const scenario = SCENARIO_RE.exec(line);
    if (scenario) {
      const text = [scenario[1] ?? ''];
      drafts.push({ line: lineNumber, scenario: text, open: text });
      continue;
    }
    const draft = drafts.at(-1);
    if (!draft || line.trim() === '') continue;
    const description = DESCRIPTION_RE.exec(line);
    const exclusion = description ? null : EXCLUSION_RE.exec(line);
    const label = description ? 'description' : exclusion ? 'exclusion' : undefined;
    if (label === undefined) {
      draft.open.push(line);
      continue;
    }
    if (draft[label] !== undefined) {
      const heading = label === 'description' ? 'Description:' : 'Filter/Exclusion:';
      problems.push(error(`Scenario ${drafts.length} has more than one "${heading}"`, lineNumber));
      continue;
    }
    const text = [(description ?? exclusion)?.[1] ?? ''];
    draft[label] = text;
    draft.open = text;
  }

  const falsePositives: FalsePositive[] = [];
  for (const [index, draft] of drafts.entries()) {
    const number = index + 1;
    const scenario = joinField(draft.scenario);
    const exclusion = draft.exclusion === undefined ? undefined : joinField(draft.exclusion);
    const description = draft.description === undefined ? '' : joinField(draft.description);
    if (scenario === '') problems.push(error(`Scenario ${number} has no text after "Scenario:"`, draft.line));
    if (exclusion === undefined) problems.push(error(`Scenario ${number} has no "Filter/Exclusion:"`, draft.line));
    else if (exclusion === '') problems.push(error(`Scenario ${number} has an empty "Filter/Exclusion:"`, draft.line));
    falsePositives.push({
      scenario,
      ...(description === '' ? {} : { description }),
      exclusion: exclusion ?? '',
    });
  }
  return { falsePositives, problems };
}

/** Trims each line of a field and keeps line breaks, since exclusions are sometimes query snippets. */
function joinField(lines: readonly string[]): string {
  return lines
    .map((line) => line.trim())
    .join('\n')
    .trim();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function error(message: string, line?: number): Problem {
  return { severity: 'error', message, line };
}

function warning(message: string, line?: number): Problem {
  return { severity: 'warning', message, line };
}

function toFinding(problem: Problem, file: string): Finding {
  return {
    severity: problem.severity,
    file,
    message: problem.message,
    ...(problem.line === undefined ? {} : { line: problem.line }),
  };
}
