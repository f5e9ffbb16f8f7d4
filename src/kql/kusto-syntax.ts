/**
 * The slice of Kusto.Language's syntax tree that the analysis reads, and the syntax kinds it
 * compares by name. No schema is known, so nothing is bound: the tree alone tells a table from
 * a column or a `let` name.
 */

/** Syntax kinds the analysis compares by name; their numbers are read from the service at load. */
export const KIND_NAMES = [
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
export type Kinds = Readonly<Record<KindName, number>>;

/**
 * The slice of Kusto.Language's syntax API read here. The package ships its types as global
 * namespaces in a 1.7 MB .d.ts; declaring the few members used keeps the project's type check lean.
 * Members other than the first few exist only on some node kinds.
 */
export interface Syntax {
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

/**
 * The elements of a syntax list, unwrapped from their comma separators; placeholders for missing ones are dropped.
 * @example listItems(call.ArgumentList?.Expressions, kinds) // → the call's argument expressions
 */
export function listItems(list: Syntax | null | undefined, kinds: Kinds): Syntax[] {
  const items: Syntax[] = [];
  if (!list) return items;
  for (let index = 0; index < list.ChildCount; index++) {
    const child = list.GetChild(index);
    const item = child && child.Kind === kinds.SeparatedElement ? child.GetChild(0) : child;
    if (item && !item.IsToken && !item.IsMissing) items.push(item);
  }
  return items;
}
