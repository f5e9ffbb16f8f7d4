/**
 * Build-time analysis of a rule's KQL: syntax errors, the tables it reads, its time window,
 * the columns it returns and the literal values it matches on. Everything comes from the
 * syntax tree of Microsoft's Kusto language service (no schema is known, so nothing is bound):
 * a regex cannot tell a table from a column or a `let` name, the parser can.
 */
import { createRequire } from 'node:module';

export interface KqlDiagnostic {
  /** The language service's code, e.g. `KS006` (missing expression) or `KS005` (expected token). */
  code: string;
  message: string;
  severity: 'error' | 'warning';
  /** 1-based line inside the query text. */
  line: number;
  /** 1-based column inside the query text, in UTF-16 code units. */
  column: number;
}

export type KqlIndicatorKind = 'domain' | 'ip' | 'process' | 'product' | 'signer' | 'path' | 'other';

export interface KqlIndicator {
  value: string;
  kind: KqlIndicatorKind;
  /** The column the value is compared against, e.g. `RemoteUrl`. */
  column?: string;
}

export interface KqlAnalysis {
  /** Syntax errors reported by the language service. */
  diagnostics: KqlDiagnostic[];
  /** Tables the query reads, sorted and unique; wildcards such as `Device*` stay as written. */
  tables: string[];
  /** The first time filter, e.g. `ago(7d)` or `now(-5d) .. now()`, with simple `let` values resolved. */
  timeWindow?: string;
  /**
   * Columns of the final result in Kusto's order. `'*'` stands for source columns that cannot be
   * named without a schema (e.g. after `extend` on a table or `arg_max(Timestamp, *)`); empty when
   * nothing beyond the source's own columns is known.
   */
  outputColumns: string[];
  /** String literals compared with a column (negated comparisons and regexes left out), in query order. */
  indicators: KqlIndicator[];
  /** References the Defender XDR `Timestamp` column. */
  usesTimestamp: boolean;
  /** References Sentinel's `TimeGenerated` column. */
  usesTimeGenerated: boolean;
  /** Set when only the syntax check succeeded: why the rest of the analysis is missing. */
  incomplete?: string;
}

const SERVICE_PACKAGE = '@kusto/language-service-next';
const requireNearModule = createRequire(import.meta.url);
const requireNearProject = createRequire(`${process.cwd()}/package.json`);
const SERVICE_VERSION = (requireService('package.json') as { version: string }).version;

/** Part of every cache key: bump the leading number when the output shape or logic changes. */
export const KQL_ANALYZER_VERSION = `2+kusto-${SERVICE_VERSION}`;

/** Stands for the source's own columns in `outputColumns`. */
const SOURCE_COLUMNS = '*';
/** `let` values that refer to each other are resolved at most this deep. */
const MAX_RESOLVE_DEPTH = 8;

const LINE_BREAK_RE = /\r\n|\r|\n/g;
const TEMPORAL_VALUE_RE =
  /\b(?:ago|now|datetime|todatetime|startof\w+|endof\w+|datetime_add|unixtime_\w+_todatetime)\s*\(/;
const TIME_COLUMN_RE = /^(?:Timestamp|TimeGenerated)$|(?:Time|Date|DateTime|Timestamp)(?:Utc)?$/;
const PRODUCT_COLUMN_RE = /ProductName$/i;
const SIGNER_COLUMN_RE = /(?:Signer|Issuer|CompanyName|Publisher)$/i;
const PROCESS_COLUMN_RE = /(?:FileName|ProcessName|^Process|^Image|ParentImage)$/i;
const PATH_COLUMN_RE = /(?:Path|Folder|Directory)$/i;
const DOMAIN_COLUMN_RE = /(?:Url|Uri|Domain|Fqdn|Host|HostName|Dns\w*|QueryName)$/i;
const IP_COLUMN_RE = /(?:IP|IpAddr|IPAddress|IPv4|IPv6)$/i;
const HOST_NAME_RE = /^(?:\*\.|\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]\.?$/i;
const IPV4_RE = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?:\/\d{1,2})?$/;
const IPV6_RE = /^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:\/\d{1,3})?$/i;
const IP_PREFIX_RE = /^\d{1,3}(?:\.\d{1,3}){0,3}\.?$/;
const EXE_RE = /\.exe$/i;
const SEMI_JOIN_LEFT_RE = /^(?:leftsemi|leftanti|anti|leftantisemi)$/i;
const SEMI_JOIN_RIGHT_RE = /^(?:rightsemi|rightanti|rightantisemi)$/i;

/** Functions whose single string argument names a table. */
const TABLE_FUNCTIONS = new Set(['table', 'external_table', 'materialized_view']);
/** Aggregates that return their arguments as columns instead of one computed column. */
const ROW_AGGREGATES = new Set(['arg_max', 'arg_min', 'take_any', 'any']);

/** Syntax kinds compared by name below; their numbers are read from the service at load. */
const KIND_NAMES = [
  'SeparatedElement',
  'ExpressionStatement',
  'FunctionDeclaration',
  'NameReference',
  'PathExpression',
  'ElementExpression',
  'BracketedExpression',
  'OrderedExpression',
  'ParenthesizedExpression',
  'FunctionCallExpression',
  'SimpleNamedExpression',
  'CompoundNamedExpression',
  'StarExpression',
  'StringLiteralExpression',
  'CompoundStringLiteralExpression',
  'DynamicExpression',
  'JsonArrayExpression',
  'ExpressionList',
  'DataTableExpression',
  'ExternalDataExpression',
  'MaterializeExpression',
  'PipeExpression',
  'BetweenExpression',
  'GreaterThanExpression',
  'GreaterThanOrEqualExpression',
  'EqualExpression',
  'EqualTildeExpression',
  'FilterOperator',
  'UnionOperator',
  'JoinOperator',
  'LookupOperator',
  'AsOperator',
  'ExtendOperator',
  'ProjectOperator',
  'ProjectAwayOperator',
  'ProjectKeepOperator',
  'ProjectRenameOperator',
  'ProjectReorderOperator',
  'SummarizeOperator',
  'DistinctOperator',
  'CountOperator',
  'MakeSeriesOperator',
  'MvExpandOperator',
  'ParseOperator',
  'ParseWhereOperator',
  'GetSchemaOperator',
  'SerializeOperator',
  'TakeOperator',
  'SortOperator',
  'TopOperator',
  'SampleOperator',
  'RenderOperator',
  'ExecuteAndCacheOperator',
  'RangeOperator',
  'NameDeclaration',
  'NameAndTypeDeclaration',
] as const;
type KindName = (typeof KIND_NAMES)[number];
type Kinds = Readonly<Record<KindName, number>>;

/**
 * The slice of Kusto.Language's syntax API read here. The package ships its types as global
 * namespaces in a 1.7 MB .d.ts; declaring the few members used keeps the project's type check lean.
 * Members other than the first few exist only on some node kinds.
 */
interface Syntax {
  readonly Kind: number;
  readonly IsToken: boolean;
  /** Stands in for something the parser expected but did not find. */
  readonly IsMissing: boolean;
  readonly ContainsSyntaxDiagnostics: boolean;
  readonly ChildCount: number;
  readonly TriviaWidth: number;
  GetChild(index: number): Syntax | null;
  readonly Text?: string | null;
  readonly Trivia?: string | null;
  readonly ValueText?: string | null;
  readonly SimpleName?: string | null;
  readonly Name?: Syntax | null;
  readonly NameAndType?: Syntax | null;
  readonly Expression?: Syntax | null;
  readonly Expressions?: Syntax | null;
  readonly Left?: Syntax | null;
  readonly Right?: Syntax | null;
  readonly First?: Syntax | null;
  readonly Second?: Syntax | null;
  readonly Selector?: Syntax | null;
  readonly Token?: Syntax | null;
  readonly Tokens?: Syntax | null;
  readonly ArgumentList?: Syntax | null;
  readonly Parameters?: Syntax | null;
  readonly Aggregates?: Syntax | null;
  readonly ByClause?: Syntax | null;
  readonly OnClause?: Syntax | null;
  readonly LookupClause?: Syntax | null;
  readonly ConditionClause?: Syntax | null;
  readonly AsIdentifier?: Syntax | null;
  readonly Identifier?: Syntax | null;
  readonly Schema?: Syntax | null;
  readonly Columns?: Syntax | null;
  readonly Values?: Syntax | null;
  readonly Patterns?: Syntax | null;
  readonly Statements?: Syntax | null;
  readonly Names?: Syntax | null;
  /** A pipe's query operator, or a binary expression's operator token. */
  readonly Operator?: Syntax | null;
}

interface ServiceDiagnostic {
  readonly Code: string | null;
  readonly Message: string | null;
  readonly Severity: string | null;
  readonly Start: number;
}

/** The service returns a plain array when a list is empty and a .NET collection otherwise. */
type ServiceList<T> = readonly T[] | { readonly Count: number; getItem(index: number): T };

interface ServiceRoot extends Syntax {
  GetContainedSyntaxDiagnostics(): ServiceList<ServiceDiagnostic>;
}

interface FunctionSymbol {
  readonly Name: string;
  readonly ResultNameKind: number;
  readonly ResultNamePrefix: string | null;
}

/** The global `Kusto.Language` namespace, as far as it is used here. */
interface KustoLanguage {
  readonly Syntax: { readonly SyntaxKind: Readonly<Record<string, number>> };
  readonly Functions: { readonly All: readonly FunctionSymbol[] };
  readonly Aggregates: { readonly All: readonly FunctionSymbol[] };
  readonly Parsing: { readonly QueryParser: { ParseQuery$1(text: string, options: unknown): ServiceRoot } };
  readonly ParseOptions: { readonly Default: unknown };
}

interface ResultNaming {
  kind: number;
  prefix: string | null;
}

interface Service {
  parse(text: string): ServiceRoot;
  kinds: Kinds;
  roles: Uint8Array;
  /** How the service names an unnamed call's result column, by function name. */
  resultNames: ReadonlyMap<string, ResultNaming>;
}

/** Kusto.Language.Symbols.ResultNameKind, a const enum in the package's typings. */
const RESULT_NAME = {
  NameAndFirstArgument: 1,
  NameAndOnlyArgument: 2,
  PrefixAndFirstArgument: 3,
  PrefixAndOnlyArgument: 4,
  PrefixOnly: 6,
  FirstArgument: 7,
  OnlyArgument: 8,
} as const;

let service: Service | undefined;

/** The language service, loaded on first use: about 0.4 s the first time, free afterwards. */
function loadService(): Service {
  if (service) return service;
  const scope = globalThis as { Kusto?: unknown };
  // The Bridge.NET build registers itself as globals (Bridge, System, Kusto) rather than exporting.
  if (!scope.Kusto) {
    requireService('bridge.min.js');
    requireService('Kusto.Language.Bridge.min.js');
  }
  const language = (scope.Kusto as { Language: KustoLanguage }).Language;
  const syntaxKind = language.Syntax.SyntaxKind;
  const kinds = Object.fromEntries(KIND_NAMES.map((name) => [name, syntaxKind[name] as number])) as Kinds;
  const resultNames = new Map<string, ResultNaming>();
  for (const symbol of [...language.Functions.All, ...language.Aggregates.All]) {
    resultNames.set(symbol.Name, { kind: symbol.ResultNameKind, prefix: symbol.ResultNamePrefix });
  }
  const queryParser = language.Parsing.QueryParser;
  const options = language.ParseOptions.Default;
  service = {
    // KustoCode.Parse would also build the grammar used for completion (≈0.45 s cold) that a
    // syntax-only analysis never touches; the query parser alone yields the same tree and diagnostics.
    parse: (text) => queryParser.ParseQuery$1(text, options),
    kinds,
    roles: buildRoles(syntaxKind),
    resultNames,
  };
  return service;
}

/**
 * Requires a file of the service package. Bundled page code may sit where node_modules is out
 * of reach, so the project root (every npm script's working directory) is the fallback.
 */
function requireService(file: string): unknown {
  const id = `${SERVICE_PACKAGE}/${file}`;
  try {
    return requireNearModule(id);
  } catch {
    return requireNearProject(id);
  }
}

/** Loads the language service now, so the first analysis is not the one that pays for it. */
export function warmUpKqlAnalyzer(): void {
  loadService();
}

/** What a `let` statement, function parameter or `as` operator binds a name to. */
interface Binding {
  /** The bound expression; undefined for parameters and `as` names. */
  expression?: Syntax;
  rendered?: string;
  values?: string[];
  resolving?: boolean;
}

type Scope = Map<string, Binding>;

interface Walk {
  readonly kinds: Kinds;
  readonly roles: Uint8Array;
  readonly resultNames: ReadonlyMap<string, ResultNaming>;
  /** Innermost last; a function declaration opens one for its parameters and body. */
  readonly scopes: Scope[];
  readonly tables: Set<string>;
  readonly indicators: KqlIndicator[];
  readonly indicatorKeys: Set<string>;
  filterDepth: number;
  timeWindow?: string;
  usesTimestamp: boolean;
  usesTimeGenerated: boolean;
}

/**
 * Parses a KQL query and reports what it does, from the syntax tree alone.
 * @example analyzeKql(`DeviceNetworkEvents | where Timestamp > ago(7d) | where RemoteUrl has 'rustdesk.com'`)
 *   // → { tables: ['DeviceNetworkEvents'], timeWindow: 'ago(7d)',
 *   //     indicators: [{ value: 'rustdesk.com', kind: 'domain', column: 'RemoteUrl' }], … }
 */
export function analyzeKql(query: string): KqlAnalysis {
  const { parse, kinds, roles, resultNames } = loadService();
  const root = parse(query);
  const walk: Walk = {
    kinds,
    roles,
    resultNames,
    scopes: [new Map()],
    tables: new Set(),
    indicators: [],
    indicatorKeys: new Set(),
    filterDepth: 0,
    usesTimestamp: false,
    usesTimeGenerated: false,
  };
  const diagnostics = readDiagnostics(root, query);
  try {
    visitTree(root, walk);
    const analysis: KqlAnalysis = {
      diagnostics,
      tables: [...walk.tables].sort(),
      outputColumns: finalColumns(root, walk),
      indicators: walk.indicators,
      usesTimestamp: walk.usesTimestamp,
      usesTimeGenerated: walk.usesTimeGenerated,
    };
    if (walk.timeWindow !== undefined) analysis.timeWindow = walk.timeWindow;
    return analysis;
  } catch (error) {
    // A query shape the walk cannot handle must not stop the build: keep the syntax check
    // and say the rest is missing, so the page does not claim facts it could not establish.
    return {
      diagnostics,
      tables: [],
      outputColumns: [],
      indicators: [],
      usesTimestamp: false,
      usesTimeGenerated: false,
      incomplete: error instanceof Error ? error.message : String(error),
    };
  }
}

/**
 * Sorts a compared literal into the kind of indicator it is, by the column first and the value second.
 * @example classifyIndicator('RemoteUrl', 'app.pdq.com') // → 'domain'
 * @example classifyIndicator('ProcessCommandLine', 'rustdesk.exe') // → 'process'
 */
export function classifyIndicator(column: string | undefined, value: string): KqlIndicatorKind {
  if (column) {
    if (PRODUCT_COLUMN_RE.test(column)) return 'product';
    if (SIGNER_COLUMN_RE.test(column)) return 'signer';
    if (PROCESS_COLUMN_RE.test(column)) return 'process';
    if (PATH_COLUMN_RE.test(column)) return 'path';
    if (DOMAIN_COLUMN_RE.test(column)) {
      if (HOST_NAME_RE.test(value)) return 'domain';
      return isIpAddress(value) ? 'ip' : 'other';
    }
    // Prefixes such as `startswith '10.'` only count where the column says they are addresses.
    if (IP_COLUMN_RE.test(column)) return isIpAddress(value) || IP_PREFIX_RE.test(value) ? 'ip' : 'other';
  }
  if (isIpAddress(value)) return 'ip';
  if (EXE_RE.test(value)) return 'process';
  return 'other';
}

function isIpAddress(value: string): boolean {
  return IPV4_RE.test(value) || IPV6_RE.test(value);
}

/** Maps the service's syntax diagnostics, placed by character offset, to lines and columns. */
function readDiagnostics(root: ServiceRoot, query: string): KqlDiagnostic[] {
  if (!root.ContainsSyntaxDiagnostics) return [];
  const found = toArray(root.GetContainedSyntaxDiagnostics());
  const lineStarts = findLineStarts(query);
  const diagnostics: KqlDiagnostic[] = [];
  for (const diagnostic of found) {
    const { line, column } = toLineColumn(lineStarts, diagnostic.Start);
    diagnostics.push({
      code: diagnostic.Code ?? '',
      message: diagnostic.Message ?? '',
      severity: diagnostic.Severity === 'Error' ? 'error' : 'warning',
      line,
      column,
    });
  }
  return diagnostics;
}

function toArray<T>(list: ServiceList<T>): readonly T[] {
  if (Array.isArray(list)) return list;
  const collection = list as { readonly Count: number; getItem(index: number): T };
  return Array.from({ length: collection.Count }, (_, index) => collection.getItem(index));
}

/** Offsets where each line starts; CRLF, LF and lone CR all end a line. */
function findLineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(LINE_BREAK_RE)) starts.push((match.index ?? 0) + match[0].length);
  return starts;
}

function toLineColumn(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

/** What the walk does at a node, looked up by syntax kind so most nodes cost one array read. */
const ROLE_NONE = 0;
const ROLE_TABLE_OPERAND = 1;
const ROLE_LET = 2;
const ROLE_OPERAND_LIST = 3;
const ROLE_CALL = 4;
const ROLE_PATH = 5;
const ROLE_NAME_REFERENCE = 6;
const ROLE_FILTER = 7;
const ROLE_FUNCTION = 8;
const ROLE_PARAMETER = 9;
const ROLE_TIME_COMPARISON = 10;
const ROLE_MATCH = 11;
const ROLE_AS = 12;
/** Literals and declarations hold nothing the walk looks for. */
const ROLE_LEAF = 13;

const ROLE_KINDS: readonly (readonly [number, readonly string[]])[] = [
  [
    ROLE_TABLE_OPERAND,
    [
      'PipeExpression',
      'JoinOperator',
      'LookupOperator',
      'MaterializeExpression',
      'ToScalarExpression',
      'ToTableExpression',
      'ExpressionStatement',
      'FunctionBody',
    ],
  ],
  [ROLE_LET, ['LetStatement']],
  [ROLE_OPERAND_LIST, ['UnionOperator', 'FindInClause']],
  [ROLE_CALL, ['FunctionCallExpression']],
  [ROLE_PATH, ['PathExpression']],
  [ROLE_NAME_REFERENCE, ['NameReference']],
  [ROLE_FILTER, ['FilterOperator']],
  [ROLE_FUNCTION, ['FunctionDeclaration']],
  [ROLE_PARAMETER, ['FunctionParameter']],
  [
    ROLE_TIME_COMPARISON,
    [
      'BetweenExpression',
      'GreaterThanExpression',
      'GreaterThanOrEqualExpression',
      'LessThanExpression',
      'LessThanOrEqualExpression',
    ],
  ],
  [
    ROLE_MATCH,
    [
      'EqualExpression',
      'EqualTildeExpression',
      'HasExpression',
      'HasCsExpression',
      'HasPrefixExpression',
      'HasPrefixCsExpression',
      'HasSuffixExpression',
      'HasSuffixCsExpression',
      'ContainsExpression',
      'ContainsCsExpression',
      'StartsWithExpression',
      'StartsWithCsExpression',
      'EndsWithExpression',
      'EndsWithCsExpression',
      'InExpression',
      'InCsExpression',
      'HasAnyExpression',
      'HasAllExpression',
    ],
  ],
  [ROLE_AS, ['AsOperator']],
  [
    ROLE_LEAF,
    [
      'BooleanLiteralExpression',
      'IntLiteralExpression',
      'LongLiteralExpression',
      'RealLiteralExpression',
      'DecimalLiteralExpression',
      'DateTimeLiteralExpression',
      'TimespanLiteralExpression',
      'GuidLiteralExpression',
      'StringLiteralExpression',
      'NullLiteralExpression',
      'TokenLiteralExpression',
      'CompoundStringLiteralExpression',
      'NameDeclaration',
      'PrimitiveTypeExpression',
    ],
  ],
];

/** A table from syntax kind number to walk role. */
function buildRoles(syntaxKind: Readonly<Record<string, number>>): Uint8Array {
  const kindNumbers = Object.values(syntaxKind).filter((value) => typeof value === 'number');
  const roles = new Uint8Array(Math.max(...kindNumbers) + 1);
  for (const [role, names] of ROLE_KINDS) {
    for (const name of names) {
      const kind = syntaxKind[name];
      if (kind !== undefined) roles[kind] = role;
    }
  }
  return roles;
}

/** A node still to visit, or what to do once a node's subtree has been visited. */
type Pending = Syntax | (() => void);

/**
 * The single pass over the tree: tables, bindings, time window, indicators and time columns.
 * An explicit stack instead of recursion: a chain of thousands of `or` clauses nests as deep.
 */
function visitTree(root: Syntax, walk: Walk): void {
  const pending: Pending[] = [root];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    if (typeof item === 'function') item();
    else visit(item, walk, pending);
  }
}

function visit(node: Syntax, walk: Walk, pending: Pending[]): void {
  switch (walk.roles[node.Kind] ?? ROLE_NONE) {
    case ROLE_LEAF:
      return;
    case ROLE_TABLE_OPERAND:
      noteTableOperand(node.Expression, walk);
      break;
    case ROLE_LET: {
      noteTableOperand(node.Expression, walk);
      const name = node.Name?.SimpleName;
      const expression = node.Expression ?? undefined;
      // Bound only after its own definition, so `let X = X | where …` still reads table X.
      pending.push(() => bindName(name, { expression }, walk));
      break;
    }
    case ROLE_AS:
      bindName(node.Name?.SimpleName, {}, walk, 0);
      break;
    case ROLE_OPERAND_LIST:
      for (const operand of listItems(node.Expressions, walk.kinds)) noteTableOperand(operand, walk);
      break;
    case ROLE_CALL:
      noteTableFunction(node, walk);
      // The callee's name is not a column; only the arguments are walked.
      if (node.ArgumentList) pending.push(node.ArgumentList);
      return;
    case ROLE_PATH:
      noteDatabaseTable(node, walk);
      break;
    case ROLE_NAME_REFERENCE:
      noteTimeColumn(node, walk);
      return;
    case ROLE_FILTER:
      walk.filterDepth++;
      pending.push(() => {
        walk.filterDepth--;
      });
      break;
    case ROLE_FUNCTION:
      walk.scopes.push(new Map());
      pending.push(() => {
        walk.scopes.pop();
      });
      break;
    case ROLE_PARAMETER:
      bindName(node.NameAndType?.Name?.SimpleName, {}, walk);
      return;
    case ROLE_TIME_COMPARISON:
      if (walk.filterDepth > 0 && walk.timeWindow === undefined) noteTimeWindow(node, walk);
      break;
    case ROLE_MATCH:
      noteIndicators(node, walk);
      break;
  }
  // Last child first, so the stack hands them back in source order.
  for (let index = node.ChildCount - 1; index >= 0; index--) {
    const child = node.GetChild(index);
    if (child && !child.IsToken) pending.push(child);
  }
}

/** The elements of a syntax list, unwrapped from their comma separators; placeholders for missing ones are dropped. */
function listItems(list: Syntax | null | undefined, kinds: Kinds): Syntax[] {
  const items: Syntax[] = [];
  if (!list) return items;
  for (let index = 0; index < list.ChildCount; index++) {
    const child = list.GetChild(index);
    const item = child && child.Kind === kinds.SeparatedElement ? child.GetChild(0) : child;
    if (item && !item.IsToken && !item.IsMissing) items.push(item);
  }
  return items;
}

function bindName(
  name: string | null | undefined,
  binding: Binding,
  walk: Walk,
  scopeIndex = walk.scopes.length - 1,
): void {
  if (name) walk.scopes[scopeIndex]?.set(name, binding);
}

function findBinding(name: string | null | undefined, walk: Walk): Binding | undefined {
  if (!name) return undefined;
  for (let index = walk.scopes.length - 1; index >= 0; index--) {
    const binding = walk.scopes[index]?.get(name);
    if (binding) return binding;
  }
  return undefined;
}

/** A table in a position that reads one: left of a pipe, a union or join operand, a bare statement. */
function noteTableOperand(operand: Syntax | null | undefined, walk: Walk): void {
  const { kinds } = walk;
  let expression = operand;
  while (expression && expression.Kind === kinds.ParenthesizedExpression) expression = expression.Expression;
  if (!expression || expression.Kind !== kinds.NameReference) return;
  const name = expression.SimpleName;
  if (name && !findBinding(name, walk)) walk.tables.add(name);
}

/** `table('SecurityEvent')` and its kin name a table in a string, possibly held by a `let`. */
function noteTableFunction(call: Syntax, walk: Walk): void {
  if (!TABLE_FUNCTIONS.has(call.Name?.SimpleName ?? '')) return;
  const [argument] = listItems(call.ArgumentList?.Expressions, walk.kinds);
  const [name] = argument ? readLiteralValues(argument, walk, 0) : [];
  if (name) walk.tables.add(name);
}

/** `database('x').SigninLogs` and `cluster('c').database('d').SigninLogs`. */
function noteDatabaseTable(path: Syntax, walk: Walk): void {
  const { kinds } = walk;
  const scope = path.Expression;
  const call = scope?.Kind === kinds.PathExpression ? scope.Selector : scope;
  if (call?.Kind !== kinds.FunctionCallExpression || call.Name?.SimpleName !== 'database') return;
  const selector = path.Selector;
  if (selector?.Kind === kinds.NameReference && selector.SimpleName) walk.tables.add(selector.SimpleName);
}

function noteTimeColumn(reference: Syntax, walk: Walk): void {
  const name = reference.SimpleName;
  if (name !== 'Timestamp' && name !== 'TimeGenerated') return;
  if (findBinding(name, walk)) return;
  if (name === 'Timestamp') walk.usesTimestamp = true;
  else walk.usesTimeGenerated = true;
}

/**
 * A lower bound or range on a time column inside `where`: `Timestamp > ago(7d)`,
 * `ago(7d) < Timestamp`, `TimeGenerated between (start .. end)`. Upper bounds alone
 * (`Timestamp < ago(1d)`) say how old, not how far back, so they are not windows.
 */
function noteTimeWindow(comparison: Syntax, walk: Walk): void {
  const { kinds } = walk;
  let column: Syntax | null | undefined;
  let window: string;
  if (comparison.Kind === kinds.BetweenExpression) {
    const range = comparison.Right;
    if (!range?.First || !range.Second) return;
    column = comparison.Left;
    window = `${renderExpression(range.First, walk, 0)} .. ${renderExpression(range.Second, walk, 0)}`;
  } else {
    const columnOnLeft =
      comparison.Kind === kinds.GreaterThanExpression || comparison.Kind === kinds.GreaterThanOrEqualExpression;
    column = columnOnLeft ? comparison.Left : comparison.Right;
    const bound = columnOnLeft ? comparison.Right : comparison.Left;
    if (!bound || findColumnName(bound, walk) !== undefined) return;
    window = renderExpression(bound, walk, 0);
  }
  const columnName = column ? findColumnName(column, walk) : undefined;
  if (columnName === undefined) return;
  if (TEMPORAL_VALUE_RE.test(window) || TIME_COLUMN_RE.test(columnName)) walk.timeWindow = window;
}

/**
 * The expression's text with whitespace and comments collapsed to single spaces and
 * scalar `let` names replaced by their values, so `between (Time_start..Time_end)` reads `now(-5d)`.
 */
function renderExpression(expression: Syntax, walk: Walk, depth: number): string {
  const parts: string[] = [];
  renderInto(expression, walk, depth, parts);
  return parts.join('').trim();
}

function renderInto(element: Syntax, walk: Walk, depth: number, parts: string[]): void {
  if (element.IsToken) {
    if (!element.Text) return;
    if (element.Trivia && parts.length > 0) parts.push(' ');
    parts.push(element.Text);
    return;
  }
  if (element.Kind === walk.kinds.NameReference) {
    const value = resolveScalar(element.SimpleName, walk, depth);
    if (value !== undefined) {
      if (element.TriviaWidth > 0 && parts.length > 0) parts.push(' ');
      parts.push(value);
      return;
    }
  }
  for (let index = 0; index < element.ChildCount; index++) {
    const child = element.GetChild(index);
    if (child) renderInto(child, walk, depth, parts);
  }
}

/** The rendered value of a scalar `let`, computed once per binding. */
function resolveScalar(name: string | null | undefined, walk: Walk, depth: number): string | undefined {
  const binding = findBinding(name, walk);
  const expression = binding?.expression;
  if (!binding || !expression || expression.Kind === walk.kinds.FunctionDeclaration) return undefined;
  if (binding.rendered === undefined) {
    if (binding.resolving || depth >= MAX_RESOLVE_DEPTH) return undefined;
    binding.resolving = true;
    binding.rendered = renderExpression(expression, walk, depth + 1);
    binding.resolving = false;
  }
  return binding.rendered;
}

/** Literals compared with a column: `RemoteUrl has 'x'`, `FileName in~ (list)`, `'x' == FileName`. */
function noteIndicators(comparison: Syntax, walk: Walk): void {
  let column = comparison.Left ? findColumnName(comparison.Left, walk) : undefined;
  let valueSide = comparison.Right;
  const symmetric =
    comparison.Kind === walk.kinds.EqualExpression || comparison.Kind === walk.kinds.EqualTildeExpression;
  if (column === undefined && symmetric && comparison.Right) {
    column = findColumnName(comparison.Right, walk);
    valueSide = comparison.Left;
  }
  if (column === undefined || !valueSide) return;
  for (const value of readLiteralValues(valueSide, walk, 0)) {
    const kind = classifyIndicator(column, value);
    const key = `${kind}\0${value}`;
    if (walk.indicatorKeys.has(key)) continue;
    walk.indicatorKeys.add(key);
    walk.indicators.push({ value, kind, column });
  }
}

/**
 * The column an expression reads: `RemoteUrl`, `tolower(RemoteUrl)`, `parse_url(Url).Host`,
 * `AdditionalFields['FileName']`. Undefined for literals and for names bound by `let`.
 */
function findColumnName(expression: Syntax, walk: Walk): string | undefined {
  const { kinds } = walk;
  switch (expression.Kind) {
    case kinds.NameReference:
      return expression.SimpleName && !findBinding(expression.SimpleName, walk) ? expression.SimpleName : undefined;
    case kinds.ParenthesizedExpression:
      return expression.Expression ? findColumnName(expression.Expression, walk) : undefined;
    case kinds.PathExpression:
      return expression.Selector?.SimpleName ?? undefined;
    case kinds.ElementExpression: {
      const [key] = expression.Selector ? readLiteralValues(expression.Selector, walk, 0) : [];
      return key ?? (expression.Expression ? findColumnName(expression.Expression, walk) : undefined);
    }
    case kinds.FunctionCallExpression: {
      const [first] = listItems(expression.ArgumentList?.Expressions, kinds);
      return first ? findColumnName(first, walk) : undefined;
    }
    default:
      return undefined;
  }
}

/** String values written as literals, lists, `dynamic([...])`, `datatable` rows or `let` names for them. */
function readLiteralValues(expression: Syntax, walk: Walk, depth: number): string[] {
  const { kinds } = walk;
  switch (expression.Kind) {
    case kinds.StringLiteralExpression: {
      const value = expression.Token?.ValueText;
      return value ? [value] : [];
    }
    case kinds.CompoundStringLiteralExpression: {
      const tokens = expression.Tokens;
      let value = '';
      for (let index = 0; tokens && index < tokens.ChildCount; index++)
        value += tokens.GetChild(index)?.ValueText ?? '';
      return value ? [value] : [];
    }
    case kinds.ParenthesizedExpression:
    case kinds.DynamicExpression:
    case kinds.BracketedExpression:
      return expression.Expression ? readLiteralValues(expression.Expression, walk, depth) : [];
    case kinds.ExpressionList:
      return listItems(expression.Expressions, kinds).flatMap((item) => readLiteralValues(item, walk, depth));
    case kinds.JsonArrayExpression:
    case kinds.DataTableExpression:
      return listItems(expression.Values, kinds).flatMap((item) => readLiteralValues(item, walk, depth));
    case kinds.FunctionCallExpression:
      if (expression.Name?.SimpleName !== 'pack_array') return [];
      return listItems(expression.ArgumentList?.Expressions, kinds).flatMap((item) =>
        readLiteralValues(item, walk, depth),
      );
    case kinds.NameReference:
      return readBoundValues(expression.SimpleName, walk, depth);
    default:
      return [];
  }
}

function readBoundValues(name: string | null | undefined, walk: Walk, depth: number): string[] {
  const binding = findBinding(name, walk);
  if (!binding?.expression) return [];
  if (binding.values === undefined) {
    if (binding.resolving || depth >= MAX_RESOLVE_DEPTH) return [];
    binding.resolving = true;
    binding.values = readLiteralValues(binding.expression, walk, depth + 1);
    binding.resolving = false;
  }
  return binding.values;
}

/** Output columns of the last query statement, following `let` names to their definitions. */
function finalColumns(root: Syntax, walk: Walk): string[] {
  let last: Syntax | undefined;
  for (const statement of listItems(root.Statements, walk.kinds)) {
    if (statement.Kind === walk.kinds.ExpressionStatement) last = statement;
  }
  const expression = last?.Expression;
  if (!expression) return [];
  const columns = columnsOf(expression, walk, 0);
  return columns.length === 1 && columns[0] === SOURCE_COLUMNS ? [] : columns;
}

/** Columns of a tabular expression; `SOURCE_COLUMNS` marks where unknown table columns sit. */
function columnsOf(expression: Syntax, walk: Walk, depth: number): string[] {
  const { kinds } = walk;
  switch (expression.Kind) {
    case kinds.ParenthesizedExpression:
    case kinds.MaterializeExpression:
      return expression.Expression ? columnsOf(expression.Expression, walk, depth) : [SOURCE_COLUMNS];
    case kinds.PipeExpression: {
      // A long query is a long left-nested pipe chain: walk it in a loop, not by recursion.
      const operators: Syntax[] = [];
      let source: Syntax | undefined = expression;
      while (source?.Kind === kinds.PipeExpression) {
        if (source.Operator) operators.push(source.Operator);
        source = source.Expression ?? undefined;
      }
      let columns = source ? columnsOf(source, walk, depth) : [SOURCE_COLUMNS];
      for (const operator of operators.reverse()) columns = applyOperator(columns, operator, walk, depth);
      return columns;
    }
    case kinds.NameReference: {
      const binding = findBinding(expression.SimpleName, walk);
      if (!binding?.expression || binding.resolving || depth >= MAX_RESOLVE_DEPTH) return [SOURCE_COLUMNS];
      binding.resolving = true;
      const columns = columnsOf(binding.expression, walk, depth + 1);
      binding.resolving = false;
      return columns;
    }
    case kinds.UnionOperator:
      return unionColumns([], expression, walk, depth);
    case kinds.DataTableExpression:
    case kinds.ExternalDataExpression:
      return listItems(expression.Schema?.Columns, kinds).map((column) => column.Name?.SimpleName ?? '');
    case kinds.RangeOperator:
      return [expression.Name?.SimpleName ?? ''];
    default:
      return [SOURCE_COLUMNS];
  }
}

/** How one pipe operator reshapes the columns flowing into it. */
function applyOperator(input: string[], operator: Syntax, walk: Walk, depth: number): string[] {
  const { kinds } = walk;
  switch (operator.Kind) {
    case kinds.FilterOperator:
    case kinds.TakeOperator:
    case kinds.SortOperator:
    case kinds.TopOperator:
    case kinds.SampleOperator:
    case kinds.AsOperator:
    case kinds.RenderOperator:
    case kinds.ExecuteAndCacheOperator:
      return input;
    case kinds.ExtendOperator:
    case kinds.SerializeOperator:
      return extendColumns(input, listItems(operator.Expressions, kinds), walk);
    case kinds.ProjectOperator:
      return extendColumns([], listItems(operator.Expressions, kinds), walk);
    case kinds.ProjectAwayOperator: {
      const patterns = listItems(operator.Expressions, kinds).map((item) => toNamePattern(item.SimpleName));
      return input.filter((column) => column === SOURCE_COLUMNS || !patterns.some((pattern) => pattern.test(column)));
    }
    case kinds.ProjectKeepOperator:
      return keepColumns(
        input,
        listItems(operator.Expressions, kinds).map((item) => item.SimpleName ?? ''),
      );
    case kinds.ProjectRenameOperator:
      return renameColumns(input, listItems(operator.Expressions, kinds), kinds);
    case kinds.ProjectReorderOperator: {
      const first = listItems(operator.Expressions, kinds)
        .map((item) => item.SimpleName ?? '')
        .filter((name) => input.includes(name));
      return [...first, ...input.filter((column) => !first.includes(column))];
    }
    case kinds.SummarizeOperator:
      return summarizeColumns(
        listItems(operator.ByClause?.Expressions, kinds),
        listItems(operator.Aggregates, kinds),
        [],
        walk,
      );
    case kinds.MakeSeriesOperator: {
      const aggregates = listItems(operator.Aggregates, kinds).flatMap((item) =>
        item.Expression ? [item.Expression] : [],
      );
      const axis = operator.OnClause?.Expression ? [resultNameOf(operator.OnClause.Expression, walk) ?? ''] : [];
      return summarizeColumns(listItems(operator.ByClause?.Expressions, kinds), aggregates, axis, walk);
    }
    case kinds.DistinctOperator: {
      const items = listItems(operator.Expressions, kinds);
      if (items.some((item) => item.Kind === kinds.StarExpression)) return input;
      return extendColumns([], items, walk);
    }
    case kinds.CountOperator:
      return [operator.AsIdentifier?.Identifier?.Text ?? 'Count'];
    case kinds.MvExpandOperator:
      return extendColumns(
        input,
        listItems(operator.Expressions, kinds).flatMap((item) => namedOnly(item.Expression, kinds)),
        walk,
      );
    case kinds.ParseOperator:
    case kinds.ParseWhereOperator:
      return appendUnique(input, declaredNames(operator.Patterns, kinds));
    case kinds.JoinOperator:
      return joinColumns(input, operator, walk, depth);
    case kinds.LookupOperator:
      return lookupColumns(input, operator, walk, depth);
    case kinds.UnionOperator:
      return unionColumns(input, operator, walk, depth);
    case kinds.GetSchemaOperator:
      return ['ColumnName', 'ColumnOrdinal', 'DataType', 'ColumnType'];
    default:
      return [SOURCE_COLUMNS];
  }
}

/** `extend`/`project` semantics: named or nameable expressions replace or append columns. */
function extendColumns(input: string[], items: readonly Syntax[], walk: Walk): string[] {
  const columns = [...input];
  let unnamed = 0;
  for (const item of items) {
    let name = resultNameOf(item, walk);
    if (!name) {
      do name = `Column${++unnamed}`;
      while (columns.includes(name));
    }
    if (!columns.includes(name)) columns.push(name);
  }
  return columns;
}

/** Only `name = expression` items; bare names expand in place and add nothing. */
function namedOnly(expression: Syntax | null | undefined, kinds: Kinds): Syntax[] {
  return expression?.Kind === kinds.SimpleNamedExpression ? [expression] : [];
}

/** Group-by columns first, then aggregates (then a make-series axis), renaming clashes as Kusto does. */
function summarizeColumns(
  by: readonly Syntax[],
  aggregates: readonly Syntax[],
  axis: readonly string[],
  walk: Walk,
): string[] {
  const columns: string[] = [];
  let unnamed = 0;
  const add = (name: string | undefined) => {
    if (name === SOURCE_COLUMNS) {
      if (!columns.includes(SOURCE_COLUMNS)) columns.push(SOURCE_COLUMNS);
      return;
    }
    let unique = name || `Column${++unnamed}`;
    for (let suffix = 1; columns.includes(unique); suffix++) unique = `${name || 'Column'}${suffix}`;
    columns.push(unique);
  };
  for (const item of by) add(resultNameOf(item, walk));
  for (const item of aggregates) for (const name of aggregateNames(item, walk)) add(name);
  for (const name of axis) add(name);
  return columns;
}

/** `arg_max(Timestamp, *)` yields its arguments; `(a, b) = arg_max(…)` names them; others yield one column. */
function aggregateNames(aggregate: Syntax, walk: Walk): (string | undefined)[] {
  const { kinds } = walk;
  if (aggregate.Kind === kinds.CompoundNamedExpression) {
    return listItems(aggregate.Names?.Names, kinds).map((name) => name.SimpleName ?? undefined);
  }
  if (aggregate.Kind === kinds.FunctionCallExpression && ROW_AGGREGATES.has(aggregate.Name?.SimpleName ?? '')) {
    const argumentsList = listItems(aggregate.ArgumentList?.Expressions, kinds);
    if (argumentsList.length > 1 || argumentsList[0]?.Kind === kinds.StarExpression) {
      return argumentsList.map((argument) =>
        argument.Kind === kinds.StarExpression ? SOURCE_COLUMNS : resultNameOf(argument, walk),
      );
    }
  }
  return [resultNameOf(aggregate, walk)];
}

/**
 * The column name Kusto gives an expression's result, after Kusto.Language's binder
 * (GetExpressionResultName), minus what needs types: paths always join as `Left_Right`.
 */
function resultNameOf(expression: Syntax, walk: Walk): string | undefined {
  const { kinds } = walk;
  switch (expression.Kind) {
    case kinds.NameReference:
      return expression.SimpleName ?? undefined;
    case kinds.SimpleNamedExpression:
      return expression.Name?.SimpleName ?? undefined;
    case kinds.ParenthesizedExpression:
    case kinds.OrderedExpression:
      return expression.Expression ? resultNameOf(expression.Expression, walk) : undefined;
    case kinds.BracketedExpression:
      return expression.Expression ? readLiteralValues(expression.Expression, walk, 0)[0] : undefined;
    case kinds.PathExpression:
    case kinds.ElementExpression: {
      const left = expression.Expression ? resultNameOf(expression.Expression, walk) : undefined;
      const right = expression.Selector ? resultNameOf(expression.Selector, walk) : undefined;
      return left ? `${left}_${right ?? ''}` : right;
    }
    case kinds.FunctionCallExpression:
      return functionResultName(expression, walk);
    default:
      return undefined;
  }
}

function functionResultName(call: Syntax, walk: Walk): string | undefined {
  const name = call.Name?.SimpleName ?? '';
  const naming = walk.resultNames.get(name);
  if (!naming) return undefined;
  const argumentsList = listItems(call.ArgumentList?.Expressions, walk.kinds);
  const first = argumentsList[0];
  const firstName = () => (first ? (resultNameOf(first, walk) ?? '') : '');
  let { kind, prefix } = naming;
  if (kind === RESULT_NAME.NameAndFirstArgument || kind === RESULT_NAME.NameAndOnlyArgument) {
    prefix = name;
    kind =
      kind === RESULT_NAME.NameAndFirstArgument
        ? RESULT_NAME.PrefixAndFirstArgument
        : RESULT_NAME.PrefixAndOnlyArgument;
  }
  switch (kind) {
    case RESULT_NAME.PrefixAndFirstArgument:
      if (first) return prefix !== null ? `${prefix}_${firstName()}` : firstName();
      return prefix !== null ? `${prefix}_` : undefined;
    case RESULT_NAME.PrefixAndOnlyArgument:
      if (argumentsList.length !== 1) return undefined;
      return prefix !== null ? `${prefix}_${firstName()}` : firstName();
    case RESULT_NAME.PrefixOnly:
      return prefix ?? undefined;
    case RESULT_NAME.FirstArgument:
      return first ? firstName() || undefined : undefined;
    case RESULT_NAME.OnlyArgument:
      return argumentsList.length === 1 ? firstName() || undefined : undefined;
    default:
      return undefined;
  }
}

/** A project-away/keep pattern: `Dev*` matches every column starting with `Dev`. */
function toNamePattern(name: string | null | undefined): RegExp {
  const escaped = (name ?? '').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

function keepColumns(input: string[], names: readonly string[]): string[] {
  const patterns = names.map(toNamePattern);
  const kept = input.filter((column) => column !== SOURCE_COLUMNS && patterns.some((pattern) => pattern.test(column)));
  if (!input.includes(SOURCE_COLUMNS)) return kept;
  // Names the schema would supply: plain ones are certain, wildcards may match unknown columns.
  const certain = names.filter((name) => !name.includes('*') && !kept.includes(name));
  return [...kept, ...certain, ...(names.some((name) => name.includes('*')) ? [SOURCE_COLUMNS] : [])];
}

function renameColumns(input: string[], items: readonly Syntax[], kinds: Kinds): string[] {
  const columns = [...input];
  for (const item of items) {
    if (item.Kind !== kinds.SimpleNamedExpression) continue;
    const to = item.Name?.SimpleName;
    const from = item.Expression?.SimpleName;
    if (!to || !from) continue;
    const at = columns.indexOf(from);
    if (at >= 0) columns[at] = to;
    else {
      const source = columns.indexOf(SOURCE_COLUMNS);
      columns.splice(source >= 0 ? source : columns.length, 0, to);
    }
  }
  return columns;
}

/** Names a `parse` pattern declares, typed (`Name:string`) or not. */
function declaredNames(patterns: Syntax | null | undefined, kinds: Kinds): string[] {
  const names: string[] = [];
  for (const item of listItems(patterns, kinds)) {
    if (item.Kind === kinds.NameAndTypeDeclaration && item.Name?.SimpleName) names.push(item.Name.SimpleName);
    else if (item.Kind === kinds.NameDeclaration && item.SimpleName) names.push(item.SimpleName);
  }
  return names;
}

function appendUnique(input: readonly string[], names: readonly string[]): string[] {
  return [...input, ...names.filter((name, index) => !input.includes(name) && names.indexOf(name) === index)];
}

/** Right-side columns that clash with left ones get a numeric suffix, as in `DeviceId1`. */
function mergeColumns(left: readonly string[], right: readonly string[]): string[] {
  const columns = [...left];
  for (const column of right) {
    if (column === SOURCE_COLUMNS) {
      if (!columns.includes(SOURCE_COLUMNS)) columns.push(SOURCE_COLUMNS);
      continue;
    }
    let unique = column;
    for (let suffix = 1; columns.includes(unique); suffix++) unique = `${column}${suffix}`;
    columns.push(unique);
  }
  return columns;
}

function joinColumns(left: string[], join: Syntax, walk: Walk, depth: number): string[] {
  const right = join.Expression ? columnsOf(join.Expression, walk, depth) : [SOURCE_COLUMNS];
  const kind = readParameter(join.Parameters, 'kind', walk.kinds) ?? 'innerunique';
  if (SEMI_JOIN_LEFT_RE.test(kind)) return left;
  if (SEMI_JOIN_RIGHT_RE.test(kind)) return right;
  return mergeColumns(left, right);
}

/** `lookup` keeps one copy of the key columns. */
function lookupColumns(left: string[], lookup: Syntax, walk: Walk, depth: number): string[] {
  const { kinds } = walk;
  const right = lookup.Expression ? columnsOf(lookup.Expression, walk, depth) : [SOURCE_COLUMNS];
  const keys = new Set<string>();
  for (const condition of listItems(lookup.LookupClause?.Expressions, kinds)) {
    if (condition.Kind === kinds.NameReference && condition.SimpleName) keys.add(condition.SimpleName);
    else if (condition.Kind === kinds.EqualExpression) {
      for (const side of [condition.Left, condition.Right]) {
        if (
          side?.Kind === kinds.PathExpression &&
          side.Expression?.SimpleName === '$right' &&
          side.Selector?.SimpleName
        ) {
          keys.add(side.Selector.SimpleName);
        }
      }
    }
  }
  return mergeColumns(
    left,
    right.filter((column) => !keys.has(column)),
  );
}

/** All operands' columns by first appearance, `withsource=` first. */
function unionColumns(input: string[], union: Syntax, walk: Walk, depth: number): string[] {
  const { kinds } = walk;
  const source = readParameter(union.Parameters, 'withsource', kinds);
  let columns = source ? [source] : [];
  const operands = listItems(union.Expressions, kinds).map((operand) => columnsOf(operand, walk, depth));
  for (const operand of input.length > 0 ? [input, ...operands] : operands) columns = appendUnique(columns, operand);
  return columns;
}

/** The text of a `name=value` operator parameter such as `kind=inner` or `withsource=T`. */
function readParameter(parameters: Syntax | null | undefined, name: string, kinds: Kinds): string | undefined {
  for (const parameter of listItems(parameters, kinds)) {
    if (parameter.Name?.SimpleName !== name) continue;
    const value = parameter.Expression;
    if (!value) return undefined;
    return value.SimpleName ?? value.Token?.Text ?? value.Token?.ValueText ?? undefined;
  }
  return undefined;
}
