/**
 * A small boolean expression tree for the query's `where`, flattened and printed with the
 * parentheses KQL needs (and a few more for readability: an `and` inside an `or` is bracketed).
 */

export type KqlExpression =
  | { kind: 'test'; text: string }
  | { kind: 'not'; operand: KqlExpression }
  | { kind: 'and' | 'or'; operands: KqlExpression[] };

/** Joins expressions, merging nested ones of the same kind: `a and (b and c)` is `a and b and c`. */
export function combine(kind: 'and' | 'or', operands: readonly KqlExpression[]): KqlExpression {
  const flat = operands.flatMap((operand) => (operand.kind === kind ? operand.operands : [operand]));
  return flat.length === 1 ? (flat[0] as KqlExpression) : { kind, operands: flat };
}

/** The expression on one line. */
export function printExpression(expression: KqlExpression): string {
  switch (expression.kind) {
    case 'test':
      return expression.text;
    case 'not':
      return `not(${printExpression(expression.operand)})`;
    default:
      return expression.operands.map(printOperand).join(` ${expression.kind} `);
  }
}

function printOperand(operand: KqlExpression): string {
  const text = printExpression(operand);
  return operand.kind === 'and' || operand.kind === 'or' ? `(${text})` : text;
}

/**
 * The `where` clause, with each top-level operand on a line of its own.
 * @example printWhere(combine('and', [a, b])) // → '| where a\n    and b'
 */
export function printWhere(expression: KqlExpression): string {
  if (expression.kind !== 'and' && expression.kind !== 'or') return `| where ${printExpression(expression)}`;
  const [first, ...rest] = expression.operands.map(printOperand);
  return [`| where ${first}`, ...rest.map((line) => `    ${expression.kind} ${line}`)].join('\n');
}
