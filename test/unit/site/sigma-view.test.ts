import { describe, expect, test } from 'vitest';
import { describeItem, toSelectionView } from '../../../src/site/sigma-view.ts';

describe('toSelectionView', () => {
  test('a map is one alternative: its tests are all needed', () => {
    expect(
      toSelectionView('selection', [
        [
          { field: 'Image', modifiers: ['endswith'], values: ['\\AnyDesk.exe'] },
          { field: 'CommandLine', modifiers: ['contains', 'all'], values: ['--install', '--silent'] },
        ],
      ]),
    ).toEqual({
      name: 'selection',
      match: 'all',
      tests: ['Image endswith \\AnyDesk.exe', 'CommandLine contains all of --install, --silent'],
    });
  });

  test('a list of maps is alternatives, one of which is enough; a map of several tests joins them with "and"', () => {
    expect(
      toSelectionView('selection_name', [
        [{ field: 'Image', modifiers: ['endswith'], values: ['\\AnyDesk.exe'] }],
        [
          { field: 'Product', modifiers: [], values: ['AnyDesk'] },
          { field: 'Company', modifiers: [], values: [null] },
        ],
      ]),
    ).toEqual({
      name: 'selection_name',
      match: 'any',
      tests: ['Image endswith \\AnyDesk.exe', 'Product is AnyDesk and Company is (empty)'],
    });
  });
});

describe('describeItem', () => {
  test.each([
    [{ field: 'DestinationPort', modifiers: [], values: [443, 80] }, 'DestinationPort is any of 443, 80'],
    [{ modifiers: [], values: ['anydesk'] }, 'keyword anydesk'],
    [{ field: 'DestinationIp', modifiers: ['cidr'], values: ['10.0.0.0/8'] }, 'DestinationIp cidr 10.0.0.0/8'],
  ])('%o → %s', (item, expected) => {
    expect(describeItem(item)).toBe(expected);
  });
});
