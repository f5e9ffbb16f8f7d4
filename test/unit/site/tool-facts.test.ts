import { describe, expect, test } from 'vitest';
import { toolSchema } from '../../../src/schemas/tool.ts';
import { toToolFacts } from '../../../src/site/tool-facts.ts';

describe('toToolFacts', () => {
  test('lists signers, companies and install paths after the names, leaving empty lists out', () => {
    const tool = toolSchema.parse({
      id: 'harbor-desk',
      name: 'Harbor Desk',
      processNames: ['HarborDesk.exe'],
      signers: ['Harbor Remote GmbH'],
      companies: ['Harbor Remote'],
      installPaths: ['C:\\Program Files\\Harbor Desk\\*'],
    });
    expect(toToolFacts(tool)).toEqual([
      { label: 'Process names', values: ['HarborDesk.exe'] },
      { label: 'Signed by', values: ['Harbor Remote GmbH'] },
      { label: 'Company names', values: ['Harbor Remote'] },
      { label: 'Install paths', values: ['C:\\Program Files\\Harbor Desk\\*'] },
    ]);
  });

  test('a tool known only by name has no facts', () => {
    expect(toToolFacts(toolSchema.parse({ id: 'x', name: 'X' }))).toEqual([]);
  });
});
