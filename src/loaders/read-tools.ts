import type { Finding } from '../checks/findings.ts';
import { findRedefinedTools } from '../checks/unique-ids.ts';
import { describeValue, toFindings } from '../checks/zod-findings.ts';
import { type Tool, type ToolInput, toolSchema } from '../schemas/tool.ts';
import { listContentFiles, readText, toDisplayPath } from './content-fs.ts';
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

/**
 * Reads the tool catalog: Huntbook's own entries and LOLRMM-format entries alike, so a team
 * can point HUNTBOOK_TOOLS at both. An id found in several files is merged — lists are
 * joined, the first file's other fields kept — with a warning naming both files.
 */
export function readTools(dirs: readonly string[]): { records: CatalogTool[]; findings: Finding[] } {
  const listing = listContentFiles(dirs, TOOL_EXTENSIONS, 'HUNTBOOK_TOOLS');
  const files = listing.files.map((absolutePath) => {
    const file = toDisplayPath(absolutePath);
    return { file, ...readToolFile(readText(absolutePath), file) };
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
  const records = [...byId.values()].sort((a, b) => a.tool.name.localeCompare(b.tool.name));
  return { records, findings };
}

/** Parses one catalog file in either format and validates it against the tool schema. */
export function readToolFile(rawText: string, file: string): { tool?: Tool; findings: Finding[] } {
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
  const parsed = toolSchema.safeParse(input, { reportInput: true });
  if (!parsed.success)
    return { findings: [...findings, ...toFindings(parsed.error, { file, locate: createYamlLocator(text) })] };
  return { tool: { ...parsed.data, domains: parsed.data.domains.map((domain) => domain.toLowerCase()) }, findings };
}

function mergeTools(first: Tool, second: Tool): Tool {
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
  return {
    ...second,
    ...first,
    domains: union(first.domains, second.domains),
    productNames: union(first.productNames, second.productNames),
    processNames: union(first.processNames, second.processNames),
    aliases: union(first.aliases, second.aliases),
  };
}
