/**
 * Microsoft's Kusto language service (Kusto.Language), loaded once per process: the query
 * parser, the syntax kind numbers and how the service names unnamed result columns.
 */
import { createRequire } from 'node:module';
import { packagePath } from '../package/package-root.ts';
import { KIND_NAMES, type Kinds, type Syntax } from './kusto-syntax.ts';

const SERVICE_PACKAGE = '@kusto/language-service-next';
const requireNearModule = createRequire(import.meta.url);
const requireNearProject = createRequire(packagePath('package.json'));

export interface ServiceDiagnostic {
  readonly Code: string | null;
  readonly Message: string | null;
  readonly Severity: string | null;
  readonly Start: number;
}

/** The service returns a plain array when a list is empty and a .NET collection otherwise. */
export type ServiceList<T> = readonly T[] | { readonly Count: number; getItem(index: number): T };

/** A parsed query's root node, which also holds the syntax diagnostics. */
export interface ServiceRoot extends Syntax {
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

/** How the service names a function's result column: a `ResultNameKind` and an optional prefix. */
export interface ResultNaming {
  kind: number;
  prefix: string | null;
}

export interface KustoService {
  parse(text: string): ServiceRoot;
  /** The numbers of the syntax kinds the analysis compares by name. */
  kinds: Kinds;
  /** Every syntax kind's number, by name. */
  syntaxKinds: Readonly<Record<string, number>>;
  /** How the service names an unnamed call's result column, by function name. */
  resultNames: ReadonlyMap<string, ResultNaming>;
}

let service: KustoService | undefined;

/**
 * The language service, loaded on first use (loading costs a noticeable pause once) and kept.
 * @example loadKustoService().parse('SigninLogs | take 10') // → the query's syntax tree
 */
export function loadKustoService(): KustoService {
  if (service) return service;
  const scope = globalThis as { Kusto?: unknown };
  // The Bridge.NET build registers itself as globals (Bridge, System, Kusto) rather than exporting.
  if (!scope.Kusto) {
    requireService('bridge.min.js');
    requireService('Kusto.Language.Bridge.min.js');
  }
  const language = (scope.Kusto as { Language: KustoLanguage }).Language;
  const syntaxKinds = language.Syntax.SyntaxKind;
  const kinds = Object.fromEntries(KIND_NAMES.map((name) => [name, syntaxKinds[name] as number])) as Kinds;
  const resultNames = new Map<string, ResultNaming>();
  for (const symbol of [...language.Functions.All, ...language.Aggregates.All]) {
    resultNames.set(symbol.Name, { kind: symbol.ResultNameKind, prefix: symbol.ResultNamePrefix });
  }
  const queryParser = language.Parsing.QueryParser;
  const options = language.ParseOptions.Default;
  service = {
    // KustoCode.Parse would also build the grammar used for completion (slow to build) that a
    // syntax-only analysis never touches; the query parser alone yields the same tree and diagnostics.
    parse: (text) => queryParser.ParseQuery$1(text, options),
    kinds,
    syntaxKinds,
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
