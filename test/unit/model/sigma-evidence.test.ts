import { describe, expect, test } from 'vitest';
import { listSigmaEvidence } from '../../../src/model/sigma-evidence.ts';
import { createToolMatcher } from '../../../src/model/tool-matching.ts';
import { toolSchema } from '../../../src/schemas/tool.ts';

const selection = (name: string, field: string | undefined, ...values: string[]) => ({
  name,
  groups: [[{ ...(field ? { field } : {}), modifiers: ['endswith'], values }]],
});

describe('listSigmaEvidence', () => {
  test('leaves out the selections the condition negates', () => {
    const summary = {
      selections: [
        selection('selection_img', 'Image', '\\AnyDesk.exe'),
        selection('filter_main', 'Image', '\\TeamViewer.exe'),
        selection('filter_other', 'Image', '\\rustdesk.exe'),
      ],
      condition: ['selection_img and not 1 of filter_*'],
    };
    expect(listSigmaEvidence(summary)).toEqual([{ field: 'Image', value: '\\AnyDesk.exe' }]);
  });

  test('keeps keywords and drops null values', () => {
    const summary = {
      selections: [{ name: 'keywords', groups: [[{ modifiers: [], values: ['anydesk.com', null] }]] }],
      condition: ['keywords'],
    };
    expect(listSigmaEvidence(summary)).toEqual([{ value: 'anydesk.com' }]);
  });
});

describe('tool matching from Sigma detection values', () => {
  const catalog = [
    toolSchema.parse({
      id: 'anydesk',
      name: 'AnyDesk',
      domains: ['*.anydesk.com'],
      processNames: ['AnyDesk.exe'],
      productNames: ['AnyDesk'],
      companies: ['AnyDesk Software GmbH'],
      signers: ['philandro Software GmbH'],
    }),
    toolSchema.parse({ id: 'screenconnect', name: 'ScreenConnect', domains: ['screenconnect.com'] }),
  ];
  const matcher = createToolMatcher(catalog);
  const match = (field: string | undefined, value: string) =>
    matcher.match({
      name: 'Remote access software started',
      query: '',
      detectionValues: [{ ...(field ? { field } : {}), value }],
    });

  test.each([
    { field: 'Image', value: '\\AnyDesk.exe', reason: 'detection process name' },
    { field: 'OriginalFileName', value: 'anydesk.exe', reason: 'detection process name' },
    { field: 'TargetFilename', value: 'C:\\Users\\*\\Downloads\\AnyDesk.exe', reason: 'detection process name' },
    { field: 'DestinationHostname', value: '.anydesk.com', reason: 'detection domain' },
    { field: 'QueryName', value: 'relay-1.net.anydesk.com', reason: 'detection domain' },
    { field: 'Product', value: 'AnyDesk', reason: 'detection product name' },
    { field: 'Company', value: 'AnyDesk Software GmbH', reason: 'detection company' },
    { field: 'Signature', value: 'philandro Software GmbH', reason: 'detection signer' },
    { field: undefined, value: '*anydesk.com*', reason: 'detection domain' },
  ])('$field $value', ({ field, value, reason }) => {
    expect(match(field, value)).toEqual([{ toolId: 'anydesk', reason, evidence: value }]);
  });

  test('a company name outside a signer field is no evidence', () => {
    expect(match('Description', 'AnyDesk Software GmbH')).toEqual([]);
  });

  test('the title names the tool when no value does', () => {
    expect(matcher.match({ name: 'ScreenConnect Remote Session', query: '', detectionValues: [] })).toEqual([
      { toolId: 'screenconnect', reason: 'rule name', evidence: 'ScreenConnect' },
    ]);
  });
});
