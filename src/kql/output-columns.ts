/**
 * The columns a query returns, in Kusto's order, worked out from the syntax tree without a
 * schema: `SOURCE_COLUMNS` marks where a table's own, unknown columns sit.
 */
import { type Kinds, listItems, type Syntax } from './kusto-syntax.ts';
import { readLiteralValues } from './literal-values.ts';
import { findBinding, MAX_RESOLVE_DEPTH, type QueryContext } from './query-context.ts';

/** Stands for the source's own columns in `outputColumns`. */
const SOURCE_COLUMNS = '*';
const SEMI_JOIN_LEFT_RE = /^(?:leftsemi|leftanti|anti|leftantisemi)$/i;
const SEMI_JOIN_RIGHT_RE = /^(?:rightsemi|rightanti|rightantisemi)$/i;

/** Aggregates that return their arguments as columns instead of one computed column. */
const ROW_AGGREGATES = new Set(['arg_max', 'arg_min', 'take_any', 'any']);

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

/**
 * Output columns of the last query statement, following `let` names to their definitions; empty
 * when nothing beyond the source's own columns is known.
 * @example readOutputColumns(service.parse('T | summarize count() by User'), context) // → ['User', 'count_']
 */
export function readOutputColumns(root: Syntax, context: QueryContext): string[] {
  let last: Syntax | undefined;
  for (const statement of listItems(root.Statements, context.kinds)) {
    if (statement.Kind === context.kinds.ExpressionStatement) last = statement;
  }
  const expression = last?.Expression;
  if (!expression) return [];
  const columns = columnsOf(expression, context, 0);
  return columns.length === 1 && columns[0] === SOURCE_COLUMNS ? [] : columns;
}

/** Columns of a tabular expression; `SOURCE_COLUMNS` marks where unknown table columns sit. */
function columnsOf(expression: Syntax, context: QueryContext, depth: number): string[] {
  const { kinds } = context;
  switch (expression.Kind) {
    case kinds.ParenthesizedExpression:
    case kinds.MaterializeExpression:
      return expression.Expression ? columnsOf(expression.Expression, context, depth) : [SOURCE_COLUMNS];
    case kinds.PipeExpression: {
      // A long query is a long left-nested pipe chain: context it in a loop, not by recursion.
      const operators: Syntax[] = [];
      let source: Syntax | undefined = expression;
      while (source?.Kind === kinds.PipeExpression) {
        if (source.Operator) operators.push(source.Operator);
        source = source.Expression ?? undefined;
      }
      let columns = source ? columnsOf(source, context, depth) : [SOURCE_COLUMNS];
      for (const operator of operators.reverse()) columns = applyOperator(columns, operator, context, depth);
      return columns;
    }
    case kinds.NameReference: {
      const binding = findBinding(expression.SimpleName, context);
      if (!binding?.expression || binding.resolving || depth >= MAX_RESOLVE_DEPTH) return [SOURCE_COLUMNS];
      binding.resolving = true;
      const columns = columnsOf(binding.expression, context, depth + 1);
      binding.resolving = false;
      return columns;
    }
    case kinds.UnionOperator:
      return unionColumns([], expression, context, depth);
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
function applyOperator(input: string[], operator: Syntax, context: QueryContext, depth: number): string[] {
  const { kinds } = context;
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
      return extendColumns(input, listItems(operator.Expressions, kinds), context);
    case kinds.ProjectOperator:
      return extendColumns([], listItems(operator.Expressions, kinds), context);
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
        context,
      );
    case kinds.MakeSeriesOperator: {
      const aggregates = listItems(operator.Aggregates, kinds).flatMap((item) =>
        item.Expression ? [item.Expression] : [],
      );
      const axis = operator.OnClause?.Expression ? [resultNameOf(operator.OnClause.Expression, context) ?? ''] : [];
      return summarizeColumns(listItems(operator.ByClause?.Expressions, kinds), aggregates, axis, context);
    }
    case kinds.DistinctOperator: {
      const items = listItems(operator.Expressions, kinds);
      if (items.some((item) => item.Kind === kinds.StarExpression)) return input;
      return extendColumns([], items, context);
    }
    case kinds.CountOperator:
      return [operator.AsIdentifier?.Identifier?.Text ?? 'Count'];
    case kinds.MvExpandOperator:
      return extendColumns(
        input,
        listItems(operator.Expressions, kinds).flatMap((item) => namedOnly(item.Expression, kinds)),
        context,
      );
    case kinds.ParseOperator:
    case kinds.ParseWhereOperator:
      return appendUnique(input, declaredNames(operator.Patterns, kinds));
    case kinds.JoinOperator:
      return joinColumns(input, operator, context, depth);
    case kinds.LookupOperator:
      return lookupColumns(input, operator, context, depth);
    case kinds.UnionOperator:
      return unionColumns(input, operator, context, depth);
    case kinds.GetSchemaOperator:
      return ['ColumnName', 'ColumnOrdinal', 'DataType', 'ColumnType'];
    default:
      return [SOURCE_COLUMNS];
  }
}

/** `extend`/`project` semantics: named or nameable expressions replace or append columns. */
function extendColumns(input: string[], items: readonly Syntax[], context: QueryContext): string[] {
  const columns = [...input];
  let unnamed = 0;
  for (const item of items) {
    let name = resultNameOf(item, context);
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
  context: QueryContext,
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
  for (const item of by) add(resultNameOf(item, context));
  for (const item of aggregates) for (const name of aggregateNames(item, context)) add(name);
  for (const name of axis) add(name);
  return columns;
}

/** `arg_max(Timestamp, *)` yields its arguments; `(a, b) = arg_max(…)` names them; others yield one column. */
function aggregateNames(aggregate: Syntax, context: QueryContext): (string | undefined)[] {
  const { kinds } = context;
  if (aggregate.Kind === kinds.CompoundNamedExpression) {
    return listItems(aggregate.Names?.Names, kinds).map((name) => name.SimpleName ?? undefined);
  }
  if (aggregate.Kind === kinds.FunctionCallExpression && ROW_AGGREGATES.has(aggregate.Name?.SimpleName ?? '')) {
    const argumentsList = listItems(aggregate.ArgumentList?.Expressions, kinds);
    if (argumentsList.length > 1 || argumentsList[0]?.Kind === kinds.StarExpression) {
      return argumentsList.map((argument) =>
        argument.Kind === kinds.StarExpression ? SOURCE_COLUMNS : resultNameOf(argument, context),
      );
    }
  }
  return [resultNameOf(aggregate, context)];
}

/**
 * The column name Kusto gives an expression's result, after Kusto.Language's binder
 * (GetExpressionResultName), minus what needs types: paths always join as `Left_Right`.
 */
function resultNameOf(expression: Syntax, context: QueryContext): string | undefined {
  const { kinds } = context;
  switch (expression.Kind) {
    case kinds.NameReference:
      return expression.SimpleName ?? undefined;
    case kinds.SimpleNamedExpression:
      return expression.Name?.SimpleName ?? undefined;
    case kinds.ParenthesizedExpression:
    case kinds.OrderedExpression:
      return expression.Expression ? resultNameOf(expression.Expression, context) : undefined;
    case kinds.BracketedExpression:
      return expression.Expression ? readLiteralValues(expression.Expression, context, 0)[0] : undefined;
    case kinds.PathExpression:
    case kinds.ElementExpression: {
      const left = expression.Expression ? resultNameOf(expression.Expression, context) : undefined;
      const right = expression.Selector ? resultNameOf(expression.Selector, context) : undefined;
      return left ? `${left}_${right ?? ''}` : right;
    }
    case kinds.FunctionCallExpression:
      return functionResultName(expression, context);
    default:
      return undefined;
  }
}

function functionResultName(call: Syntax, context: QueryContext): string | undefined {
  const name = call.Name?.SimpleName ?? '';
  const naming = context.resultNames.get(name);
  if (!naming) return undefined;
  const argumentsList = listItems(call.ArgumentList?.Expressions, context.kinds);
  const first = argumentsList[0];
  const firstName = () => (first ? (resultNameOf(first, context) ?? '') : '');
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

function joinColumns(left: string[], join: Syntax, context: QueryContext, depth: number): string[] {
  const right = join.Expression ? columnsOf(join.Expression, context, depth) : [SOURCE_COLUMNS];
  const kind = readParameter(join.Parameters, 'kind', context.kinds) ?? 'innerunique';
  if (SEMI_JOIN_LEFT_RE.test(kind)) return left;
  if (SEMI_JOIN_RIGHT_RE.test(kind)) return right;
  return mergeColumns(left, right);
}

/** `lookup` keeps one copy of the key columns. */
function lookupColumns(left: string[], lookup: Syntax, context: QueryContext, depth: number): string[] {
  const { kinds } = context;
  const right = lookup.Expression ? columnsOf(lookup.Expression, context, depth) : [SOURCE_COLUMNS];
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
function unionColumns(input: string[], union: Syntax, context: QueryContext, depth: number): string[] {
  const { kinds } = context;
  const source = readParameter(union.Parameters, 'withsource', kinds);
  let columns = source ? [source] : [];
  const operands = listItems(union.Expressions, kinds).map((operand) => columnsOf(operand, context, depth));
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
