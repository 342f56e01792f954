import { describe, expect, it } from 'vitest';
import {
  ExpressionError,
  checkCondition,
  evaluateCondition,
  evaluateExpression,
  parseExpression,
  resolvePath,
  type ConditionScope,
  type EdgeCondition,
} from './edge-conditions.js';

const scope: ConditionScope = {
  output: {
    label: 'billing',
    approved: true,
    rejected: false,
    score: 0.85,
    count: 3,
    zero: 0,
    empty: '',
    nothing: null,
    tags: ['urgent', 'vip', { kind: 'x' }],
    meta: { region: 'eu', nested: { depth: 2 } },
    'odd-key': 'yes',
    items: [{ name: 'first' }, { name: 'second' }],
  },
  variables: { count: 4, threshold: 0.8, locked: false, name: 'Ada', limits: { max: 10 } },
};

describe('evaluateCondition', () => {
  it.each<{ condition: EdgeCondition; expected: boolean }>([
    { condition: { type: 'equals', left: 'output.label', right: 'billing' }, expected: true },
    { condition: { type: 'equals', left: 'output.label', right: 'bug' }, expected: false },
    { condition: { type: 'equals', left: 'output.count', right: '3' }, expected: false },
    {
      condition: { type: 'equals', left: 'output.meta', right: { nested: { depth: 2 }, region: 'eu' } },
      expected: true,
    },
    { condition: { type: 'equals', left: 'output.meta', right: { region: 'eu' } }, expected: false },
    { condition: { type: 'equals', left: 'output.tags', right: ['urgent', 'vip', { kind: 'x' }] }, expected: true },
    { condition: { type: 'equals', left: 'output.tags', right: ['vip', 'urgent', { kind: 'x' }] }, expected: false },
    { condition: { type: 'equals', left: 'output.nothing', right: null }, expected: true },
    { condition: { type: 'equals', left: 'output.missing', right: null }, expected: false },
    { condition: { type: 'equals', left: 'output.missing' }, expected: true },
    { condition: { type: 'equals', left: 'variables.count', right: 4 }, expected: true },
    { condition: { type: 'equals', left: 'output.items.1.name', right: 'second' }, expected: true },
    { condition: { type: 'notEquals', left: 'output.label', right: 'billing' }, expected: false },
    { condition: { type: 'notEquals', left: 'output.label', right: 'bug' }, expected: true },
    {
      condition: { type: 'notEquals', left: 'output.meta', right: { region: 'eu', nested: { depth: 2 } } },
      expected: false,
    },
    { condition: { type: 'contains', left: 'output.label', right: 'bill' }, expected: true },
    { condition: { type: 'contains', left: 'output.label', right: 'BILL' }, expected: false },
    { condition: { type: 'contains', left: 'output.count', right: 3 }, expected: false },
    { condition: { type: 'contains', left: 'output.tags', right: 'vip' }, expected: true },
    { condition: { type: 'contains', left: 'output.tags', right: { kind: 'x' } }, expected: true },
    { condition: { type: 'contains', left: 'output.tags', right: 'vi' }, expected: false },
    { condition: { type: 'contains', left: 'output.meta', right: 'region' }, expected: true },
    { condition: { type: 'contains', left: 'output.meta', right: 'toString' }, expected: false },
    { condition: { type: 'contains', left: 'output.missing', right: 'x' }, expected: false },
    { condition: { type: 'regex', left: 'output.label', right: '^bil+ing$' }, expected: true },
    { condition: { type: 'regex', left: 'output.label', right: '^bug' }, expected: false },
    { condition: { type: 'regex', left: 'output.count', right: '^\\d$' }, expected: true },
    { condition: { type: 'regex', left: 'output.missing', right: '^$' }, expected: true },
    { condition: { type: 'regex', left: 'output.meta', right: '"region":"eu"' }, expected: true },
    { condition: { type: 'regex', left: 'output.label', right: '([unclosed' }, expected: false },
    { condition: { type: 'regex', left: 'output.label', right: 42 }, expected: false },
    { condition: { type: 'truthy', left: 'output.approved' }, expected: true },
    { condition: { type: 'truthy', left: 'output.rejected' }, expected: false },
    { condition: { type: 'truthy', left: 'output.zero' }, expected: false },
    { condition: { type: 'truthy', left: 'output.empty' }, expected: false },
    { condition: { type: 'truthy', left: 'output.tags' }, expected: true },
    { condition: { type: 'truthy', left: 'output.missing', right: true }, expected: false },
    { condition: { type: 'falsy', left: 'output.nothing' }, expected: true },
    { condition: { type: 'falsy', left: 'output.missing' }, expected: true },
    { condition: { type: 'falsy', left: 'output.label', right: 'ignored' }, expected: false },
    { condition: { type: 'expression', expression: 'output.approved && variables.count > 3' }, expected: true },
    { condition: { type: 'expression', expression: 'output.score < variables.threshold' }, expected: false },
    { condition: { type: 'expression', expression: 'output.label' }, expected: true },
    { condition: { type: 'expression', expression: 'output.missing' }, expected: false },
  ])('$condition.type $condition.left$condition.expression → $expected', ({ condition, expected }) => {
    expect(evaluateCondition(condition, scope)).toBe(expected);
  });

  it('throws ExpressionError for an expression that does not parse', () => {
    expect(() => evaluateCondition({ type: 'expression', expression: 'output.a ==' }, scope)).toThrow(ExpressionError);
    expect(() => evaluateCondition({ type: 'expression' }, scope)).toThrow(ExpressionError);
  });
});

describe('resolvePath', () => {
  it.each<{ path: string; expected: unknown }>([
    { path: '', expected: scope },
    { path: 'output.label', expected: 'billing' },
    { path: 'output.meta.nested.depth', expected: 2 },
    { path: 'output.tags.0', expected: 'urgent' },
    { path: 'output.tags.2.kind', expected: 'x' },
    { path: 'output.tags.length', expected: 3 },
    { path: 'output.tags.01', expected: undefined },
    { path: 'output.tags.9', expected: undefined },
    { path: 'output.odd-key', expected: 'yes' },
    { path: 'output.label.length', expected: undefined },
    { path: 'output.nothing.x', expected: undefined },
    { path: 'output.missing.deeper', expected: undefined },
    { path: 'output.constructor', expected: undefined },
    { path: 'output.__proto__', expected: undefined },
    { path: 'variables.limits.max', expected: 10 },
    { path: 'status', expected: undefined },
  ])('resolves $path', ({ path, expected }) => {
    expect(resolvePath(scope, path)).toEqual(expected);
  });
});

describe('evaluateExpression', () => {
  it.each<{ expression: string; expected: unknown }>([
    { expression: '42', expected: 42 },
    { expression: '-1.5', expected: -1.5 },
    { expression: '2e3', expected: 2000 },
    { expression: "'single'", expected: 'single' },
    { expression: '"double"', expected: 'double' },
    { expression: String.raw`'it\'s \"x\"\n\u0041'`, expected: 'it\'s "x"\nA' },
    { expression: 'true', expected: true },
    { expression: 'false', expected: false },
    { expression: 'null', expected: null },
    { expression: 'output.label', expected: 'billing' },
    { expression: 'output.items[1].name', expected: 'second' },
    { expression: 'output["odd-key"]', expected: 'yes' },
    { expression: "output['meta'].region", expected: 'eu' },
    { expression: 'output.items.0.name', expected: 'first' },
    { expression: 'output.label == "billing"', expected: true },
    { expression: "output.label == 'bug'", expected: false },
    { expression: 'output.label != "bug"', expected: true },
    { expression: 'output.count == "3"', expected: false },
    { expression: 'output.nothing == null', expected: true },
    { expression: 'output.missing == null', expected: false },
    { expression: 'output.count < 4', expected: true },
    { expression: 'output.count <= 3', expected: true },
    { expression: 'output.count > 3', expected: false },
    { expression: 'output.count >= 3', expected: true },
    { expression: 'output.count > -1', expected: true },
    { expression: '"abc" < "abd"', expected: true },
    { expression: 'output.count < "4"', expected: false },
    { expression: 'output.missing < 1', expected: false },
    { expression: 'output.missing >= 1', expected: false },
    { expression: 'output.approved && !output.rejected', expected: true },
    { expression: 'output.rejected || output.zero', expected: false },
    { expression: 'output.rejected || output.label', expected: true },
    { expression: '!output.label', expected: false },
    { expression: '!!output.label', expected: true },
    { expression: '!output.missing', expected: true },
    { expression: 'true || false && false', expected: true },
    { expression: '(true || false) && false', expected: false },
    { expression: '!(output.count == 3)', expected: false },
    { expression: '!output.approved == false', expected: true },
    { expression: 'output.score >= variables.threshold && variables.name == "Ada"', expected: true },
    { expression: '  output.count\t==\n3  ', expected: true },
    { expression: 'variables.limits == variables.limits', expected: true },
  ])('evaluates $expression to $expected', ({ expression, expected }) => {
    expect(evaluateExpression(expression, scope)).toEqual(expected);
  });

  it('evaluates a parsed expression the same as its text', () => {
    const parsed = parseExpression('output.count > 2 && variables.locked == false');
    expect(evaluateExpression(parsed, scope)).toBe(true);
    expect(evaluateExpression(parsed, { output: { count: 1 }, variables: { locked: false } })).toBe(false);
  });

  it('never reaches the prototype chain or globals', () => {
    expect(evaluateExpression('output.constructor', scope)).toBeUndefined();
    expect(evaluateExpression('output["__proto__"]', scope)).toBeUndefined();
    expect(evaluateExpression('process', scope)).toBeUndefined();
    expect(evaluateExpression('globalThis', scope)).toBeUndefined();
  });
});

describe('parseExpression', () => {
  it('builds a tree with && binding tighter than ||', () => {
    expect(parseExpression('a || b && !c')).toEqual({
      kind: 'or',
      left: { kind: 'path', segments: ['a'] },
      right: {
        kind: 'and',
        left: { kind: 'path', segments: ['b'] },
        right: { kind: 'not', operand: { kind: 'path', segments: ['c'] } },
      },
    });
  });

  it.each<{ expression: string; position: number; reason: string }>([
    { expression: '', position: 0, reason: 'expected a value' },
    { expression: '   ', position: 3, reason: 'expected a value' },
    { expression: 'output.a ==', position: 11, reason: 'expected a value' },
    { expression: 'output.a = 1', position: 9, reason: 'unexpected character "="' },
    { expression: 'a & b', position: 2, reason: 'unexpected character "&"' },
    { expression: 'a + 1', position: 2, reason: 'unexpected character "+"' },
    { expression: 'f(1)', position: 1, reason: 'unexpected "("' },
    { expression: 'a b', position: 2, reason: 'unexpected "b"' },
    { expression: '(a == 1', position: 7, reason: 'expected ")" but found the end of the expression' },
    { expression: 'a == 1)', position: 6, reason: 'unexpected ")"' },
    { expression: '1 < 2 < 3', position: 6, reason: 'comparisons cannot be chained' },
    { expression: "'open", position: 0, reason: 'unterminated string' },
    { expression: String.raw`'\q'`, position: 1, reason: 'unknown escape' },
    { expression: String.raw`'\u12'`, position: 1, reason: 'four hex digits' },
    { expression: 'a.', position: 2, reason: 'expected a property name after "."' },
    { expression: 'a.-1', position: 2, reason: 'expected a property name after "."' },
    { expression: 'a[b]', position: 2, reason: 'expected a quoted key or an index' },
    { expression: 'a[0', position: 3, reason: 'expected "]"' },
    { expression: '- x', position: 2, reason: 'expected a number after "-"' },
    { expression: '12abc', position: 0, reason: 'malformed number' },
    { expression: 'output.my-key', position: 9, reason: 'unexpected "-"' },
    { expression: '`x`', position: 0, reason: 'unexpected character "`"' },
  ])('rejects $expression at position $position', ({ expression, position, reason }) => {
    let caught: unknown;
    try {
      parseExpression(expression);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExpressionError);
    expect((caught as ExpressionError).position).toBe(position);
    expect((caught as ExpressionError).message).toContain(reason);
    expect((caught as ExpressionError).expression).toBe(expression);
  });

  it('refuses nesting beyond its depth limit instead of overflowing the stack', () => {
    expect(() => parseExpression(`${'('.repeat(100)}1${')'.repeat(100)}`)).toThrow(/nesting deeper than 64/);
    expect(() => parseExpression(`${'!'.repeat(100)}true`)).toThrow(ExpressionError);
    expect(parseExpression(`${'('.repeat(10)}1${')'.repeat(10)}`)).toEqual({ kind: 'literal', value: 1 });
  });
});

describe('checkCondition', () => {
  it.each<{ condition: EdgeCondition; problem: string | undefined }>([
    { condition: { type: 'equals', left: 'output.a', right: 1 }, problem: undefined },
    { condition: { type: 'truthy', left: 'output.a' }, problem: undefined },
    { condition: { type: 'regex', left: 'output.a', right: '^a+$' }, problem: undefined },
    { condition: { type: 'expression', expression: 'output.a == 1' }, problem: undefined },
    { condition: { type: 'equals', right: 1 }, problem: 'a equals condition needs "left"' },
    { condition: { type: 'falsy' }, problem: 'a falsy condition needs "left"' },
    {
      condition: { type: 'regex', left: 'output.a', right: '(' },
      problem: 'regex condition has an invalid pattern "("',
    },
    { condition: { type: 'regex', left: 'output.a' }, problem: 'regex condition has an invalid pattern undefined' },
    { condition: { type: 'expression' }, problem: 'expression "" is invalid at position 0: expected a value' },
    {
      condition: { type: 'expression', expression: 'output.a ===' },
      problem: 'expression "output.a ===" is invalid at position 11: unexpected character "="',
    },
  ])('reports $problem for $condition', ({ condition, problem }) => {
    expect(checkCondition(condition)).toBe(problem);
  });
});
