import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'astro/zod';
import { ContentError, type Finding } from '../checks/findings.ts';
import { type FieldLocator, toFindings } from '../checks/zod-findings.ts';
import { packagePath } from '../package/package-root.ts';
import { type SiteConfig, siteConfigSchema } from '../schemas/site-config.ts';
import { readContentText, toDisplayPath } from './content-fs.ts';
import {
  type ContentLocation,
  type ExcludePattern,
  expandPath,
  type LocationOrigin,
  toContentLocation,
  toExcludePattern,
} from './content-location.ts';
import { suggestKey } from './frontmatter-keys.ts';
import { createMappingLocator } from './yaml-locate.ts';
import { loadYaml } from './yaml-text.ts';

export { expandPath } from './content-location.ts';

export const DEFAULT_CONFIG_FILE = 'huntbook.config.yaml';

/** What the build log says when the settings stopped the build. */
const SETTINGS_ERROR_HINT =
  'Fix the settings listed above: the README (Settings) describes each one. Settings are checked before any content is read.';

type Env = Record<string, string | undefined>;

/** The content kinds that take locations, with the variable that overrides each and its default folder. */
const CONTENT_KINDS = [
  { kind: 'rules', variable: 'HUNTBOOK_RULES', defaultFolder: 'rules' },
  { kind: 'sigma', variable: 'HUNTBOOK_SIGMA', defaultFolder: undefined },
  { kind: 'runbooks', variable: 'HUNTBOOK_RUNBOOKS', defaultFolder: 'runbooks' },
  { kind: 'tools', variable: 'HUNTBOOK_TOOLS', defaultFolder: undefined },
] as const;

/**
 * Reads the site configuration and applies environment overrides:
 * `HUNTBOOK_CONFIG` (another config file), `HUNTBOOK_RULES`, `HUNTBOOK_SIGMA`, `HUNTBOOK_RUNBOOKS`,
 * `HUNTBOOK_TOOLS` (`:`-separated folders or glob patterns, relative to the working
 * directory), `HUNTBOOK_BUNDLED_TOOLS` (`0` leaves out the bundled tool catalog),
 * `HUNTBOOK_BASE` (serve under a sub-path), `HUNTBOOK_STRICT` (`strict`, `1` or `true`) and
 * `HUNTBOOK_SEARCH_SHARD_PAGES` (`search.shardPages`) and `HUNTBOOK_KQL_MAX_QUERY_BYTES`
 * (`kql.maxQueryBytes`). Paths in the settings file are relative to the file.
 */
export function loadSiteConfig(env: Env = process.env): SiteConfig {
  const file = env.HUNTBOOK_CONFIG || DEFAULT_CONFIG_FILE;
  const { data: raw, text, encodingFindings } = readConfigFile(file, Boolean(env.HUNTBOOK_CONFIG));
  const locate = createMappingLocator(text ?? '');
  const displayFile = toDisplayPath(resolve(file));
  const content = (raw.content ?? {}) as Record<string, unknown>;
  const search = (raw.search ?? {}) as Record<string, unknown>;
  const kql = (raw.kql ?? {}) as Record<string, unknown>;
  const merged = {
    ...raw,
    ...(env.HUNTBOOK_BASE ? { base: env.HUNTBOOK_BASE } : {}),
    ...(env.HUNTBOOK_STRICT ? { strict: toBoolean(env.HUNTBOOK_STRICT) } : {}),
    ...(env.HUNTBOOK_SEARCH_SHARD_PAGES
      ? { search: { ...search, shardPages: toNumber(env.HUNTBOOK_SEARCH_SHARD_PAGES) } }
      : {}),
    ...(env.HUNTBOOK_KQL_MAX_QUERY_BYTES
      ? { kql: { ...kql, maxQueryBytes: toNumber(env.HUNTBOOK_KQL_MAX_QUERY_BYTES) } }
      : {}),
    content: {
      ...content,
      ...(env.HUNTBOOK_RULES ? { rules: env.HUNTBOOK_RULES } : {}),
      ...(env.HUNTBOOK_SIGMA ? { sigma: env.HUNTBOOK_SIGMA } : {}),
      ...(env.HUNTBOOK_RUNBOOKS ? { runbooks: env.HUNTBOOK_RUNBOOKS } : {}),
      ...(env.HUNTBOOK_TOOLS ? { tools: env.HUNTBOOK_TOOLS } : {}),
      ...(env.HUNTBOOK_BUNDLED_TOOLS ? { bundledTools: toBoolean(env.HUNTBOOK_BUNDLED_TOOLS) } : {}),
    },
  };
  const result = siteConfigSchema.safeParse(merged, { reportInput: true });
  if (!result.success) {
    throw new ContentError(toSettingsFindings(result.error, displayFile, locate), { hint: SETTINGS_ERROR_HINT });
  }
  const config = result.data;
  // Paths in the settings file are relative to the file; those in environment variables to the working directory.
  const fileDir = dirname(resolve(file));
  const fromFile = (path: string) => expandPath(path, fileDir, env);
  const fromEnv = (path: string) => expandPath(path, process.cwd(), env);
  const exclude = config.content.exclude.map((pattern) => toExcludePattern(pattern, fileDir, env));
  const where = { env, fileDir, displayFile, locate, written: content, exclude };
  const locationsOf = (kind: (typeof CONTENT_KINDS)[number]) => toLocations(kind, config.content[kind.kind], where);
  const [rules, sigma, runbooks, tools] = CONTENT_KINDS.map(locationsOf) as [
    ContentLocation[],
    ContentLocation[],
    ContentLocation[],
    ContentLocation[],
  ];
  const branding = resolveBrandingFiles(config.branding, fromFile, displayFile, locate);
  if (branding.findings.length > 0) throw new ContentError(branding.findings, { hint: SETTINGS_ERROR_HINT });
  return {
    ...config,
    branding: branding.branding,
    findings: [...encodingFindings, ...findObsoleteSettings(config, displayFile, locate)],
    configFile: text === undefined ? undefined : resolve(file),
    outDir: env.HUNTBOOK_OUT_DIR ? fromEnv(env.HUNTBOOK_OUT_DIR) : fromFile(config.outDir),
    outDirOrigin: env.HUNTBOOK_OUT_DIR ? 'HUNTBOOK_OUT_DIR' : raw.outDir === undefined ? 'default' : 'outDir',
    cacheDir: env.HUNTBOOK_CACHE_DIR ? fromEnv(env.HUNTBOOK_CACHE_DIR) : findCacheDir(fileDir),
    sourceRoot: fromFile(config.sourceRoot),
    content: {
      rules,
      sigma,
      runbooks,
      // The tool catalog is part of Huntbook: read first, so that the user's entries extend it.
      tools: config.content.bundledTools ? [bundledToolCatalog(exclude), ...tools] : tools,
      exclude,
    },
  };
}

/** Huntbook's own tool catalog as a content location. */
function bundledToolCatalog(exclude: readonly ExcludePattern[]): ContentLocation {
  const base = packagePath('content', 'tools');
  return { base, exclude, origin: { kind: 'bundled', setting: 'content.bundledTools', written: base } };
}

interface LocationContext {
  env: Env;
  fileDir: string;
  displayFile: string;
  locate: FieldLocator;
  /** The `content` mapping as written in the settings file. */
  written: Record<string, unknown>;
  exclude: readonly ExcludePattern[];
}

/** One kind's locations, each with what the user wrote and where: the variable, the settings file, or the default. */
function toLocations(
  { kind, variable, defaultFolder }: (typeof CONTENT_KINDS)[number],
  paths: readonly string[],
  where: LocationContext,
): ContentLocation[] {
  const { env, exclude } = where;
  if (env[variable]) {
    return paths.map((path) =>
      toContentLocation(path, process.cwd(), { kind: 'env', setting: variable, written: path }, exclude, env),
    );
  }
  const setting = `content.${kind}`;
  if (where.written[kind] === undefined) {
    if (defaultFolder === undefined) return [];
    const origin = { kind: 'default' as const, setting, written: defaultFolder };
    return [toContentLocation(defaultFolder, where.fileDir, origin, exclude, env)];
  }
  const asList = Array.isArray(where.written[kind]);
  return paths.map((path, index) => {
    const at = where.locate(asList ? ['content', kind, index] : ['content', kind]);
    const origin: LocationOrigin = {
      kind: 'settings',
      setting,
      written: path,
      file: where.displayFile,
      ...(at ? { line: at.line, ...(at.column === undefined ? {} : { column: at.column }) } : {}),
    };
    return toContentLocation(path, where.fileDir, origin, exclude, env);
  });
}

/**
 * The schema's complaints about the settings as findings at their line and column; an unknown
 * key is named on its own line, with the nearest known setting.
 */
function toSettingsFindings(error: z.ZodError, file: string, locate: FieldLocator): Finding[] {
  const findings: Finding[] = [];
  for (const issue of error.issues) {
    if (issue.code !== 'unrecognized_keys') {
      findings.push(...toFindings(new z.ZodError([issue]), { file, locate }));
      continue;
    }
    const known = listSettingKeys(issue.path);
    for (const key of issue.keys) {
      const path = [...issue.path, key];
      const suggestion = suggestKey(key, known);
      const hint = suggestion ? `did you mean ${suggestion}?` : `known settings here: ${known.join(', ')}`;
      findings.push({
        severity: 'error',
        file,
        ...locate(path),
        field: path.map(String).join('.'),
        code: 'unknown-setting',
        message: `unknown setting "${key}" (${hint})`,
      });
    }
  }
  return findings;
}

/**
 * The setting names the schema knows at a path, for "did you mean": read from the schema, so
 * a setting added there is suggested without a list to keep.
 * @example listSettingKeys(['content']) // → ['rules', 'sigma', 'runbooks', 'tools', 'bundledTools', 'exclude']
 */
export function listSettingKeys(path: readonly PropertyKey[]): string[] {
  let schema: z.core.$ZodType | undefined = siteConfigSchema;
  for (const key of [...path, undefined]) {
    // Defaults, prefaults and optionals wrap the object; a transform's input is the object.
    for (let def: z.core.$ZodTypeDef | undefined = schema?._zod.def; def && def.type !== 'object'; ) {
      schema =
        'innerType' in def ? (def.innerType as z.core.$ZodType) : 'in' in def ? (def.in as z.core.$ZodType) : undefined;
      def = schema?._zod.def;
    }
    if (key === undefined || !schema) break;
    schema = (schema._zod.def as z.core.$ZodObjectDef).shape[String(key)];
  }
  const def = schema?._zod.def;
  return def?.type === 'object' ? Object.keys((def as z.core.$ZodObjectDef).shape) : [];
}

/**
 * The build cache's default folder: `node_modules/.cache/huntbook` of the nearest folder at or
 * above `dir` that has a `node_modules` (where tools keep their caches, and what .gitignore
 * already leaves out), else `.huntbook-cache` in `dir`.
 * @example findCacheDir('/repo/wiki') // → '/repo/node_modules/.cache/huntbook' (with /repo/node_modules)
 */
export function findCacheDir(dir: string): string {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules'))) return join(at, 'node_modules', '.cache', 'huntbook');
    if (dirname(at) === at) return join(dir, '.huntbook-cache');
  }
}

/**
 * The branding with its files' paths made absolute; each file that is not there is a settings
 * error naming the key, what was written and where that led.
 * @example resolveBrandingFiles({ nav: [], logo: 'assets/logo.svg' }, (path) => `/repo/${path}`, 'huntbook.config.yaml').branding.logo // → '/repo/assets/logo.svg'
 */
export function resolveBrandingFiles(
  branding: SiteConfig['branding'],
  resolvePath: (path: string) => string,
  file: string,
  locate: FieldLocator = () => undefined,
): { branding: SiteConfig['branding']; findings: Finding[] } {
  const resolved = { ...branding };
  const findings: Finding[] = [];
  for (const key of ['logo', 'css'] as const) {
    const written = branding[key];
    if (written === undefined) continue;
    const path = resolvePath(written);
    resolved[key] = path;
    const problem = !existsSync(path) ? 'no such file' : statSync(path).isFile() ? undefined : 'a folder, not a file';
    if (problem) {
      findings.push({
        severity: 'error',
        file,
        ...locate(['branding', key]),
        field: `branding.${key}`,
        message: `names "${written}", which is ${path}: ${problem}`,
      });
    }
  }
  return { branding: resolved, findings };
}

/**
 * Settings that still parse but no longer do anything: a warning each, saying what replaced them.
 * @example findObsoleteSettings({ kql: { syntaxErrors: 'warning' } }, 'huntbook.config.yaml')[0].field // → 'kql.syntaxErrors'
 */
export function findObsoleteSettings(
  config: Pick<SiteConfig, 'kql'>,
  file: string,
  locate: FieldLocator = () => undefined,
): Finding[] {
  if (config.kql.syntaxErrors === undefined) return [];
  return [
    {
      severity: 'warning',
      file,
      ...locate(['kql', 'syntaxErrors']),
      field: 'kql.syntaxErrors',
      code: 'setting-obsolete',
      message:
        'is no longer needed: a KQL syntax error is a warning (the rule is published with the error shown) and an error in strict mode (strict: true); remove the setting',
    },
  ];
}

/** `1`/`true`/`yes` and `0`/`false`/`no` as booleans; other text as given, for the schema to report. */
function toBoolean(text: string): boolean | string {
  const value = text.trim().toLowerCase();
  if (['1', 'true', 'yes'].includes(value)) return true;
  if (['0', 'false', 'no'].includes(value)) return false;
  return text;
}

/** A number when the text is one, so the schema reports other text as it was given. */
function toNumber(text: string): number | string {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : text;
}

function readConfigFile(
  file: string,
  required: boolean,
): { data: Record<string, unknown>; text: string | undefined; encodingFindings: Finding[] } {
  if (!existsSync(file)) {
    if (required) throw new ContentError([missingConfig(file)], { hint: SETTINGS_ERROR_HINT });
    return { data: {}, text: undefined, encodingFindings: [] };
  }
  const { text, findings: encodingFindings } = readContentText(file, toDisplayPath(resolve(file)));
  // Through loadYaml, as content is: a syntax error or an alias bomb is a finding, not a crash.
  const loaded = loadYaml(text, file);
  if (!loaded.ok) throw new ContentError([loaded.finding], { hint: SETTINGS_ERROR_HINT });
  const data = loaded.data;
  if (data === undefined || data === null) return { data: {}, text, encodingFindings };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ContentError([{ severity: 'error', file, message: 'must be a YAML mapping of settings' }], {
      hint: SETTINGS_ERROR_HINT,
    });
  }
  return { data: data as Record<string, unknown>, text, encodingFindings };
}

function missingConfig(file: string): Finding {
  return { severity: 'error', file, field: 'HUNTBOOK_CONFIG', message: 'names a file that does not exist' };
}
