/**
 * What every step of a query's analysis reads: the service's syntax kinds and result naming, and
 * the names the query binds with `let`, function parameters and `as`, innermost scope last.
 */
import type { KustoService, ResultNaming } from './kusto-service.ts';
import type { Kinds, Syntax } from './kusto-syntax.ts';

/** `let` values that refer to each other are resolved at most this deep. */
export const MAX_RESOLVE_DEPTH = 8;

/** What a `let` statement, function parameter or `as` operator binds a name to. */
export interface Binding {
  /** The bound expression; undefined for parameters and `as` names. */
  expression?: Syntax;
  rendered?: string;
  values?: string[];
  resolving?: boolean;
}

type Scope = Map<string, Binding>;

export interface QueryContext {
  readonly kinds: Kinds;
  readonly resultNames: ReadonlyMap<string, ResultNaming>;
  /** Innermost last; a function declaration opens one for its parameters and body. */
  readonly scopes: Scope[];
}

/**
 * A context with one empty scope, for one query.
 * @example createQueryContext(loadKustoService()).scopes // → [Map {}]
 */
export function createQueryContext(service: KustoService): QueryContext {
  return { kinds: service.kinds, resultNames: service.resultNames, scopes: [new Map()] };
}

/**
 * Binds a name in the innermost scope, or in the one at `scopeIndex`.
 * @example bindName('lookback', { expression }, context) // `lookback` now resolves to `expression`
 */
export function bindName(
  name: string | null | undefined,
  binding: Binding,
  context: QueryContext,
  scopeIndex = context.scopes.length - 1,
): void {
  if (name) context.scopes[scopeIndex]?.set(name, binding);
}

/**
 * The innermost binding of a name; undefined for a table or column name.
 * @example findBinding('lookback', context) // → { expression } after `let lookback = 14d;`
 */
export function findBinding(name: string | null | undefined, context: QueryContext): Binding | undefined {
  if (!name) return undefined;
  for (let index = context.scopes.length - 1; index >= 0; index--) {
    const binding = context.scopes[index]?.get(name);
    if (binding) return binding;
  }
  return undefined;
}
