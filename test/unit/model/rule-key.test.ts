import { describe, expect, test } from 'vitest';
import { assignRuleKeys, toKeySuffix } from '../../../src/model/rule-key.ts';

const ID = '58cbbe97-f835-4677-9bee-203b1df29600';
const OTHER_ID = '00000000-0000-4000-8000-000000000000';

describe('assignRuleKeys', () => {
  test('the first file with an id is keyed by the id, later ones by the id and a digest of their path', () => {
    const keys = assignRuleKeys([
      { file: 'rules/Detections/a.yaml', rule: { id: ID } },
      { file: 'rules/b.yaml', rule: { id: OTHER_ID } },
      { file: 'rules/Solutions/a.yaml', rule: { id: ID } },
    ]);
    expect(keys[0]).toBe(ID);
    expect(keys[1]).toBe(OTHER_ID);
    expect(keys[2]).toMatch(new RegExp(`^${ID}-[0-9a-f]{8}$`));
  });

  test("a later file's key depends on its own path only", () => {
    const alone = assignRuleKeys([
      { file: 'a.yaml', rule: { id: ID } },
      { file: 'b.yaml', rule: { id: ID } },
    ])[1];
    const withMore = assignRuleKeys([
      { file: 'a.yaml', rule: { id: ID } },
      { file: 'c.yaml', rule: { id: ID } },
      { file: 'b.yaml', rule: { id: ID } },
    ])[2];
    expect(withMore).toBe(alone);
  });

  test.each([
    { key: ID, expected: '' },
    { key: `${ID}-1c2d3e4f`, expected: '-1c2d3e4f' },
  ])('toKeySuffix($key)', ({ key, expected }) => {
    expect(toKeySuffix(key, ID)).toBe(expected);
  });
});
