/** The string values a query writes as literals, directly or through `let` names. */
import { listItems, type Syntax } from './kusto-syntax.ts';
import { findBinding, MAX_RESOLVE_DEPTH, type QueryContext } from './query-context.ts';

/**
 * String values written as literals, lists, `dynamic([...])`, `datatable` rows or `let` names for them.
 * @example readLiteralValues(listExpression, context, 0) // `('a.exe', "b.exe")` → ['a.exe', 'b.exe']
 */
export function readLiteralValues(expression: Syntax, context: QueryContext, depth: number): string[] {
  const { kinds } = context;
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
      return expression.Expression ? readLiteralValues(expression.Expression, context, depth) : [];
    case kinds.ExpressionList:
      return listItems(expression.Expressions, kinds).flatMap((item) => readLiteralValues(item, context, depth));
    case kinds.JsonArrayExpression:
    case kinds.DataTableExpression:
      return listItems(expression.Values, kinds).flatMap((item) => readLiteralValues(item, context, depth));
    case kinds.FunctionCallExpression:
      if (expression.Name?.SimpleName !== 'pack_array') return [];
      return listItems(expression.ArgumentList?.Expressions, kinds).flatMap((item) =>
        readLiteralValues(item, context, depth),
      );
    case kinds.NameReference:
      return readBoundValues(expression.SimpleName, context, depth);
    default:
      return [];
  }
}

function readBoundValues(name: string | null | undefined, context: QueryContext, depth: number): string[] {
  const binding = findBinding(name, context);
  if (!binding?.expression) return [];
  if (binding.values === undefined) {
    if (binding.resolving || depth >= MAX_RESOLVE_DEPTH) return [];
    binding.resolving = true;
    binding.values = readLiteralValues(binding.expression, context, depth + 1);
    binding.resolving = false;
  }
  return binding.values;
}
