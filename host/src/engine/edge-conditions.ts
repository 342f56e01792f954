/** Edge conditions: the seven operators of `WorkflowEdge.condition` and a small, safe expression language. */
import type { WorkflowEdge } from '../generated/types/types.gen.js';

/** The `condition` of a workflow edge. */
export type EdgeCondition = NonNullable<WorkflowEdge['condition']>;

/** What a condition sees: the source node's outputs and the run's variables. `left` paths start at this object. */
export interface ConditionScope {
  output: unknown;
  variables: Record<string, unknown>;
}

/** A parsed expression; build one with {@link parseExpression}. */
export type ExpressionNode =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'path'; segments: string[] }
  | { kind: 'not'; operand: ExpressionNode }
  | { kind: 'compare'; operator: ComparisonOperator; left: ExpressionNode; right: ExpressionNode }
  | { kind: 'and' | 'or'; left: ExpressionNode; right: ExpressionNode };

/** A comparison operator of the expression language. */
export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * Thrown when an expression does not parse (or an `expression` condition has no text). Registration reports it as a
 * `validation_error` at the edge's condition; at run time it means an unvalidated definition reached the engine.
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  /** The expression text as given. */
  readonly expression: string;
  /** Zero-based character offset where parsing failed. */
  readonly position: number;

  constructor(expression: string, position: number, reason: string) {
    super(`expression ${JSON.stringify(expression)} is invalid at position ${position}: ${reason}`);
    this.expression = expression;
    this.position = position;
  }
}

/**
 * Whether `condition` holds for `scope`. `left` is a dotted path resolved against `{ output, variables }` (a missing
 * path is `undefined`).
 *
 * - `equals` / `notEquals`: deep JSON equality of `left` and `right` (no type coercion).
 * - `contains`: a string `left` contains the string `right`; an array `left` has an element deep-equal to `right`; an
 *   object `left` has an own key `right`. Anything else is false.
 * - `regex`: `left` coerced to a string (`null`/`undefined` → `""`, objects → JSON) matches the pattern `right`
 *   (no flags). An invalid pattern or non-string `right` is false, never a throw.
 * - `truthy` / `falsy`: JavaScript truthiness of `left` (`false`, `0`, `""`, `null`, `undefined`, `NaN` are falsy);
 *   `right` is ignored.
 * - `expression`: the truthiness of `condition.expression` evaluated by {@link evaluateExpression}.
 *
 * @throws ExpressionError when an `expression` condition does not parse.
 * @example
 * evaluateCondition({ type: 'equals', left: 'output.label', right: 'billing' }, { output: { label: 'billing' }, variables: {} }); // true
 */
export function evaluateCondition(condition: EdgeCondition, scope: ConditionScope): boolean {
  if (condition.type === 'expression') {
    return isTruthy(evaluateExpression(condition.expression ?? '', scope));
  }
  const left = condition.left === undefined ? undefined : resolvePath(scope, condition.left);
  switch (condition.type) {
    case 'equals':
      return isDeepEqual(left, condition.right);
    case 'notEquals':
      return !isDeepEqual(left, condition.right);
    case 'contains':
      return contains(left, condition.right);
    case 'regex': {
      const pattern = compilePattern(condition.right);
      return pattern !== undefined && pattern.test(toMatchableString(left));
    }
    case 'truthy':
      return isTruthy(left);
    case 'falsy':
      return !isTruthy(left);
  }
}

/**
 * Why `condition` could never be evaluated as intended, or `undefined` when it is sound: a missing `left` (every
 * operator but `expression` needs one), a `regex` whose `right` is not a valid pattern, or an `expression` that does not
 * parse. Registration reports the message at the edge's condition.
 */
export function checkCondition(condition: EdgeCondition): string | undefined {
  if (condition.type === 'expression') {
    try {
      parseExpression(condition.expression ?? '');
      return undefined;
    } catch (error) {
      if (error instanceof ExpressionError) return error.message;
      throw error;
    }
  }
  if (condition.left === undefined) return `a ${condition.type} condition needs "left"`;
  if (condition.type === 'regex' && compilePattern(condition.right) === undefined) {
    return `regex condition has an invalid pattern ${JSON.stringify(condition.right)}`;
  }
  return undefined;
}

/**
 * The value at a dotted `path` inside `root` (`output.items.0.name`), or `undefined` when any step is missing. Only own
 * properties are followed (never the prototype chain); numeric segments index arrays; the empty path is `root` itself.
 */
export function resolvePath(root: unknown, path: string): unknown {
  return path === '' ? root : resolveSegments(root, path.split('.'));
}

/**
 * Parses an expression of the edge-condition language, for registration-time checks and for evaluating many times.
 *
 * Grammar (lowest precedence first): `a || b`, `a && b`, comparisons `== != < <= > >=` (not chainable), `!a`, then
 * operands: numbers (`3`, `-1.5`, `2e3`), strings in single or double quotes (escapes `\\ \' \" \n \r \t \uXXXX`),
 * `true`, `false`, `null`, parentheses, and paths (`output.approved`, `variables.count`, `output.items[0]`,
 * `output["odd-key"]`). There are no function calls, assignments or arithmetic.
 *
 * @throws ExpressionError naming the offset where the text stops making sense.
 */
export function parseExpression(source: string): ExpressionNode {
  return new Parser(source).parseWhole();
}

/**
 * The value of an expression against `scope` (paths resolve like {@link resolvePath}). `==`/`!=` use deep JSON equality;
 * `< <= > >=` compare two numbers or two strings (by UTF-16 code units) and are false for anything else; `!`, `&&` and
 * `||` work on truthiness and return booleans.
 *
 * @throws ExpressionError when `expression` is text that does not parse.
 * @example
 * evaluateExpression('output.score >= 0.8 && !variables.locked', { output: { score: 0.9 }, variables: {} }); // true
 */
export function evaluateExpression(expression: string | ExpressionNode, scope: unknown): unknown {
  return evaluateNode(typeof expression === 'string' ? parseExpression(expression) : expression, scope);
}

function evaluateNode(node: ExpressionNode, scope: unknown): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'path':
      return resolveSegments(scope, node.segments);
    case 'not':
      return !isTruthy(evaluateNode(node.operand, scope));
    case 'and':
      return isTruthy(evaluateNode(node.left, scope)) && isTruthy(evaluateNode(node.right, scope));
    case 'or':
      return isTruthy(evaluateNode(node.left, scope)) || isTruthy(evaluateNode(node.right, scope));
    case 'compare':
      return compare(node.operator, evaluateNode(node.left, scope), evaluateNode(node.right, scope));
  }
}

function compare(operator: ComparisonOperator, left: unknown, right: unknown): boolean {
  if (operator === '==') return isDeepEqual(left, right);
  if (operator === '!=') return !isDeepEqual(left, right);
  const comparable =
    (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
  if (!comparable) return false;
  const [a, b] = [left, right] as [number | string, number | string];
  switch (operator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

function resolveSegments(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (Array.isArray(current) && /^(0|[1-9][0-9]*)$/.test(segment)) {
      current = current[Number(segment)];
    } else if (Object.hasOwn(current, segment)) {
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

function contains(left: unknown, right: unknown): boolean {
  if (typeof left === 'string') return typeof right === 'string' && left.includes(right);
  if (Array.isArray(left)) return left.some((item) => isDeepEqual(item, right));
  if (typeof left === 'object' && left !== null) return typeof right === 'string' && Object.hasOwn(left, right);
  return false;
}

function compilePattern(pattern: unknown): RegExp | undefined {
  if (typeof pattern !== 'string') return undefined;
  try {
    return new RegExp(pattern);
  } catch {
    // An invalid pattern never matches; registration reports it (checkCondition).
    return undefined;
  }
}

function toMatchableString(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isTruthy(value: unknown): boolean {
  return Boolean(value);
}

/** Deep equality of JSON values: same type, same array elements in order, same object keys in any order. */
function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => isDeepEqual(item, b[index]));
  }
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  return (
    aKeys.length === Object.keys(b).length &&
    aKeys.every((key) => Object.hasOwn(bRecord, key) && isDeepEqual((a as Record<string, unknown>)[key], bRecord[key]))
  );
}

type Token =
  | { type: 'number'; value: number; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'name'; value: string; at: number }
  | { type: 'punct'; value: string; at: number }
  | { type: 'end'; at: number };

// Deep nesting would overflow the recursive parser with a RangeError instead of an ExpressionError.
const MAX_DEPTH = 64;
const PUNCTUATION = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '[', ']', '.', '-'];
const COMPARISONS: ReadonlySet<string> = new Set<ComparisonOperator>(['==', '!=', '<', '<=', '>', '>=']);

class Parser {
  readonly #source: string;
  readonly #tokens: Token[];
  #index = 0;
  #depth = 0;

  constructor(source: string) {
    this.#source = source;
    this.#tokens = tokenize(source);
  }

  parseWhole(): ExpressionNode {
    const node = this.#parseOr();
    const next = this.#peek();
    if (next.type !== 'end') this.#fail(next.at, `unexpected ${describeToken(next)}`);
    return node;
  }

  #parseOr(): ExpressionNode {
    let left = this.#parseAnd();
    while (this.#acceptPunct('||')) left = { kind: 'or', left, right: this.#parseAnd() };
    return left;
  }

  #parseAnd(): ExpressionNode {
    let left = this.#parseComparison();
    while (this.#acceptPunct('&&')) left = { kind: 'and', left, right: this.#parseComparison() };
    return left;
  }

  #parseComparison(): ExpressionNode {
    const left = this.#parseUnary();
    const next = this.#peek();
    if (next.type !== 'punct' || !COMPARISONS.has(next.value)) return left;
    this.#index++;
    const node: ExpressionNode = {
      kind: 'compare',
      operator: next.value as ComparisonOperator,
      left,
      right: this.#parseUnary(),
    };
    const after = this.#peek();
    if (after.type === 'punct' && COMPARISONS.has(after.value)) {
      this.#fail(after.at, 'comparisons cannot be chained; use parentheses and && instead');
    }
    return node;
  }

  #parseUnary(): ExpressionNode {
    const token = this.#peek();
    if (token.type === 'punct' && token.value === '!') {
      this.#index++;
      return { kind: 'not', operand: this.#nested(token.at, () => this.#parseUnary()) };
    }
    return this.#parsePrimary();
  }

  #parsePrimary(): ExpressionNode {
    const token = this.#next();
    switch (token.type) {
      case 'number':
      case 'string':
        return { kind: 'literal', value: token.value };
      case 'name':
        if (token.value === 'true' || token.value === 'false')
          return { kind: 'literal', value: token.value === 'true' };
        if (token.value === 'null') return { kind: 'literal', value: null };
        return this.#parsePathRest([token.value]);
      case 'punct':
        if (token.value === '(') {
          const inner = this.#nested(token.at, () => this.#parseOr());
          this.#expectPunct(')');
          return inner;
        }
        if (token.value === '-') {
          const number = this.#next();
          if (number.type !== 'number') this.#fail(number.at, 'expected a number after "-"');
          return { kind: 'literal', value: -number.value };
        }
        return this.#fail(token.at, `unexpected ${describeToken(token)}`);
      case 'end':
        return this.#fail(token.at, 'expected a value');
    }
  }

  #parsePathRest(segments: string[]): ExpressionNode {
    for (;;) {
      if (this.#acceptPunct('.')) {
        const token = this.#next();
        if (token.type === 'name') segments.push(token.value);
        else if (token.type === 'number' && Number.isInteger(token.value) && token.value >= 0) {
          segments.push(String(token.value));
        } else this.#fail(token.at, 'expected a property name after "."');
      } else if (this.#acceptPunct('[')) {
        const token = this.#next();
        if (token.type === 'string') segments.push(token.value);
        else if (token.type === 'number' && Number.isInteger(token.value) && token.value >= 0) {
          segments.push(String(token.value));
        } else this.#fail(token.at, 'expected a quoted key or an index inside "[]"');
        this.#expectPunct(']');
      } else {
        return { kind: 'path', segments };
      }
    }
  }

  #nested(at: number, parse: () => ExpressionNode): ExpressionNode {
    if (++this.#depth > MAX_DEPTH) this.#fail(at, `nesting deeper than ${MAX_DEPTH}`);
    const node = parse();
    this.#depth--;
    return node;
  }

  #peek(): Token {
    return this.#tokens[this.#index] ?? { type: 'end', at: this.#source.length };
  }

  #next(): Token {
    const token = this.#peek();
    if (token.type !== 'end') this.#index++;
    return token;
  }

  #acceptPunct(value: string): boolean {
    const token = this.#peek();
    if (token.type !== 'punct' || token.value !== value) return false;
    this.#index++;
    return true;
  }

  #expectPunct(value: string): void {
    const token = this.#peek();
    if (!this.#acceptPunct(value)) this.#fail(token.at, `expected "${value}" but found ${describeToken(token)}`);
  }

  #fail(at: number, reason: string): never {
    throw new ExpressionError(this.#source, at, reason);
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const fail = (position: number, reason: string): never => {
    throw new ExpressionError(source, position, reason);
  };
  while (at < source.length) {
    const char = source[at]!;
    if (/\s/.test(char)) {
      at++;
      continue;
    }
    const rest = source.slice(at);
    const previous = tokens[tokens.length - 1];
    // After ".", a run of digits is a path segment (`items.1.2`), never the number 1.2.
    const isSegment = previous?.type === 'punct' && previous.value === '.';
    const number = isSegment ? /^[0-9]+/.exec(rest) : /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(rest);
    if (number) {
      if (/^[A-Za-z_$]/.test(rest.slice(number[0].length))) fail(at, `malformed number "${number[0]}…"`);
      tokens.push({ type: 'number', value: Number(number[0]), at });
      at += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(rest);
    if (name) {
      tokens.push({ type: 'name', value: name[0], at });
      at += name[0].length;
      continue;
    }
    if (char === '"' || char === "'") {
      const [value, end] = readString(source, at, fail);
      tokens.push({ type: 'string', value, at });
      at = end;
      continue;
    }
    const punct = PUNCTUATION.find((candidate) => rest.startsWith(candidate));
    if (punct === undefined) fail(at, `unexpected character ${JSON.stringify(char)}`);
    tokens.push({ type: 'punct', value: punct!, at });
    at += punct!.length;
  }
  return tokens;
}

const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t' };

/** Reads the quoted string starting at `start`; returns its value and the offset after the closing quote. */
function readString(source: string, start: number, fail: (at: number, reason: string) => never): [string, number] {
  const quote = source[start];
  let value = '';
  let at = start + 1;
  while (at < source.length) {
    const char = source[at]!;
    if (char === quote) return [value, at + 1];
    if (char !== '\\') {
      value += char;
      at++;
      continue;
    }
    const escape = source[at + 1];
    if (escape === 'u') {
      const hex = source.slice(at + 2, at + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail(at, 'expected four hex digits after "\\u"');
      value += String.fromCharCode(Number.parseInt(hex, 16));
      at += 6;
    } else if (escape !== undefined && Object.hasOwn(ESCAPES, escape)) {
      value += ESCAPES[escape];
      at += 2;
    } else {
      fail(at, `unknown escape "\\${escape ?? ''}"`);
    }
  }
  return fail(start, 'unterminated string');
}

function describeToken(token: Token): string {
  if (token.type === 'end') return 'the end of the expression';
  if (token.type === 'string') return `string ${JSON.stringify(token.value)}`;
  return `"${String(token.value)}"`;
}
