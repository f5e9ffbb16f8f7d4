import { join } from 'node:path';
import { createRandom, type Random } from './random.ts';
import { assignFileName, createGenericRule, createToolRule, type RuleDraft, type RuleFactory } from './rules.ts';
import { toRunbookText } from './runbooks.ts';
import { type CatalogTool, createSyntheticTools } from './tool-catalog.ts';

/** A file of the corpus, by its path below the folder it belongs in. */
export interface CorpusFile {
  path: string;
  text: string;
}

/** The three folders of a generated detection repository, before anything is written. */
export interface CorpusFiles {
  tools: CorpusFile[];
  rules: CorpusFile[];
  runbooks: CorpusFile[];
}

/** Share of rules that get a runbook. */
const RUNBOOK_SHARE = 0.8;
/** Share of rules drawn from the bundled catalog rather than the synthetic tools. */
const BUNDLED_TOOL_SHARE = 0.6;
/** Share of rules about no particular tool. */
const GENERIC_SHARE = 0.03;

/**
 * Draws every file of a corpus from one generator seeded with `seed`: the catalog (bundled
 * tools plus one synthetic tool per 50 rules), then each rule and, for most, its runbook.
 * @example drawCorpus({rules: 2, seed: 1}, bundled).rules.map((file) => file.path)
 *   // → ['Detections/DeviceNetworkEvents/…/remote-management-and-monitoring-tool-….yaml', …]
 */
export function drawCorpus(options: { rules: number; seed: number }, bundled: readonly CatalogTool[]): CorpusFiles {
  const random = createRandom(options.seed);
  const synthetic = createSyntheticTools(
    random,
    Math.ceil(options.rules / 50),
    bundled.map((entry) => entry.tool),
  );
  const tools = [...bundled, ...synthetic].map((entry) => ({ path: entry.fileName, text: entry.text }));

  const factory: RuleFactory = {
    random,
    tools: bundled,
    usedIds: new Set(),
    usedNames: new Set(),
    usedPaths: new Set(),
  };
  const syntheticFactory: RuleFactory = { ...factory, tools: synthetic.length > 0 ? synthetic : bundled };
  const rules: CorpusFile[] = [];
  const runbooks: CorpusFile[] = [];
  for (let index = 0; index < options.rules; index++) {
    const draft = assignFileName(factory, drawRule(random, factory, syntheticFactory));
    rules.push({ path: join(draft.folder, `${draft.baseName}.yaml`), text: draft.yaml });
    if (random.chance(RUNBOOK_SHARE))
      runbooks.push({ path: `${draft.baseName}.md`, text: toRunbookText(random, draft) });
  }
  return { tools, rules, runbooks };
}

function drawRule(random: Random, bundled: RuleFactory, synthetic: RuleFactory): RuleDraft {
  if (random.chance(GENERIC_SHARE)) return createGenericRule(bundled);
  return createToolRule(random.chance(BUNDLED_TOOL_SHARE) ? bundled : synthetic);
}
