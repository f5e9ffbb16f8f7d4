/**
 * The one facade pages, components, layouts and endpoints read: the site model and coverage
 * views, the build's findings, page cache keys, settings, routes, exports and highlighted queries. No page reads a
 * cache file, an export or a data file itself, and no page builds a route by hand.
 */
export type { ContentErrorsView } from './content-errors-view.ts';
export { type CoverageViews, getAttackIndex, getCoverage, getPageCacheKeys, getSiteModel } from './data.ts';
export { getContentErrors, getSearchStatus, type SearchStatus } from './dev-status.ts';
export { type ExtraLayer, getGapsCsv, getNavigatorLayerJson, getRulesExportJson, listExtraLayers } from './exports.ts';
export { getLookupIndex, getLookupShardFiles } from './lookup.ts';
export type { ProblemsView, ProblemView } from './problem-views.ts';
export { getProblems, getProblemsJson, getProblemsSarif } from './problems.ts';
export { buildKqlThemeCss, getQueryView, type QueryView } from './query-view.ts';
export { getRunbookNotes, type RunbookNotes } from './runbook-notes.ts';
export { branding, exportRoutes, routes, siteConfig } from './settings.ts';
export { getSigmaView, type SigmaView, toSigmaFalsePositives } from './sigma-view.ts';
export { type ToolFact, toToolFacts } from './tool-facts.ts';
