import { describe, expect, test } from 'vitest';
import { listDetectionValues, listSelectionValues, summariseDetection } from '../../../src/sigma/index.ts';

describe('summariseDetection', () => {
  test('keeps selections, values and the condition as written', () => {
    const summary = summariseDetection({
      selection: { 'Image|endswith': ['\\AnyDesk.exe', '\\rustdesk.exe'], DestinationPort: 443 },
      alternatives: [{ OriginalFileName: 'AnyDesk.exe' }, { Company: null }],
      keywords: ['anydesk', 7],
      timeframe: '1h',
      condition: ['selection and not 1 of alternatives', 'keywords'],
    });
    expect(summary).toEqual({
      selections: [
        {
          name: 'selection',
          groups: [
            [
              { field: 'Image', modifiers: ['endswith'], values: ['\\AnyDesk.exe', '\\rustdesk.exe'] },
              { field: 'DestinationPort', modifiers: [], values: [443] },
            ],
          ],
        },
        {
          name: 'alternatives',
          groups: [
            [{ field: 'OriginalFileName', modifiers: [], values: ['AnyDesk.exe'] }],
            [{ field: 'Company', modifiers: [], values: [null] }],
          ],
        },
        { name: 'keywords', groups: [[{ modifiers: [], values: ['anydesk', 7] }]] },
      ],
      condition: ['selection and not 1 of alternatives', 'keywords'],
      timeframe: '1h',
    });
  });

  test.each([undefined, null, 'text', 3, [], { condition: 7 }, { sel: { a: { b: 1 } }, condition: 'sel' }])(
    'never throws on %j',
    (detection) => {
      expect(() => summariseDetection(detection)).not.toThrow();
    },
  );
});

describe('listDetectionValues', () => {
  test('lists each value once with its field, without end wildcards or escapes', () => {
    expect(
      listDetectionValues({
        sel: { 'Image|endswith': '\\AnyDesk.exe', DestinationHostname: ['*.anydesk.com', '*.anydesk.com'] },
        other: { CommandLine: 'say \\*hi\\*', Company: null, LogonId: true, 'CommandLine|re': '^a.*$' },
        keywords: ['TeamViewer', 5938],
        condition: 'sel',
      }),
    ).toEqual([
      { field: 'Image', value: '\\AnyDesk.exe' },
      { field: 'DestinationHostname', value: '.anydesk.com' },
      { field: 'CommandLine', value: 'say *hi*' },
      { field: 'CommandLine', value: '^a.*$' },
      { value: 'TeamViewer' },
      { value: '5938' },
    ]);
  });

  test('is empty for junk', () => {
    expect(listDetectionValues('junk')).toEqual([]);
  });
});

describe('listSelectionValues', () => {
  test('lists every text or number as written, with its field and modifiers, and leaves out null and booleans', () => {
    expect(
      listSelectionValues([
        {
          name: 'sel',
          groups: [
            [{ field: 'Image', modifiers: ['endswith'], values: ['\\AnyDesk.exe', null] }],
            [{ field: 'DestinationPort', modifiers: [], values: [443, true] }],
          ],
        },
        { name: 'keywords', groups: [[{ modifiers: [], values: ['*anydesk*'] }]] },
      ]),
    ).toEqual([
      { field: 'Image', value: '\\AnyDesk.exe', modifiers: ['endswith'] },
      { field: 'DestinationPort', value: '443', modifiers: [] },
      { value: '*anydesk*', modifiers: [] },
    ]);
  });
});
