import { describe, expect, test } from 'vitest';
import { readStringList } from '../../../src/schemas/string-list.ts';

describe('readStringList', () => {
  test.each([
    { value: undefined, items: [], problems: [] },
    { value: null, items: [], problems: [] },
    { value: 'T1219', items: ['T1219'], problems: [] },
    { value: ['T1219', 'T1133'], items: ['T1219', 'T1133'], problems: [] },
    { value: [1078, true], items: ['1078', 'true'], problems: [] },
    { value: ['T1219', null], items: ['T1219'], problems: [] },
    {
      value: [['Persistence', 'Execution'], 'Impact'],
      items: ['Persistence', 'Execution', 'Impact'],
      problems: [{ index: 0, message: 'item 1 is a list inside the list: read as Persistence, Execution' }],
    },
    {
      value: ['T1219', { id: 'T1133' }],
      items: ['T1219'],
      problems: [{ index: 1, message: 'item 2 is a mapping, not a string: left out' }],
    },
    {
      value: { id: 'T1133' },
      items: [],
      problems: [{ message: 'is a mapping, not a string or a list of strings: left out' }],
    },
  ])('$value', ({ value, items, problems }) => {
    expect(readStringList(value)).toEqual({ items, problems });
  });
});
