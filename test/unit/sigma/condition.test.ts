import { describe, expect, test } from 'vitest';
import { type ConditionNode, parseCondition } from '../../../src/sigma/condition.ts';

const NAMES = ['sel', 'sel_img', 'sel_cli', 'filter_main', 'filter_optional', '_internal', 'other'];

/** The tree in a compact text form, so the cases read like the precedence they pin. */
function show(node: ConditionNode): string {
  switch (node.kind) {
    case 'ref':
      return node.name;
    case 'not':
      return `NOT(${show(node.operand)})`;
    default:
      return `${node.kind.toUpperCase()}(${node.operands.map(show).join(', ')})`;
  }
}

describe('parseCondition builds the tree with Sigma precedence', () => {
  const cases: { condition: string; expected: string }[] = [
    { condition: 'sel', expected: 'sel' },
    { condition: 'sel and other', expected: 'AND(sel, other)' },
    { condition: 'sel or other and filter_main', expected: 'OR(sel, AND(other, filter_main))' },
    { condition: 'sel and other or filter_main', expected: 'OR(AND(sel, other), filter_main)' },
    { condition: 'not sel and other', expected: 'AND(NOT(sel), other)' },
    { condition: 'not (sel and other)', expected: 'NOT(AND(sel, other))' },
    { condition: 'not not sel', expected: 'NOT(NOT(sel))' },
    { condition: '(sel or other) and not filter_main', expected: 'AND(OR(sel, other), NOT(filter_main))' },
    { condition: 'sel AND NOT other', expected: 'AND(sel, NOT(other))' },
    { condition: '((sel))', expected: 'sel' },
    { condition: '1 of sel_*', expected: 'OR(sel_img, sel_cli)' },
    { condition: 'all of sel_*', expected: 'AND(sel_img, sel_cli)' },
    { condition: 'all of sel*', expected: 'AND(sel, sel_img, sel_cli)' },
    { condition: '1 of filter_main', expected: 'filter_main' },
    { condition: 'sel and not 1 of filter_*', expected: 'AND(sel, NOT(OR(filter_main, filter_optional)))' },
    { condition: '1 of them', expected: 'OR(sel, sel_img, sel_cli, filter_main, filter_optional, other)' },
    { condition: 'all of them', expected: 'AND(sel, sel_img, sel_cli, filter_main, filter_optional, other)' },
    { condition: '1 of _*', expected: '_internal' },
  ];
  test.each(cases)('$condition', ({ condition, expected }) => {
    const result = parseCondition(condition, NAMES);
    expect(result.ok && show(result.node)).toBe(expected);
  });
});

describe('parseCondition explains what it cannot read', () => {
  const cases: { condition: string; reason: string }[] = [
    { condition: 'sel and missing', reason: "the condition names 'missing', which is not defined" },
    { condition: 'sel and', reason: "the condition 'sel and' ends too early" },
    { condition: '(sel or other', reason: "the condition '(sel or other' misses a ')'" },
    { condition: 'sel other', reason: "the condition 'sel other' has an unexpected 'other'" },
    { condition: 'sel )', reason: "the condition 'sel )' has an unexpected ')'" },
    { condition: 'and sel', reason: "the condition 'and sel' has 'and' where a search identifier belongs" },
    { condition: '1 of nothing*', reason: "'nothing*' matches no search identifier" },
    { condition: '2 of sel*', reason: "'2 of' is not supported: Sigma knows '1 of' and 'all of'" },
    { condition: 'all of', reason: "the condition 'all of' has 'of' without a target" },
    { condition: '', reason: 'the condition is empty' },
    { condition: 'sel | count() > 5', reason: "aggregation expressions ('| count() by …') are not supported" },
    { condition: 'sel | near other', reason: "aggregation expressions ('| count() by …') are not supported" },
  ];
  test.each(cases)('$condition', ({ condition, reason }) => {
    expect(parseCondition(condition, NAMES)).toEqual({ ok: false, reason });
  });

  test("'them' with only underscore identifiers matches nothing", () => {
    expect(parseCondition('1 of them', ['_a'])).toEqual({ ok: false, reason: "'them' matches no search identifier" });
  });
});
