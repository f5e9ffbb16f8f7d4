import { basename, extname } from 'node:path';
import type { AttackIndex } from '../attack/attack.ts';
import type { Rule } from '../schemas/rule.ts';
import type { SigmaFacet } from '../schemas/sigma-rule.ts';
import { sigmaRuleSchema } from '../schemas/sigma-rule.ts';
import { convertSigmaToKql, type SigmaConversion, type SigmaLogsource, summariseDetection } from '../sigma/index.ts';
import { checkDates } from './date-values.ts';
import type { Finding } from './findings.ts';
import { checkRuleId } from './rule-id.ts';
import { readSigmaTags, toFalsePositives } from './sigma-tags.ts';
import { describeValue, type FieldLocator, toFindings } from './zod-findings.ts';

export interface SigmaCheckContext {
  file: string;
  locate: FieldLocator;
  attack: AttackIndex;
  /** The file's text, kept on the facet for the page. */
  text: string;
}

/** The finding code of a Sigma rule shown without KQL; its message is `no KQL conversion: <reason>`. */
export const SIGMA_NOT_CONVERTED_CODE = 'sigma-not-converted';
/** At most this many passes drop fields of the wrong shape before giving up on the schema. */
const MAX_SCHEMA_PASSES = 5;

/**
 * Validates one Sigma file and makes its Sentinel-shaped rule (id, name = title, description,
 * query = the converted KQL or '', tactics and techniques from the ATT&CK tags, severity from
 * `level`) and its Sigma facet. Only a file that is not a mapping is an error: a missing title,
 * logsource or detection is a warning (the rule is shown as Sigma, with what it has), a field
 * of the wrong shape is a warning and left out, and so is a rule without conversion.
 */
export function validateSigmaRule(
  data: unknown,
  context: SigmaCheckContext,
): { rule?: Rule; sigma?: SigmaFacet; findings: Finding[] } {
  const { file, locate } = context;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const found = data === undefined || data === null ? 'an empty file' : describeValue(data);
    return { findings: [{ severity: 'error', file, message: `must be a YAML mapping (a Sigma rule), got ${found}` }] };
  }
  const raw = data as Record<string, unknown>;
  const kind: SigmaFacet['kind'] = 'correlation' in raw ? 'correlation' : 'filter' in raw ? 'filter' : 'rule';
  const findings: Finding[] = [...checkRequired(raw, kind, context)];
  const { value: read, findings: shapeFindings } = parseTolerantly(raw, context);
  findings.push(...shapeFindings);

  const id = readId(raw.id, context, findings);
  const { tags, findings: tagFindings } = readSigmaTags(read.tags, context.attack, context);
  findings.push(...tagFindings, ...checkDates({ date: raw.date, modified: raw.modified }, context));
  const logsource: SigmaLogsource = {
    ...(read.logsource?.category ? { category: read.logsource.category } : {}),
    ...(read.logsource?.product ? { product: read.logsource.product } : {}),
    ...(read.logsource?.service ? { service: read.logsource.service } : {}),
  };
  const hasDetection = isMapping(raw.detection);
  const conversion = toConversion(kind, hasDetection, logsource, raw.detection);
  if (!conversion.ok) {
    findings.push({
      severity: 'warning',
      file,
      ...(locate([kind === 'rule' ? 'detection' : kind]) ?? {}),
      field: kind === 'rule' ? 'detection' : kind,
      code: SIGMA_NOT_CONVERTED_CODE,
      message: `no KQL conversion: ${conversion.reason}`,
    });
  }
  const sigma: SigmaFacet = {
    kind,
    yaml: context.text,
    logsource,
    ...pick(read, ['status', 'level', 'author', 'date', 'modified']),
    references: read.references,
    labels: tags.labels,
    related: read.related.map((entry) => ({
      id: entry.id.toLowerCase(),
      ...(entry.type ? { type: entry.type } : {}),
    })),
    fields: read.fields,
    falsePositives: toFalsePositives(read.falsepositives),
    ...(hasDetection ? { summary: summariseDetection(raw.detection) } : {}),
    conversion,
  };
  const rule: Rule = {
    id,
    name: read.title ?? toFileStem(file),
    description: read.description ?? '',
    query: conversion.ok ? conversion.kql : '',
    requiredDataConnectors: [],
    tactics: tags.tactics,
    relevantTechniques: tags.techniques,
    ...(read.level ? { severity: capitalise(read.level) } : {}),
  };
  return { rule, sigma, findings };
}

function toConversion(
  kind: SigmaFacet['kind'],
  hasDetection: boolean,
  logsource: SigmaLogsource,
  detection: unknown,
): SigmaConversion {
  if (kind === 'correlation') return { ok: false, reason: 'correlation rules are shown as Sigma only' };
  if (kind === 'filter') return { ok: false, reason: 'filters are shown as Sigma only' };
  if (!hasDetection) return { ok: false, reason: 'the rule has no detection' };
  if (!('condition' in (detection as object))) return { ok: false, reason: 'the detection has no condition' };
  return convertSigmaToKql({ logsource, detection });
}

/** The specification's required fields; each missing one is a warning, since the rule can still be shown. */
function checkRequired(raw: Record<string, unknown>, kind: SigmaFacet['kind'], { file, locate }: SigmaCheckContext) {
  const missing: { field: string; message: string }[] = [];
  const title = raw.title;
  if (title === undefined || title === null || String(title).trim() === '')
    missing.push({ field: 'title', message: 'is required by the Sigma specification: the file name is shown instead' });
  if (kind === 'rule') {
    if (raw.logsource === undefined)
      missing.push({ field: 'logsource', message: 'is required by the Sigma specification: no telemetry is known' });
    if (raw.detection === undefined)
      missing.push({ field: 'detection', message: 'is required by the Sigma specification: shown as Sigma only' });
    else if (isMapping(raw.detection) && !('condition' in raw.detection))
      missing.push({
        field: 'detection.condition',
        message: 'is required by the Sigma specification: shown as Sigma only',
      });
  }
  return missing.map(
    ({ field, message }): Finding => ({
      severity: 'warning',
      file,
      ...(locate(field.split('.').slice(0, 1)) ?? {}),
      field,
      code: 'sigma-required-field',
      message,
    }),
  );
}

/** Parses with the schema; each field of the wrong shape is named in a warning and read as absent. */
function parseTolerantly(raw: Record<string, unknown>, { file, locate }: SigmaCheckContext) {
  const findings: Finding[] = [];
  let input = { ...raw, title: raw.title ?? undefined };
  for (let pass = 0; pass < MAX_SCHEMA_PASSES; pass++) {
    const parsed = sigmaRuleSchema.safeParse(input, { reportInput: true });
    if (parsed.success) return { value: parsed.data, findings };
    findings.push(
      ...toFindings(parsed.error, { file, locate, severity: 'warning' }).map((finding) => ({
        ...finding,
        code: 'sigma-field-shape',
        message: `${finding.message}: left out`,
      })),
    );
    const dropped = new Set(
      parsed.error.issues.flatMap((issue) => (issue.path.length > 0 ? [String(issue.path[0])] : [])),
    );
    if (dropped.size === 0) break;
    input = Object.fromEntries(Object.entries(input).filter(([key]) => !dropped.has(key))) as typeof input;
  }
  // Every field is optional: the empty mapping always parses.
  return { value: sigmaRuleSchema.parse({}), findings };
}

/** The id lower-cased; a missing one is made from the file name, with a warning. */
function readId(value: unknown, { file, locate }: SigmaCheckContext, findings: Finding[]): string {
  if (value === undefined || value === null || String(value).trim() === '') {
    const derived = `sigma-${toFileStem(file)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`;
    findings.push({
      severity: 'warning',
      file,
      field: 'id',
      code: 'sigma-id-missing',
      message: `the rule has no id (a UUID): published as ${JSON.stringify(derived)}, from the file name, so its permanent link changes if the file is renamed`,
    });
    return derived;
  }
  const id = String(value).trim().toLowerCase();
  findings.push(...checkRuleId(id, file, locate));
  return id;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function toFileStem(file: string): string {
  return basename(file, extname(file));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((key) => value[key] !== undefined).map((key) => [key, value[key]])) as Partial<
    Pick<T, K>
  >;
}
