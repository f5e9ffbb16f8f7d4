import { checkDates } from '../checks/date-values.ts';
import type { Finding } from '../checks/findings.ts';
import { describeValue, type FieldLocator, toFindings } from '../checks/zod-findings.ts';
import { falsePositiveSchema, type RunbookFrontmatter, runbookFrontmatterSchema } from '../schemas/runbook.ts';
import { readKnownKeys } from './frontmatter-keys.ts';
import { createYamlLocator } from './yaml-locate.ts';
import { loadYaml, normalizeText } from './yaml-text.ts';

const FRONTMATTER_RE = /^---[ \t]*\n([\s\S]*?\n)?---[ \t]*(?:\n|$)/;

export interface ParsedRunbook {
  frontmatter?: RunbookFrontmatter;
  /** Markdown below the front matter: the triage notes. */
  body: string;
  findings: Finding[];
  /** Places a front-matter field in the file. */
  locate: FieldLocator;
}

/** Splits a runbook into validated front matter and its Markdown body. */
export function parseRunbook(rawText: string, file: string): ParsedRunbook {
  const text = normalizeText(rawText);
  const match = FRONTMATTER_RE.exec(text);
  if (!match) {
    return {
      body: text,
      locate: () => undefined,
      findings: [
        {
          severity: 'error',
          file,
          line: 1,
          message: 'has no front matter: start the file with a "---" block that names its rule',
        },
      ],
    };
  }
  const yamlText = match[1] ?? '';
  const body = text.slice(match[0].length);
  // Front matter starts on line 2 of the file.
  const locate = createYamlLocator(yamlText, 1);
  const loaded = loadYaml(yamlText, file, 1);
  if (!loaded.ok) return { body, locate, findings: [loaded.finding] };
  const data = loaded.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      body,
      locate,
      findings: [
        { severity: 'error', file, line: 2, message: `front matter must be a mapping, got ${describeValue(data)}` },
      ],
    };
  }
  const keys = readFrontmatterKeys(data as Record<string, unknown>, file, locate);
  const dates = checkDates(data, { file, locate });
  const parsed = runbookFrontmatterSchema.safeParse(keys.data, { reportInput: true });
  if (!parsed.success) {
    return { body, locate, findings: [...keys.findings, ...dates, ...toFindings(parsed.error, { file, locate })] };
  }
  return {
    frontmatter: { ...parsed.data, rule: parsed.data.rule.toLowerCase() },
    body,
    locate,
    findings: [...keys.findings, ...dates],
  };
}

const FRONTMATTER_KEYS = Object.keys(runbookFrontmatterSchema.shape);
const FALSE_POSITIVE_KEYS = Object.keys(falsePositiveSchema.shape);

/** The front matter with its keys and those of each false-positive scenario checked (see readKnownKeys). */
function readFrontmatterKeys(
  data: Record<string, unknown>,
  file: string,
  locate: FieldLocator,
): { data: Record<string, unknown>; findings: Finding[] } {
  const top = readKnownKeys(data, FRONTMATTER_KEYS, { file, locate });
  const scenarios = top.data.falsePositives;
  if (!Array.isArray(scenarios)) return top;
  const findings = [...top.findings];
  const read = scenarios.map((scenario, index) => {
    if (typeof scenario !== 'object' || scenario === null || Array.isArray(scenario)) return scenario;
    const item = readKnownKeys(scenario, FALSE_POSITIVE_KEYS, { file, locate, path: ['falsePositives', index] });
    findings.push(...item.findings);
    return item.data;
  });
  return { data: { ...top.data, falsePositives: read }, findings };
}
