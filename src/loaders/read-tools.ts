import type { Finding } from '../checks/findings.ts';
import { findRedefinedTools } from '../checks/unique-ids.ts';
import { describeValue, toFindings } from '../checks/zod-findings.ts';
import { type Tool, type ToolInput, toolSchema } from '../schemas/tool.ts';
import { type ExcludedCount, listContentFiles, readContentText, toDisplayPath } from './content-fs.ts';
import type { ContentLocation } from './content-location.ts';
import { toTopLevelFieldAt, withFields } from './field-at-line.ts';
import { fromLolrmmEntry, isLolrmmEntry } from './lolrmm.ts';
import { createYamlLocator } from './yaml-locate.ts';
import { loadYaml, normalizeText } from './yaml-text.ts';

export const TOOL_EXTENSIONS = ['.yaml', '.yml'];

/** A catalog tool and the files it was read from. */
export interface CatalogTool {
  /** Every file the entry was read from (more than one when catalogs overlap). */
  files: string[];
  tool: Tool;
}

/** The list fields of a tool: joined, never replaced, when two files describe one tool. */
const TOOL_LIST_FIELDS = [
  'domains',
  'productNames',
  'processNames',
  'signers',
  'companies',
  'installPaths',
  'aliases',
] as const;

/**
 * Reads the tool catalog: Huntbook's own entries and LOLRMM-format entries alike, so a team
 * can point `content.tools` at both. Two layers:
 * - the bundled catalog is read first; a file of the user's whose id is a bundled tool's
 *   extends that tool: the fields it writes replace the bundled ones, its lists (domains,
 *   product and process names, signers, companies, install paths, aliases) are added to the bundled lists, and it needs
 *   no `name` of its own. That is what a team does on purpose, so it is no finding;
 * - within one layer, an id found in several files is merged — lists are joined, the first
 *   file's other fields kept — with a warning naming both files: two catalogs that overlap.
 */
export function readTools(locations: readonly (string | ContentLocation)[]): {
  records: CatalogTool[];
  findings: Finding[];
  excluded: ExcludedCount[];
} {
  const isBundled = (location: string | ContentLocation) =>
    typeof location !== 'string' && location.origin.kind === 'bundled';
  const bundled = readCatalogLayer(locations.filter(isBundled));
  const own = readCatalogLayer(
    locations.filter((location) => !isBundled(location)),
    (id) => bundled.byId.get(id)?.tool,
  );
  const byId = new Map(bundled.byId);
  for (const [id, entry] of own.byId) {
    const extended = byId.get(id);
    byId.set(id, extended ? { files: [...extended.files, ...entry.files], tool: entry.tool } : entry);
  }
  const records = [...byId.values()].sort((a, b) => a.tool.name.localeCompare(b.tool.name));
  return {
    records,
    findings: [...bundled.findings, ...own.findings],
    excluded: [...bundled.excluded, ...own.excluded],
  };
}

/** One layer of the catalog: its files read, a tool in several of them merged with a warning. */
function readCatalogLayer(locations: readonly (string | ContentLocation)[], extend?: ExtendedTool) {
  // The catalog only adds evidence to rules: a tool location that gives nothing is a warning.
  const listing = listContentFiles(locations, TOOL_EXTENSIONS, { setting: 'HUNTBOOK_TOOLS', missing: 'warning' });
  const files = listing.files.map((absolutePath) => {
    const file = toDisplayPath(absolutePath);
    const decoded = readContentText(absolutePath, file);
    const read = readToolFile(decoded.text, file, extend);
    const encoding = withFields(decoded.findings, (line) => toTopLevelFieldAt(decoded.text, line));
    return { file, ...read, findings: [...encoding, ...read.findings] };
  });
  const redefinitions = findRedefinedTools(
    files.flatMap(({ file, tool }) => (tool ? [{ file, toolId: tool.id }] : [])),
  );
  const redefinitionByFile = new Map(redefinitions.map((finding) => [finding.file, finding]));
  const findings = [...listing.findings];
  const byId = new Map<string, CatalogTool>();
  for (const { file, tool, findings: fileFindings } of files) {
    findings.push(...fileFindings);
    if (!tool) continue;
    const existing = byId.get(tool.id);
    if (!existing) {
      byId.set(tool.id, { files: [file], tool });
      continue;
    }
    const redefinition = redefinitionByFile.get(file);
    if (redefinition) findings.push(redefinition);
    existing.tool = mergeTools(existing.tool, tool);
    existing.files.push(file);
  }
  return { byId, findings, excluded: listing.excluded };
}

/** The bundled tool a file of the user's extends, by id. */
type ExtendedTool = (id: string) => Tool | undefined;

/** Parses one catalog file in either format and validates it against the tool schema. */
export function readToolFile(
  rawText: string,
  file: string,
  extend?: ExtendedTool,
): { tool?: Tool; findings: Finding[] } {
  const text = normalizeText(rawText);
  const loaded = loadYaml(text, file);
  if (!loaded.ok) return { findings: [loaded.finding] };
  const data = loaded.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      findings: [
        {
          severity: 'error',
          file,
          message: `must be a YAML mapping (a tool entry), got ${data == null ? 'an empty file' : describeValue(data)}`,
        },
      ],
    };
  }
  let input: unknown = data;
  const findings: Finding[] = [];
  if (isLolrmmEntry(data)) {
    const converted = fromLolrmmEntry(data, file);
    findings.push(...converted.findings);
    if (!converted.tool) return { findings };
    input = converted.tool satisfies ToolInput;
  }
  const extended =
    extend && typeof (input as { id?: unknown }).id === 'string' ? extend((input as Tool).id) : undefined;
  if (extended) input = extendTool(extended, input as Record<string, unknown>);
  const parsed = toolSchema.safeParse(input, { reportInput: true });
  if (!parsed.success)
    return { findings: [...findings, ...toFindings(parsed.error, { file, locate: createYamlLocator(text) })] };
  return { tool: { ...parsed.data, domains: parsed.data.domains.map((domain) => domain.toLowerCase()) }, findings };
}

function mergeTools(first: Tool, second: Tool): Tool {
  const merged: Tool = { ...second, ...first };
  for (const field of TOOL_LIST_FIELDS) merged[field] = [...new Set([...first[field], ...second[field]])];
  return merged;
}

/**
 * A user's entry over a bundled tool, before validation: the fields it writes win, its lists
 * are added to the bundled ones (a list that is not a list is left for the schema to report).
 * @example extendTool(anydesk, { id: 'anydesk', domains: ['relay.corp.example'] }).domains // → [...anydesk.domains, 'relay.corp.example']
 */
export function extendTool(bundled: Tool, input: Record<string, unknown>): Record<string, unknown> {
  const extended: Record<string, unknown> = { ...bundled, ...input };
  for (const field of TOOL_LIST_FIELDS) {
    const added = input[field];
    if (Array.isArray(added)) extended[field] = [...new Set([...bundled[field], ...added])];
  }
  return extended;
}
