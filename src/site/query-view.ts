import type { KqlDiagnostic } from '../kql/analysis.ts';
import { highlightKql } from '../kql/highlight.ts';
import { findCachedHighlight } from '../kql/highlight-cache.ts';
import { toHuntingLink } from '../kql/hunting-link.ts';
import { describeQueryTooLarge, measureQueryOverLimit } from '../kql/query-size.ts';
import { siteConfig } from './settings.ts';

export { buildKqlThemeCss } from '../kql/highlight.ts';

/** What a rule page shows of its query besides the text: the highlighted block and a hunting link. */
export type QueryView =
  | {
      /** The query as highlighted HTML (Shiki). */
      html: string;
      /** "Open in Microsoft Defender advanced hunting" with the query and the configured tenant. */
      huntingUrl: string;
    }
  | {
      /**
       * Why the query is shown as plain text, as a sentence: it is over `kql.maxQueryBytes`. No hunting link
       * either: the link carries the whole query, compressed, in a multi-megabyte address.
       */
      tooLarge: string;
    };

/**
 * The highlighted query and its hunting link. The rules loader highlighted every query into
 * the build cache; Shiki starts here only for a query it missed, and for a query with syntax
 * errors, whose lines are marked (few rules have one, and the cache stays one HTML per query).
 * The link is built per page rather than in the site model: compressing every query would cost
 * a rebuild that renders one page a quarter of a second. A query over `kql.maxQueryBytes` gets
 * neither, only the reason.
 * @example (await getQueryView('DeviceNetworkEvents | take 1')).html // → '<pre class="shiki … kql" …'
 */
export async function getQueryView(query: string, diagnostics: readonly KqlDiagnostic[] = []): Promise<QueryView> {
  const maxBytes = siteConfig.kql.maxQueryBytes;
  const tooLarge = measureQueryOverLimit(query, maxBytes);
  if (tooLarge !== undefined) {
    const reason = describeQueryTooLarge(tooLarge, maxBytes);
    return { tooLarge: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.` };
  }
  const marks = diagnostics.map(({ line, column, code, message }) => ({ line, column, message: `${code} ${message}` }));
  return {
    html:
      marks.length > 0
        ? await highlightKql(query, marks)
        : (findCachedHighlight(siteConfig.cacheDir, query) ?? (await highlightKql(query))),
    huntingUrl: toHuntingLink(query, { tenantId: siteConfig.defenderTenantId }),
  };
}
