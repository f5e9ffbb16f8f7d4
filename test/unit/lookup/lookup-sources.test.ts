import { expect, test } from 'vitest';
import { toLookupSources } from '../../../src/lookup/lookup-sources.ts';
import type { SiteModel } from '../../../src/model/site-model.ts';
import { createRoutes } from '../../../src/site/routes.ts';

test('rules bring their query indicators, catalogued tools their facts, optional ones included', () => {
  const model = {
    rules: [
      {
        name: 'AnyDesk - Network',
        slug: 'anydesk-network',
        id: '0a3c5e71-2b4d-4f68-9a1c-3e5f7b9d1a01',
        analysis: { indicators: [{ value: 'anydesk.com', kind: 'domain', column: 'RemoteUrl' }] },
      },
      { name: 'No analysis', slug: 'no-analysis', id: 'x' },
    ],
    tools: [
      {
        catalogued: true,
        tool: {
          id: 'anydesk',
          name: 'AnyDesk',
          vendor: 'AnyDesk Software GmbH',
          domains: ['*.anydesk.com'],
          productNames: [],
          processNames: ['AnyDesk.exe'],
          aliases: [],
          signers: ['philandro Software GmbH'],
        },
      },
      {
        catalogued: false,
        tool: { id: 'ghost', name: 'Ghost', domains: [], productNames: [], processNames: [], aliases: [] },
      },
    ],
  } as unknown as SiteModel;
  expect(toLookupSources(model, createRoutes('/soc/'))).toEqual({
    rules: [
      {
        title: 'AnyDesk - Network',
        url: '/soc/rules/anydesk-network/',
        id: '0a3c5e71-2b4d-4f68-9a1c-3e5f7b9d1a01',
        indicators: [{ value: 'anydesk.com', kind: 'domain', column: 'RemoteUrl' }],
      },
      { title: 'No analysis', url: '/soc/rules/no-analysis/', id: 'x', indicators: [] },
    ],
    tools: [
      {
        title: 'AnyDesk',
        url: '/soc/tools/anydesk/',
        facts: {
          name: ['AnyDesk'],
          vendor: ['AnyDesk Software GmbH'],
          domains: ['*.anydesk.com'],
          productNames: [],
          processNames: ['AnyDesk.exe'],
          aliases: [],
          signers: ['philandro Software GmbH'],
        },
      },
    ],
  });
});
