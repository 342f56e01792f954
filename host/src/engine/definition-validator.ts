/** Registration checks of a workflow definition that its JSON Schema cannot express, each at a JSON pointer. */
import type { ChannelDeclaration, WorkflowDefinition, WorkflowEdge } from '../generated/types/types.gen.js';
import { checkCondition } from './edge-conditions.js';
import { createAjv } from './json-schema.js';
import type { ValidationIssue } from './errors.js';
import { findCycles } from './graph.js';
import { checkChannelState, isCanonicalReducer, isListReducer, isVendorReducer } from './reducers.js';

/** What the validator needs to know about the host: its node types and, optionally, their config rules. */
export interface DefinitionValidationContext {
  /** Whether the host can run nodes of this `typeId` (registered and, for gated types, advertised). */
  isKnownNodeType(typeId: string): boolean;
  /**
   * Problems with a node's `config` for its (known) type; each `path` is a JSON pointer relative to the config
   * (`''` for the config itself, `/title` for a field). Omit when node types declare no config rules.
   */
  nodeConfigErrors?(typeId: string, config: Record<string, unknown>): ValidationIssue[];
  /** Whether `RunOptions.configurable` may carry this key on this host; omit to accept every key. */
  isKnownConfigurableKey?(key: string): boolean;
}

/**
 * Every problem with `definition` beyond its JSON Schema, each at a JSON pointer into it, in document order (nodes,
 * edges, triggers, variables, channels, `configurableSchema`, then cycles). Empty means the definition may be
 * registered. Expects a definition that already passed the contract's `WorkflowDefinition` schema.
 *
 * Checks: unique node, edge and trigger ids and variable names; known node `typeId`s and valid `config`; connection
 * inputs, edges and triggers naming existing nodes; one join rule per target node; edge conditions that can be
 * evaluated (`left` present, `regex` pattern compiles, `expression` parses); variable `defaultValue`s of the declared
 * JSON type (`format` is advisory and never checked); channel reducers, defaults the reducer can hold, `ttlMs` only on
 * list reducers, compilable channel `schema`s, `compatibleWith` older than `schemaVersion`, access-list entry syntax;
 * a `configurableSchema` that compiles as JSON Schema 2020-12 with known keys; and no unbounded cycles.
 *
 * A cycle is bounded when at least one of its edges has a `condition` or a `triggerRule` other than `all_success`;
 * otherwise every run would go round it until `settings.maxLoopbackIterations`, so it is reported at the edge that
 * closes it.
 *
 * @example
 * const issues = validateDefinition(definition, { isKnownNodeType: (typeId) => registry.has(typeId) });
 * if (issues.length > 0) throw new EngineValidationError(`workflow "${definition.id}" is invalid`, issues);
 */
export function validateDefinition(
  definition: WorkflowDefinition,
  context: DefinitionValidationContext,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const nodeIds = checkNodes(definition, context, issues);
  checkEdges(definition, nodeIds, issues);
  checkTriggers(definition, nodeIds, issues);
  checkVariables(definition, issues);
  for (const [name, declaration] of Object.entries(definition.channels ?? {})) {
    checkChannel(name, declaration, issues);
  }
  checkConfigurableSchema(definition, context, issues);
  checkUnboundedCycles(definition, nodeIds, issues);
  return issues;
}

function checkNodes(
  definition: WorkflowDefinition,
  context: DefinitionValidationContext,
  issues: ValidationIssue[],
): Set<string> {
  const nodeIds = new Set<string>();
  definition.nodes.forEach((node, index) => {
    if (nodeIds.has(node.id)) issues.push({ path: `/nodes/${index}/id`, message: `duplicate node id "${node.id}"` });
    nodeIds.add(node.id);
    if (!context.isKnownNodeType(node.typeId)) {
      issues.push({
        path: `/nodes/${index}/typeId`,
        message: `node "${node.id}" has unknown node type "${node.typeId}"`,
      });
    } else {
      for (const issue of context.nodeConfigErrors?.(node.typeId, node.config) ?? []) {
        issues.push({
          path: `/nodes/${index}/config${issue.path}`,
          message: `config of node "${node.id}" is invalid: ${issue.message}`,
        });
      }
    }
  });
  definition.nodes.forEach((node, index) => {
    for (const [port, value] of Object.entries(node.inputs)) {
      if (value.type === 'connection' && !nodeIds.has(value.nodeId)) {
        issues.push({
          path: `/nodes/${index}/inputs/${escapePointer(port)}/nodeId`,
          message: `input "${port}" of node "${node.id}" connects to unknown node "${value.nodeId}"`,
        });
      }
    }
  });
  return nodeIds;
}

function checkEdges(definition: WorkflowDefinition, nodeIds: ReadonlySet<string>, issues: ValidationIssue[]): void {
  const edgeIds = new Set<string>();
  const joinRules = new Map<string, string>();
  definition.edges.forEach((edge, index) => {
    if (edgeIds.has(edge.id)) issues.push({ path: `/edges/${index}/id`, message: `duplicate edge id "${edge.id}"` });
    edgeIds.add(edge.id);
    for (const end of ['sourceNodeId', 'targetNodeId'] as const) {
      if (!nodeIds.has(edge[end])) {
        issues.push({ path: `/edges/${index}/${end}`, message: `edge "${edge.id}" names unknown node "${edge[end]}"` });
      }
    }
    const rule = edge.triggerRule ?? 'all_success';
    const previous = joinRules.get(edge.targetNodeId);
    if (previous !== undefined && previous !== rule) {
      issues.push({
        path: `/edges/${index}/triggerRule`,
        message: `edges into node "${edge.targetNodeId}" mix join rules "${previous}" and "${rule}"`,
      });
    }
    joinRules.set(edge.targetNodeId, previous ?? rule);
    if (edge.condition !== undefined) {
      const problem = checkCondition(edge.condition);
      if (problem !== undefined) {
        issues.push({ path: `/edges/${index}/condition`, message: `condition of edge "${edge.id}": ${problem}` });
      }
    }
  });
}

function checkTriggers(definition: WorkflowDefinition, nodeIds: ReadonlySet<string>, issues: ValidationIssue[]): void {
  const triggerIds = new Set<string>();
  definition.triggers.forEach((trigger, index) => {
    if (triggerIds.has(trigger.id)) {
      issues.push({ path: `/triggers/${index}/id`, message: `duplicate trigger id "${trigger.id}"` });
    }
    triggerIds.add(trigger.id);
    if (trigger.nodeId !== undefined && !nodeIds.has(trigger.nodeId)) {
      issues.push({
        path: `/triggers/${index}/nodeId`,
        message: `trigger "${trigger.id}" names unknown node "${trigger.nodeId}"`,
      });
    }
  });
}

function checkVariables(definition: WorkflowDefinition, issues: ValidationIssue[]): void {
  const names = new Set<string>();
  definition.variables.forEach((variable, index) => {
    if (names.has(variable.name)) {
      issues.push({ path: `/variables/${index}/name`, message: `duplicate variable "${variable.name}"` });
    }
    names.add(variable.name);
    // Only the JSON type is checked: `format` is an advisory hint that a host must never enforce.
    if (variable.defaultValue !== undefined && jsonTypeOf(variable.defaultValue) !== variable.type) {
      issues.push({
        path: `/variables/${index}/defaultValue`,
        message: `default value of variable "${variable.name}" is ${article(jsonTypeOf(variable.defaultValue))}, but the variable is declared as ${variable.type}`,
      });
    }
  });
}

// Channels spec §5.2: a node id or a typeId with an optional trailing `*`, or a bare `*`.
const ACCESS_ENTRY = /^([a-z][a-zA-Z0-9._-]*\*?|\*)$/;

function checkChannel(name: string, declaration: ChannelDeclaration, issues: ValidationIssue[]): void {
  const at = `/channels/${escapePointer(name)}`;
  const { reducer } = declaration;
  if (!isCanonicalReducer(reducer) && !isVendorReducer(reducer)) {
    issues.push({
      path: `${at}/reducer`,
      message: `channel "${name}" has reducer "${reducer}", which is neither canonical nor "vendor.<org>.<name>"`,
    });
    return;
  }
  if (declaration.default !== undefined) {
    const problem = checkChannelState(declaration, declaration.default);
    if (problem !== undefined) {
      issues.push({
        path: `${at}/default`,
        message: `default of channel "${name}" does not fit its reducer: ${problem}`,
      });
    }
  }
  if (declaration.ttlMs !== undefined && !isListReducer(reducer)) {
    issues.push({
      path: `${at}/ttlMs`,
      message: `channel "${name}" declares ttlMs, but its reducer "${reducer}" keeps no entries to expire`,
    });
  }
  if (declaration.schema !== undefined) {
    const problem = compileProblem(declaration.schema);
    if (problem !== undefined) {
      issues.push({
        path: `${at}/schema`,
        message: `schema of channel "${name}" is not a valid JSON Schema: ${problem}`,
      });
    }
  }
  const schemaVersion = declaration.schemaVersion ?? 1;
  declaration.compatibleWith?.forEach((version, index) => {
    if (version >= schemaVersion) {
      issues.push({
        path: `${at}/compatibleWith/${index}`,
        message: `channel "${name}" lists version ${version} as compatible, but only versions older than its schemaVersion ${schemaVersion} can be`,
      });
    }
  });
  if (typeof declaration.access === 'object') {
    for (const list of ['readers', 'writers'] as const) {
      declaration.access[list]?.forEach((entry, index) => {
        if (!ACCESS_ENTRY.test(entry)) {
          issues.push({
            path: `${at}/access/${list}/${index}`,
            message: `access entry "${entry}" of channel "${name}" is neither a node id, a typeId prefix ending in "*", nor "*"`,
          });
        }
      });
    }
  }
}

function checkConfigurableSchema(
  definition: WorkflowDefinition,
  context: DefinitionValidationContext,
  issues: ValidationIssue[],
): void {
  const schema = definition.configurableSchema;
  if (schema === undefined) return;
  const problem = compileProblem(schema);
  if (problem !== undefined) {
    issues.push({ path: '/configurableSchema', message: `configurableSchema is not a valid JSON Schema: ${problem}` });
    return;
  }
  const properties = schema.properties;
  if (context.isKnownConfigurableKey === undefined || typeof properties !== 'object' || properties === null) return;
  for (const key of Object.keys(properties)) {
    if (!context.isKnownConfigurableKey(key)) {
      issues.push({
        path: `/configurableSchema/properties/${escapePointer(key)}`,
        message: `configurableSchema accepts "${key}", which this host does not recognise as a configurable key`,
      });
    }
  }
}

function checkUnboundedCycles(
  definition: WorkflowDefinition,
  nodeIds: ReadonlySet<string>,
  issues: ValidationIssue[],
): void {
  const nodes = [...nodeIds].map((id) => ({ id }));
  for (const cycle of findCycles({ nodes, edges: definition.edges }, (edge) => !isGuarded(edge))) {
    const route = [...cycle.nodes, cycle.nodes[0]!].join(' → ');
    issues.push({
      path: `/edges/${cycle.closingEdgeIndex}`,
      message:
        `unbounded cycle through ${route}: no edge on it has a condition or a trigger rule other than all_success, ` +
        'so every run would loop until settings.maxLoopbackIterations',
    });
  }
}

/** An edge that may not fire on every pass, so a cycle through it can end by itself. */
function isGuarded(edge: WorkflowEdge): boolean {
  return edge.condition !== undefined || (edge.triggerRule !== undefined && edge.triggerRule !== 'all_success');
}

let metaSchemaChecker: ReturnType<typeof createAjv> | undefined;

/** Why `schema` is not a usable JSON Schema 2020-12 (the dialect `createRun` validates `configurable` with). */
function compileProblem(schema: Record<string, unknown>): string | undefined {
  // The meta-schema check runs on one shared instance (it compiles the meta-schema once and stores nothing of
  // `schema`); compiling runs on a fresh instance because Ajv keeps every compiled schema and its `$id`s forever.
  metaSchemaChecker ??= createAjv({ logger: false });
  try {
    if (!metaSchemaChecker.validateSchema(schema)) {
      return metaSchemaChecker.errorsText(metaSchemaChecker.errors, { dataVar: 'schema' });
    }
    const compiler = createAjv({ logger: false, validateSchema: false });
    compiler.compile(schema);
    return undefined;
  } catch (error) {
    // Unknown `$schema` dialects, unresolvable `$ref`s and invalid `pattern`s surface as thrown errors.
    return error instanceof Error ? error.message : String(error);
  }
}

type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}

function article(type: JsonType): string {
  return type === 'null' ? 'null' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
