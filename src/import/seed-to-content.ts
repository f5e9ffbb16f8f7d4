import type { DumpOptions } from 'js-yaml';
import { dump } from 'js-yaml';
import type { ListItem, Paragraph, PhrasingContent, RootContent, Text } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { type Options as ToMarkdownOptions, toMarkdown } from 'mdast-util-to-markdown';
import { toSlug } from '../model/slug.ts';
import type { SeedDocument, SeedRule } from './seed-document.ts';

/**
 * Turns a parsed seed document into the two files Huntbook reads: a Sentinel rule YAML and a
 * runbook Markdown file. All YAML comes from js-yaml, so quoting is never done by hand.
 */

/**
 * An unlimited line width keeps js-yaml from folding long lines (`>`), so multi-line text
 * comes out as `|` block scalars, the way Sentinel rule files are written.
 */
const DUMP_OPTIONS: DumpOptions = { lineWidth: -1, noRefs: true };

const SENTENCE_END_RE = /[.!?:)]$/;
/** GFM, as Astro reads runbooks: its extension also escapes `~` and bare URLs. */
const MARKDOWN_OPTIONS: ToMarkdownOptions = { bullet: '-', extensions: [gfmToMarkdown()] };

/**
 * Dumps the rule as Sentinel YAML, keys in Sentinel's order; empty optional fields are left out.
 * @example toRuleYaml(doc) // → 'id: 58cbbe97-…\nname: …\ndescription: |\n  …\nquery: |\n  let …\n'
 */
export function toRuleYaml(doc: SeedDocument): string {
  return dump(toRuleObject(doc.rule), DUMP_OPTIONS);
}

/** Builds the rule mapping in Sentinel key order, keeping a single tactic or technique a scalar. */
export function toRuleObject(rule: SeedRule): Record<string, unknown> {
  return {
    id: rule.id,
    name: rule.name,
    ...(rule.description === '' ? {} : { description: rule.description }),
    ...(rule.requiredDataConnectors.length === 0 ? {} : { requiredDataConnectors: rule.requiredDataConnectors }),
    ...(isEmpty(rule.tactics) ? {} : { tactics: rule.tactics }),
    ...(isEmpty(rule.relevantTechniques) ? {} : { relevantTechniques: rule.relevantTechniques }),
    query: rule.query,
  };
}

/** Builds the runbook front matter: the rule id, the hypothesis and the false positives. */
export function toRunbookFrontmatter(doc: SeedDocument): Record<string, unknown> {
  return {
    rule: doc.rule.id,
    ...(doc.hypothesis === '' ? {} : { hypothesis: doc.hypothesis }),
    falsePositives: doc.falsePositives.map((fp) => ({
      scenario: fp.scenario,
      ...(fp.description === undefined ? {} : { description: fp.description }),
      exclusion: fp.exclusion,
    })),
  };
}

/** Writes the runbook: YAML front matter, then a short Markdown body about the data the hunt needs. */
export function toRunbookMarkdown(doc: SeedDocument): string {
  const frontmatter = dump(toRunbookFrontmatter(doc), DUMP_OPTIONS);
  return `---\n${frontmatter}---\n\n${describeDataSources(doc)}`;
}

/**
 * Describes the tables the hunt reads, with the connector that feeds each and the seed's note.
 * Falls back to the connectors' data types when the seed had no table. The text comes from an
 * outside document, so the body is built as a Markdown tree and serialised by
 * mdast-util-to-markdown, which escapes whatever would otherwise be read as markup (`<img …>`,
 * `[x](javascript:…)`, `*`, a leading `#`): the runbook shows the document's text as written.
 */
export function describeDataSources(doc: SeedDocument): string {
  return toMarkdown({ type: 'root', children: toDataSourceBlocks(doc) }, MARKDOWN_OPTIONS);
}

function toDataSourceBlocks(doc: SeedDocument): RootContent[] {
  const connectors = doc.rule.requiredDataConnectors;
  const rows =
    doc.tables.length > 0
      ? doc.tables
      : connectors.flatMap((connector) => connector.dataTypes.map((table) => ({ table, notes: '' })));
  const heading: RootContent = { type: 'heading', depth: 2, children: [{ type: 'text', value: 'Data sources' }] };
  if (rows.length === 0) {
    return [
      heading,
      toParagraph([
        toText('The source document names no tables or data connectors; read the query to see what it needs.'),
      ]),
    ];
  }

  const intro =
    rows.length === 1
      ? 'This hunt reads one table. An empty result only means "nothing found" if that table is receiving data in the workspace.'
      : `This hunt reads ${rows.length} tables. An empty result only means "nothing found" if each of them is receiving data in the workspace.`;
  const items = rows.map(({ table, notes }): ListItem => {
    const feeds = connectors.filter((connector) => connector.dataTypes.includes(table));
    const names = feeds.flatMap((connector, index): PhrasingContent[] => [
      ...(index === 0 ? [] : [toText(' or ')]),
      { type: 'inlineCode', value: connector.connectorId },
    ]);
    const source: PhrasingContent[] =
      feeds.length === 0
        ? []
        : [toText(' (from the '), ...names, toText(` ${feeds.length === 1 ? 'connector' : 'connectors'})`)];
    const note = notes === '' ? [] : [toText(`: ${toSentence(notes)}`)];
    return {
      type: 'listItem',
      spread: false,
      children: [toParagraph([{ type: 'inlineCode', value: table }, ...source, ...note])],
    };
  });
  return [heading, toParagraph([toText(intro)]), { type: 'list', ordered: false, spread: false, children: items }];
}

/**
 * File name for a rule's content files: the same slug its page gets, so a file and its URL
 * are easy to match.
 * @example toContentFileName('Remote Management and Monitoring tool - PDQ - Network Connection')
 *   // → 'remote-management-and-monitoring-tool-pdq-network-connection'
 */
export function toContentFileName(name: string): string {
  return toSlug(name);
}

/** Ends a note with a full stop unless it already has closing punctuation. */
export function toSentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || SENTENCE_END_RE.test(trimmed) ? trimmed : `${trimmed}.`;
}

function toParagraph(children: PhrasingContent[]): Paragraph {
  return { type: 'paragraph', children };
}

function toText(value: string): Text {
  return { type: 'text', value };
}

function isEmpty(value: string | readonly string[]): boolean {
  return value.length === 0;
}
