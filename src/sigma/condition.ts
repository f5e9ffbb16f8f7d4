/**
 * Sigma conditions: a small tokenizer and a recursive-descent parser with the precedence the
 * specification gives (`not` binds tighter than `and`, `and` tighter than `or`), then the
 * expansion of `1 of` / `all of` over the search identifiers.
 */

export type ConditionNode =
  | { kind: 'ref'; name: string }
  | { kind: 'not'; operand: ConditionNode }
  | { kind: 'and' | 'or'; operands: ConditionNode[] };

export type ConditionResult = { ok: true; node: ConditionNode } | { ok: false; reason: string };

type Token = { kind: 'word'; text: string } | { kind: '(' | ')' | '|' };

const TOKEN_RE = /\s*(?:([()|])|([^\s()|]+))/y;
const IDENTIFIER_RE = /^[\w.*-]+$/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let match = TOKEN_RE.exec(text);
  while (match) {
    const [, symbol, word] = match;
    if (symbol) tokens.push({ kind: symbol as '(' | ')' | '|' });
    else if (word) tokens.push({ kind: 'word', text: word });
    match = TOKEN_RE.exec(text);
  }
  return tokens;
}

class ConditionError extends Error {}

/**
 * Parses one condition against the rule's search identifiers.
 * @example parseCondition('sel and not filter', ['sel', 'filter'])
 *   // → { ok: true, node: { kind: 'and', operands: [{ kind: 'ref', name: 'sel' }, { kind: 'not', operand: { kind: 'ref', name: 'filter' } }] } }
 */
export function parseCondition(text: string, identifiers: readonly string[]): ConditionResult {
  const tokens = tokenize(text);
  if (tokens.some((token) => token.kind === '|')) {
    return { ok: false, reason: "aggregation expressions ('| count() by …') are not supported" };
  }
  let position = 0;
  const peekWord = (offset = 0): string | undefined => {
    const token = tokens[position + offset];
    return token?.kind === 'word' ? token.text.toLowerCase() : undefined;
  };

  /** A run of operands joined by one operator; `or` over `and` over the rest gives the precedence. */
  const parseChain = (kind: 'and' | 'or', parseOperand: () => ConditionNode): ConditionNode => {
    const operands = [parseOperand()];
    while (peekWord() === kind) {
      position++;
      operands.push(parseOperand());
    }
    return operands.length === 1 ? (operands[0] as ConditionNode) : { kind, operands };
  };
  const parseOr = (): ConditionNode => parseChain('or', parseAnd);
  const parseAnd = (): ConditionNode => parseChain('and', parseUnary);
  const parseUnary = (): ConditionNode => {
    if (peekWord() === 'not') {
      position++;
      return { kind: 'not', operand: parseUnary() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): ConditionNode => {
    const token = tokens[position];
    if (!token) throw new ConditionError(`the condition '${text}' ends too early`);
    if (token.kind === '(') {
      position++;
      const inner = parseOr();
      if (tokens[position]?.kind !== ')') throw new ConditionError(`the condition '${text}' misses a ')'`);
      position++;
      return inner;
    }
    if (token.kind !== 'word') throw new ConditionError(`the condition '${text}' has an unexpected '${token.kind}'`);
    const word = token.text.toLowerCase();
    if (peekWord(1) === 'of') return parseQuantifier(word);
    if (['and', 'or', 'not', 'of', 'them'].includes(word)) {
      throw new ConditionError(`the condition '${text}' has '${token.text}' where a search identifier belongs`);
    }
    if (word === 'near') throw new ConditionError("the 'near' operator is not supported");
    position++;
    return toReference(token.text);
  };
  const parseQuantifier = (quantity: string): ConditionNode => {
    const target = tokens[position + 2];
    if (quantity !== '1' && quantity !== 'all') {
      throw new ConditionError(`'${quantity} of' is not supported: Sigma knows '1 of' and 'all of'`);
    }
    if (target?.kind !== 'word') throw new ConditionError(`the condition '${text}' has 'of' without a target`);
    position += 3;
    const names = expandTarget(target.text);
    const operands = names.map((name): ConditionNode => ({ kind: 'ref', name }));
    if (operands.length === 1) return operands[0] as ConditionNode;
    return { kind: quantity === 'all' ? 'and' : 'or', operands };
  };
  const expandTarget = (target: string): string[] => {
    if (target.toLowerCase() === 'them') {
      const names = identifiers.filter((name) => !name.startsWith('_'));
      if (names.length === 0) throw new ConditionError("'them' matches no search identifier");
      return names;
    }
    if (!IDENTIFIER_RE.test(target)) throw new ConditionError(`'${target}' is not a search identifier pattern`);
    const pattern = toWildcardRegex(target);
    const names = identifiers.filter((name) => pattern.test(name));
    if (names.length === 0) throw new ConditionError(`'${target}' matches no search identifier`);
    return names;
  };
  const toReference = (name: string): ConditionNode => {
    if (!identifiers.includes(name)) throw new ConditionError(`the condition names '${name}', which is not defined`);
    return { kind: 'ref', name };
  };

  try {
    if (tokens.length === 0) return { ok: false, reason: 'the condition is empty' };
    const node = parseOr();
    const rest = tokens[position];
    if (rest) {
      const shown = rest.kind === 'word' ? rest.text : rest.kind;
      return { ok: false, reason: `the condition '${text}' has an unexpected '${shown}'` };
    }
    return { ok: true, node };
  } catch (error) {
    if (error instanceof ConditionError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** `sel*` matches names starting with `sel`; `*` is the only wildcard in identifier patterns. */
function toWildcardRegex(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}
