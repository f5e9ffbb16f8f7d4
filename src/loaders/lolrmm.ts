import type { Finding } from '../checks/findings.ts';
import { toSlug } from '../model/slug.ts';
import type { ToolInput } from '../schemas/tool.ts';

/**
 * Reader for the LOLRMM community catalog format (one YAML mapping per tool, capitalised keys).
 * Community files are written by hand, so empty strings, nulls and single values where a
 * list is expected are all normal and are tolerated; only a missing tool name is an error.
 */

/** LOLRMM writes this instead of a domain when the customer hosts the server. */
const SELF_HOSTED_PLACEHOLDER = 'user_managed';

/** LOLRMM has no technique field; every entry it lists is remote desktop software. */
const LOLRMM_TECHNIQUE = 'T1219.002';

const URL_SCHEME_RE = /^[a-z][a-z0-9+.-]*:\/\//i;
/** A host name with at least one dot, so placeholders like `N/A` are not mistaken for a site. */
const DOTTED_HOSTNAME_RE = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

type Mapping = Record<string, unknown>;

/**
 * Tells a LOLRMM file from one in Huntbook's own format: LOLRMM capitalises `Name`,
 * ours uses lowercase `name` and `id`.
 * @example isLolrmmEntry({ Name: 'AnyDesk' }) // → true
 * @example isLolrmmEntry({ id: 'anydesk', name: 'AnyDesk' }) // → false
 */
export function isLolrmmEntry(data: unknown): boolean {
  return isMapping(data) && 'Name' in data && !('name' in data) && !('id' in data);
}

/**
 * Maps one parsed LOLRMM file to tool input for `toolSchema`; the tool is absent when the
 * entry has no usable name, and the findings say why.
 * @example fromLolrmmEntry({ Name: 'Atera', Artifacts: { Network: [{ Domains: ['*.atera.com'] }] } }, 'atera.yaml')
 *   // → { tool: { id: 'atera', name: 'Atera', domains: ['*.atera.com'], … }, findings: [] }
 */
export function fromLolrmmEntry(data: unknown, file: string): { tool?: ToolInput; findings: Finding[] } {
  if (!isMapping(data)) {
    return {
      findings: [{ severity: 'error', file, message: 'is not a LOLRMM entry (expected a mapping with a Name field)' }],
    };
  }
  const name = toText(data.Name);
  if (name === undefined) {
    return {
      findings: [
        {
          severity: 'error',
          file,
          field: 'Name',
          message: 'is missing or empty; every LOLRMM entry needs a tool name',
        },
      ],
    };
  }
  const id = toSlug(name);
  if (id === '') {
    return {
      findings: [
        { severity: 'error', file, field: 'Name', message: `"${name}" has no letters or digits to build an id from` },
      ],
    };
  }

  const findings: Finding[] = [];
  const details = isMapping(data.Details) ? data.Details : {};
  const artifacts = isMapping(data.Artifacts) ? data.Artifacts : {};
  const peMetadata = toMappings(details.PEMetadata);
  // Newer entries also list the certificates of downloaded installers: who signed them, and
  // the company the signed file names in its version information.
  const certificates = toMappings(isMapping(data.CodeSigning) ? data.CodeSigning.certificates : undefined);

  const tool: ToolInput = {
    id,
    name,
    category: readCategory(data.Category, file, findings),
    technique: LOLRMM_TECHNIQUE,
    domains: collectDomains(artifacts.Network),
    productNames: dedupe(peMetadata.map((entry) => toText(entry.Product))),
    processNames: dedupe(peMetadata.flatMap((entry) => [toText(entry.Filename), toText(entry.OriginalFileName)])),
    signers: dedupe([
      ...peMetadata.map((entry) => toText(entry.Signer)),
      ...certificates.map((cert) => toText(cert.signer_name)),
    ]),
    companies: dedupe([
      ...peMetadata.map((entry) => toText(entry.Company)),
      ...certificates.map((cert) => toText(cert.src_file_company)),
    ]),
    installPaths: toTextList(details.InstallationPaths),
    aliases: toTextList(data.Aliases),
  };
  const website = readWebsite(details.Website, file, findings);
  if (website !== undefined) tool.website = website;
  const description = toText(data.Description);
  if (description !== undefined) tool.description = description;
  return { tool, findings };
}

/**
 * Turns a LOLRMM website into an absolute URL, adding `https://` when the scheme is missing;
 * anything that still is not a web address becomes undefined.
 * @example normalizeWebsite('www.action1.com') // → 'https://www.action1.com'
 * @example normalizeWebsite('N/A') // → undefined
 */
export function normalizeWebsite(raw: string): string | undefined {
  const candidate = URL_SCHEME_RE.test(raw) ? raw : `https://${raw}`;
  if (!URL.canParse(candidate)) return undefined;
  const url = new URL(candidate);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return DOTTED_HOSTNAME_RE.test(url.hostname) ? candidate : undefined;
}

/**
 * Gathers the domains of every `Artifacts.Network` entry, lowercased and deduplicated, without
 * the self-hosted placeholder. Wildcards such as `*.anydesk.com` are kept as written.
 * @example collectDomains([{ Domains: ['*.Atera.com', 'user_managed'] }]) // → ['*.atera.com']
 */
export function collectDomains(network: unknown): string[] {
  const domains = toMappings(network).flatMap((entry) => toTextList(entry.Domains));
  return dedupe(domains.map((domain) => domain.toLowerCase()).filter((domain) => domain !== SELF_HOSTED_PLACEHOLDER));
}

/** Keeps `RAT`; anything else becomes the schema's `RMM`, with a warning when it was a different word. */
function readCategory(raw: unknown, file: string, findings: Finding[]): 'RMM' | 'RAT' {
  const category = toText(raw)?.toUpperCase();
  if (category === 'RAT') return 'RAT';
  if (category !== undefined && category !== 'RMM') {
    findings.push({
      severity: 'warning',
      file,
      field: 'Category',
      message: `unknown category "${toText(raw)}", using RMM`,
    });
  }
  return 'RMM';
}

/** Reads `Details.Website`, warning when a non-empty value had to be dropped so authors can fix it. */
function readWebsite(raw: unknown, file: string, findings: Finding[]): string | undefined {
  const text = toText(raw);
  if (text === undefined) return undefined;
  const website = normalizeWebsite(text);
  if (website === undefined) {
    findings.push({
      severity: 'warning',
      file,
      field: 'Details.Website',
      message: `"${text}" is not a web address, left out`,
    });
  }
  return website;
}

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** LOLRMM writes a single mapping or a list of them interchangeably; nulls inside lists are skipped. */
function toMappings(value: unknown): Mapping[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter(isMapping);
}

/** Trimmed text of a scalar; YAML turns values like `1.0` into numbers, so those count as text too. */
function toText(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** A scalar or a list of scalars as non-empty strings. */
function toTextList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return dedupe(items.map(toText));
}

/** Drops missing values and repeats while keeping first-seen order. */
function dedupe(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}
