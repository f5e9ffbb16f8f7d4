/**
 * The single pass over a query's syntax tree: the tables it reads, the names it binds, its
 * first time window, the literal values it compares with columns and the time columns it uses.
 */
import type { KqlIndicator } from './analysis.ts';
import { classifyIndicator } from './indicators.ts';
import { listItems, type Syntax } from './kusto-syntax.ts';
import { readLiteralValues } from './literal-values.ts';
import { bindName, findBinding, MAX_RESOLVE_DEPTH, type QueryContext } from './query-context.ts';

const TEMPORAL_VALUE_RE =
  /\b(?:ago|now|datetime|todatetime|startof\w+|endof\w+|datetime_add|unixtime_\w+_todatetime)\s*\(/;
const TIME_COLUMN_RE = /^(?:Timestamp|TimeGenerated)$|(?:Time|Date|DateTime|Timestamp)(?:Utc)?$/;

/** Functions whose single string argument names a table. */
const TABLE_FUNCTIONS = new Set(['table', 'external_table', 'materialized_view']);

/** What the walk found: everything but the output columns, which follow from the bindings it left. */
export interface TreeFacts {
  /** Sorted and unique. */
  tables: string[];
  indicators: KqlIndicator[];
  timeWindow?: string;
  usesTimestamp: boolean;
  usesTimeGenerated: boolean;
}

interface Walk extends QueryContext {
  readonly roles: Uint8Array;
  readonly tables: Set<string>;
  readonly indicators: KqlIndicator[];
  readonly indicatorKeys: Set<string>;
  filterDepth: number;
  timeWindow?: string;
  usesTimestamp: boolean;
  usesTimeGenerated: boolean;
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

/** Role tables by the service's syntax-kind table: built once, the kind numbers never change. */
const rolesBySyntaxKinds = new WeakMap<Readonly<Record<string, number>>, Uint8Array>();

/**
 * Walks the whole tree once, binding the query's `let` names in `context` as it goes, so that
 * the output columns can follow them afterwards.
 * @example walkTree(service.parse('SigninLogs | where TimeGenerated > ago(7d)'), context, service.syntaxKinds)
 *   // → { tables: ['SigninLogs'], indicators: [], timeWindow: 'ago(7d)', usesTimestamp: false, usesTimeGenerated: true }
 */
export function walkTree(
  root: Syntax,
  context: QueryContext,
  syntaxKinds: Readonly<Record<string, number>>,
): TreeFacts {
  let roles = rolesBySyntaxKinds.get(syntaxKinds);
  if (!roles) {
    roles = buildRoles(syntaxKinds);
    rolesBySyntaxKinds.set(syntaxKinds, roles);
  }
  const walk: Walk = {
    kinds: context.kinds,
    resultNames: context.resultNames,
    scopes: context.scopes,
    roles,
    tables: new Set(),
    indicators: [],
    indicatorKeys: new Set(),
    filterDepth: 0,
    usesTimestamp: false,
    usesTimeGenerated: false,
  };
  visitTree(root, walk);
  const facts: TreeFacts = {
    tables: [...walk.tables].sort(),
    indicators: walk.indicators,
    usesTimestamp: walk.usesTimestamp,
    usesTimeGenerated: walk.usesTimeGenerated,
  };
  if (walk.timeWindow !== undefined) facts.timeWindow = walk.timeWindow;
  return facts;
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
