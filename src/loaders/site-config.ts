import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { ContentError, type Finding } from '../checks/findings.ts';
import { type FieldLocator, toFindings } from '../checks/zod-findings.ts';
import { packagePath } from '../package/package-root.ts';
import { type SiteConfig, siteConfigSchema } from '../schemas/site-config.ts';
import { createYamlLocator } from './yaml-locate.ts';

export const DEFAULT_CONFIG_FILE = 'huntbook.config.yaml';

/** What the build log says when the settings stopped the build. */
const SETTINGS_ERROR_HINT =
  'Fix the settings listed above: the README (Settings) describes each one. Settings are checked before any content is read.';

type Env = Record<string, string | undefined>;

/**
 * Reads the site configuration and applies environment overrides:
 * `HUNTBOOK_CONFIG` (another config file), `HUNTBOOK_RULES`, `HUNTBOOK_RUNBOOKS`,
 * `HUNTBOOK_TOOLS` (`:`-separated directories), `HUNTBOOK_BASE` (serve under a sub-path),
 * `HUNTBOOK_STRICT` (`strict`, `1` or `true`) and `HUNTBOOK_SEARCH_SHARD_PAGES`
 * (`search.shardPages`). Relative directories resolve against the working directory.
 */
export function loadSiteConfig(env: Env = process.env): SiteConfig {
  const file = env.HUNTBOOK_CONFIG || DEFAULT_CONFIG_FILE;
  const { data: raw, text } = readConfigFile(file, Boolean(env.HUNTBOOK_CONFIG));
  const content = (raw.content ?? {}) as Record<string, unknown>;
  const search = (raw.search ?? {}) as Record<string, unknown>;
  const merged = {
    ...raw,
    ...(env.HUNTBOOK_BASE ? { base: env.HUNTBOOK_BASE } : {}),
    ...(env.HUNTBOOK_STRICT ? { strict: toBoolean(env.HUNTBOOK_STRICT) } : {}),
    ...(env.HUNTBOOK_SEARCH_SHARD_PAGES
      ? { search: { ...search, shardPages: toNumber(env.HUNTBOOK_SEARCH_SHARD_PAGES) } }
      : {}),
    content: {
      ...content,
      ...(env.HUNTBOOK_RULES ? { rules: env.HUNTBOOK_RULES } : {}),
      ...(env.HUNTBOOK_RUNBOOKS ? { runbooks: env.HUNTBOOK_RUNBOOKS } : {}),
      ...(env.HUNTBOOK_TOOLS ? { tools: env.HUNTBOOK_TOOLS } : {}),
    },
  };
  const result = siteConfigSchema.safeParse(merged, { reportInput: true });
  if (!result.success) throw new ContentError(toFindings(result.error, { file }), { hint: SETTINGS_ERROR_HINT });
  const config = result.data;
  // Paths in the settings file are relative to the file; those in environment variables to the working directory.
  const fileDir = dirname(resolve(file));
  const cwd = process.cwd();
  const fromFile = (path: string) => expandPath(path, fileDir, env);
  const fromEnv = (path: string) => expandPath(path, cwd, env);
  const pick = (name: string) => (env[name] ? fromEnv : fromFile);
  const locate = createYamlLocator(text ?? '');
  const branding = resolveBrandingFiles(config.branding, fromFile, file, locate);
  if (branding.findings.length > 0) throw new ContentError(branding.findings, { hint: SETTINGS_ERROR_HINT });
  return {
    ...config,
    branding: branding.branding,
    findings: findObsoleteSettings(config, file, locate),
    configFile: text === undefined ? undefined : resolve(file),
    outDir: env.HUNTBOOK_OUT_DIR ? fromEnv(env.HUNTBOOK_OUT_DIR) : fromFile(config.outDir),
    outDirOrigin: env.HUNTBOOK_OUT_DIR ? 'HUNTBOOK_OUT_DIR' : raw.outDir === undefined ? 'default' : 'outDir',
    cacheDir: env.HUNTBOOK_CACHE_DIR ? fromEnv(env.HUNTBOOK_CACHE_DIR) : findCacheDir(fileDir),
    sourceRoot: fromFile(config.sourceRoot),
    content: {
      rules: config.content.rules.map(pick('HUNTBOOK_RULES')),
      runbooks: config.content.runbooks.map(pick('HUNTBOOK_RUNBOOKS')),
      // The tool catalog is part of Huntbook: used unless the settings name other folders.
      tools:
        content.tools === undefined && !env.HUNTBOOK_TOOLS
          ? [packagePath('content', 'tools')]
          : config.content.tools.map(pick('HUNTBOOK_TOOLS')),
    },
  };
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
 * An absolute path: `~` is the home folder, anything else relative is taken from `baseDir`.
 * @example expandPath('~/detections', '/repo', { HOME: '/home/ana' }) // → '/home/ana/detections'
 * @example expandPath('rules', '/repo/wiki') // → '/repo/wiki/rules'
 */
export function expandPath(path: string, baseDir: string, env: Env = process.env): string {
  if (path === '~' || path.startsWith('~/')) return join(env.HOME || homedir(), path.slice(1));
  return resolve(baseDir, path);
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

function readConfigFile(file: string, required: boolean): { data: Record<string, unknown>; text: string | undefined } {
  if (!existsSync(file)) {
    if (required) throw new ContentError([missingConfig(file)], { hint: SETTINGS_ERROR_HINT });
    return { data: {}, text: undefined };
  }
  const text = readFileSync(file, 'utf8');
  const data = yaml.load(text, { filename: file });
  if (data === undefined || data === null) return { data: {}, text };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ContentError([{ severity: 'error', file, message: 'must be a YAML mapping of settings' }], {
      hint: SETTINGS_ERROR_HINT,
    });
  }
  return { data: data as Record<string, unknown>, text };
}

function missingConfig(file: string): Finding {
  return { severity: 'error', file, field: 'HUNTBOOK_CONFIG', message: 'names a file that does not exist' };
}
