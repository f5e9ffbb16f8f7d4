import { describe, expect, test } from 'vitest';
import { loadAttackIndex } from '../../../src/attack/attack-fs.ts';
import { analyzeKql } from '../../../src/kql/analysis.ts';
import { completeRules, parseRuleFiles } from '../../../src/loaders/read-rules.ts';
import { readTools } from '../../../src/loaders/read-tools.ts';
import { listSigmaIndicators } from '../../../src/lookup/lookup-sources.ts';
import { buildSiteModel } from '../../../src/model/site-model.ts';
import { toSigmaTelemetryKinds } from '../../../src/model/telemetry.ts';

const attack = loadAttackIndex();
const { records, findings } = completeRules(
  parseRuleFiles([], attack, undefined, ['test/fixtures/sigma/rules']),
  analyzeKql,
);
const { model } = buildSiteModel({
  rules: records,
  runbooks: [],
  tools: readTools(['content/tools']).records,
  attack,
  config: { sourceRoot: process.cwd() },
  findings,
});
const byName = (name: RegExp) => model.rules.find((rule) => name.test(rule.name));

describe('Sigma rules in the site model', () => {
  test('are rules of the sigma format, with the platform their logsource names', () => {
    expect(model.rules.every((rule) => rule.format === 'sigma' && rule.sigma)).toBe(true);
    expect(byName(/AnyDesk Started/)).toMatchObject({ platform: 'windows', techniqueIds: ['T1219.002'] });
  });

  test('take their telemetry from the logsource and their tool from the detection values', () => {
    const anydesk = byName(/AnyDesk Started/);
    expect(anydesk?.telemetry.map((kind) => kind.id)).toEqual(['process']);
    expect(anydesk?.tools.map((tool) => tool.toolId)).toEqual(['anydesk']);
    const rustdesk = byName(/RustDesk/);
    expect(rustdesk?.telemetry.map((kind) => kind.id)).toEqual(['network']);
    expect(rustdesk?.tools.map((tool) => tool.toolId)).toContain('rustdesk');
  });

  test('a rule without conversion says why, and still has its tool and telemetry', () => {
    const unsupported = byName(/TeamViewer/);
    expect(unsupported?.queryUnavailable).toMatch(/^no KQL conversion: .*base64offset/);
    expect(unsupported?.analysis).toBeUndefined();
    expect(unsupported?.telemetry.map((kind) => kind.id)).toEqual(['process']);
    expect(unsupported?.tools.map((tool) => tool.toolId)).toEqual(['teamviewer']);
  });

  test('the tool matrix counts them under the tool and telemetry', () => {
    const anydesk = model.tools.find((view) => view.tool.id === 'anydesk');
    const process = anydesk?.coverage.find((cell) => cell.telemetry.id === 'process');
    expect(process?.rules.map((rule) => rule.name)).toContain('AnyDesk Started From An Unusual Folder');
  });

  test('their detection values are lookup indicators, also without a conversion', () => {
    const unsupported = byName(/TeamViewer/);
    expect(unsupported && listSigmaIndicators(unsupported)).toEqual([
      { value: 'TeamViewer.exe assignment', kind: 'other', column: 'CommandLine' },
    ]);
  });
});

describe('toSigmaTelemetryKinds', () => {
  test('a matrix kind is the matrix column itself; any other is a kind of its own', () => {
    expect(toSigmaTelemetryKinds({ id: 'dns', label: 'DNS' })[0]?.dataComponentId).toBe('DC0103');
    expect(toSigmaTelemetryKinds({ id: 'image-load', label: 'Image load' })).toEqual([
      { id: 'image-load', label: 'Image load', dataComponentId: '' },
    ]);
    expect(toSigmaTelemetryKinds(undefined)).toEqual([]);
  });
});
