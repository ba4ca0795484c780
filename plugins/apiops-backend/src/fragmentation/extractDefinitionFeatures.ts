import type { PathCasing } from '@apiops-backstage/plugin-apiops-common';
import { Kind, parse as parseGraphql } from 'graphql';
import { Namespace, Service, parse as parseProto } from 'protobufjs';
import * as jsYaml from 'js-yaml';
import { MAX_DEFINITION_BYTES } from '../snapshot/checkDefinition';
import {
  basePathSegments,
  isVersionSegment,
  majorVersion,
  normalizeChannel,
  normalizeRestPath,
  pathCasingOf,
  segmentCasing,
  versioningOf,
} from './normalization';
import type { DefinitionFeatures } from './types';

/** Deepest nesting of a definition that is analysed. */
export const MAX_NESTING_DEPTH = 64;
/** Most operations of a definition that is analysed. */
export const MAX_OPERATIONS = 20_000;
/**
 * Most nodes of a parsed definition, counting a node reached through several
 * YAML aliases each time (guards against "billion laughs": the parser shares
 * aliased nodes, so only a walk would blow up).
 */
export const MAX_EXPANDED_NODES = 2_000_000;
/**
 * The YAML types the features need: the features read keys, text and
 * nulls only (AsyncAPI 3's `address: null`), so numbers, booleans and
 * dates stay text, which saves a fifth of the parse; merge keys (`<<`)
 * still merge.
 */
const FEATURE_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  // js-yaml exports its types; @types/js-yaml does not declare them.
  implicit: ['null', 'merge'].map(
    name =>
      (jsYaml as unknown as { types: Record<string, jsYaml.Type> }).types[name],
  ),
});
/** Most GraphQL tokens parsed. */
const MAX_GRAPHQL_TOKENS = 2_000_000;

const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
  'query',
];

/**
 * The definition features, or why there are none.
 *
 * @internal
 */
export type DefinitionFeaturesResult =
  | { features: DefinitionFeatures; problem?: undefined }
  | { features?: undefined; problem: string };

/** Thrown inside the extractors for a definition beyond a cap. */
class DefinitionProblem extends Error {}

/** Collects unique signatures, failing beyond {@link MAX_OPERATIONS}. */
class Signatures {
  readonly set = new Set<string>();
  add(signature: string) {
    this.set.add(signature);
    if (this.set.size > MAX_OPERATIONS) {
      throw new DefinitionProblem(
        `the definition has more than ${MAX_OPERATIONS} operations`,
      );
    }
  }
  sorted(): string[] {
    return [...this.set].sort();
  }
}

const EMPTY_FEATURES: DefinitionFeatures = Object.freeze({
  operations: Object.freeze([]) as readonly string[],
  style: Object.freeze({}),
});

/**
 * Reads the normalized operations, style and declared major version of an API
 * definition (`spec.type` + `spec.definition`): OpenAPI 2/3 and AsyncAPI 2/3
 * in YAML or JSON, GraphQL SDL, and protobuf for gRPC. Never throws and never
 * fetches anything: remote `$ref`s are not followed. Definitions beyond the
 * caps (size, nesting, operations) give a problem instead of features; other
 * API types give no operations.
 *
 * @internal
 */
export function extractDefinitionFeatures(
  type: string,
  definition: unknown,
): DefinitionFeaturesResult {
  const kind = type.toLocaleLowerCase('en-US');
  if (typeof definition !== 'string' || definition.trim() === '') {
    return { problem: 'spec.definition is empty' };
  }
  if (definition.length > MAX_DEFINITION_BYTES) {
    return {
      problem: `spec.definition is larger than ${MAX_DEFINITION_BYTES} bytes and was not analysed`,
    };
  }
  try {
    switch (kind) {
      case 'openapi':
        return { features: openApiFeatures(parseDocument(definition)) };
      case 'asyncapi':
        return { features: asyncApiFeatures(parseDocument(definition)) };
      case 'graphql':
        checkBracketDepth(definition, '#');
        return { features: graphqlFeatures(definition) };
      case 'grpc':
        checkBracketDepth(definition, '//');
        return { features: grpcFeatures(definition) };
      default:
        return { features: EMPTY_FEATURES };
    }
  } catch (error) {
    if (error instanceof DefinitionProblem) {
      return { problem: `spec.definition: ${error.message}` };
    }
    return {
      problem: `spec.definition does not parse as ${kind}: ${firstLine(error)}`,
    };
  }
}

type Doc = Record<string, unknown>;

function isObject(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A YAML or JSON document as an object, no deeper than the cap. */
function parseDocument(text: string): Doc {
  let doc: unknown;
  if (text.trimStart().startsWith('{')) {
    try {
      doc = JSON.parse(text);
    } catch {
      doc = undefined; // not strict JSON: YAML reads flow mappings too
    }
  }
  // js-yaml: about ten times faster than `yaml` on OpenAPI documents (see
  // docs/benchmarks.md); `json: true` lets a duplicate key win, as JSON does.
  doc ??= jsYaml.load(text, { json: true, schema: FEATURE_SCHEMA });
  if (!isObject(doc)) {
    throw new DefinitionProblem('it is not a YAML or JSON object');
  }
  checkShape(doc);
  return doc;
}

/**
 * Fails when a parsed document nests deeper than the cap, or has more nodes
 * than {@link MAX_EXPANDED_NODES} once its aliases are expanded. The
 * recursion stops at the depth cap, so a cyclic document fails too instead
 * of looping.
 */
function checkShape(root: Doc) {
  let nodes = 0;
  const visit = (node: object, depth: number) => {
    if (depth > MAX_NESTING_DEPTH) {
      throw new DefinitionProblem(
        `it is nested more than ${MAX_NESTING_DEPTH} levels deep (or is cyclic)`,
      );
    }
    const children = Array.isArray(node) ? node : Object.values(node);
    nodes += children.length;
    if (nodes > MAX_EXPANDED_NODES) {
      throw new DefinitionProblem(
        `it has more than ${MAX_EXPANDED_NODES} nodes once its YAML aliases are expanded`,
      );
    }
    for (const child of children) {
      if (typeof child === 'object' && child !== null) {
        visit(child, depth + 1);
      }
    }
  };
  visit(root, 1);
}

/**
 * Fails when brackets of an SDL or proto text nest deeper than the cap,
 * before a recursive-descent parser sees it. Strings and comments are
 * skipped.
 */
function checkBracketDepth(text: string, lineComment: '#' | '//') {
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (text.startsWith(lineComment, i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end + 1;
    } else if (lineComment === '//' && text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (text.startsWith('"""', i)) {
      const end = text.indexOf('"""', i + 3);
      i = end < 0 ? text.length : end + 3;
    } else if (c === '"' || c === "'") {
      i += 1;
      while (i < text.length && text[i] !== c && text[i] !== '\n') {
        i += text[i] === '\\' ? 2 : 1;
      }
      i += 1;
    } else {
      if (c === '{' || c === '[' || c === '(') {
        depth += 1;
        if (depth > MAX_NESTING_DEPTH) {
          throw new DefinitionProblem(
            `it is nested more than ${MAX_NESTING_DEPTH} levels deep`,
          );
        }
      } else if (c === '}' || c === ']' || c === ')') {
        depth = Math.max(0, depth - 1);
      }
      i += 1;
    }
  }
}

/** One segment of a JSON pointer, unescaped. */
function decodePointerSegment(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // not percent-encoded after all
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Resolves a local `$ref` (`#/a/b`) once; anything else is returned as is. */
function resolveLocal(doc: Doc, value: unknown): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string') {
    return value;
  }
  const ref = value.$ref;
  if (!ref.startsWith('#/')) {
    return undefined; // remote refs are never fetched
  }
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodePointerSegment(raw);
    if (!isObject(node) || !Object.prototype.hasOwnProperty.call(node, key)) {
      return undefined;
    }
    node = node[key];
  }
  return node;
}

/** The server URL with its variables replaced by their defaults. */
function serverUrl(server: unknown): string | undefined {
  if (!isObject(server) || typeof server.url !== 'string') {
    return undefined;
  }
  const variables = isObject(server.variables) ? server.variables : {};
  return server.url.replace(/\{([^}]*)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable.default === 'string'
      ? variable.default
      : whole;
  });
}

function openApiFeatures(doc: Doc): DefinitionFeatures {
  if (!('openapi' in doc) && !('swagger' in doc)) {
    throw new DefinitionProblem(
      'it has neither an `openapi` nor a `swagger` version field',
    );
  }
  const basePaths: string[][] = [];
  if (typeof doc.basePath === 'string') {
    basePaths.push(basePathSegments(doc.basePath));
  }
  for (const server of Array.isArray(doc.servers) ? doc.servers : []) {
    const url = serverUrl(server);
    if (url !== undefined) {
      basePaths.push(basePathSegments(url));
    }
  }
  const versionedBasePaths = basePaths.filter(segments =>
    segments.some(isVersionSegment),
  );

  const signatures = new Signatures();
  const casings = new Set<PathCasing>();
  let hasStaticSegments = false;
  let versionedPaths = 0;
  let unversionedPaths = 0;
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [rawPath, rawItem] of Object.entries(paths)) {
    const item = resolveLocal(doc, rawItem);
    if (!rawPath.startsWith('/') || !isObject(item)) {
      continue; // `x-…` extensions, unresolvable refs
    }
    const normalized = normalizeRestPath(rawPath, versionedBasePaths);
    let hasOperation = false;
    for (const method of HTTP_METHODS) {
      if (isObject(item[method])) {
        signatures.add(`${method.toUpperCase()} ${normalized.path}`);
        hasOperation = true;
      }
    }
    if (hasOperation && !normalized.infrastructure) {
      if (normalized.versioned) {
        versionedPaths += 1;
      } else {
        unversionedPaths += 1;
      }
      for (const segment of normalized.staticSegments) {
        hasStaticSegments = true;
        const casing = segmentCasing(segment);
        if (casing) {
          casings.add(casing);
        }
      }
    }
  }
  const info = isObject(doc.info) ? doc.info : {};
  return {
    operations: signatures.sorted(),
    style: {
      pathCasing: pathCasingOf(casings, hasStaticSegments),
      versioning: versioningOf(
        versionedPaths,
        unversionedPaths,
        versionedBasePaths.length > 0,
      ),
    },
    version: majorVersion(info.version),
  };
}

function asyncApiFeatures(doc: Doc): DefinitionFeatures {
  if (!('asyncapi' in doc)) {
    throw new DefinitionProblem('it has no `asyncapi` version field');
  }
  const signatures = new Signatures();
  const channels = isObject(doc.channels) ? doc.channels : {};
  if (majorVersion(doc.asyncapi) === '2') {
    // AsyncAPI 2 describes what clients do: a client `publish`es what the
    // application receives. AsyncAPI 3 names the application's own action.
    for (const [name, rawItem] of Object.entries(channels)) {
      const item = resolveLocal(doc, rawItem);
      if (!isObject(item)) {
        continue;
      }
      const channel = normalizeChannel(name);
      if (isObject(item.publish)) {
        signatures.add(`RECEIVE ${channel}`);
      }
      if (isObject(item.subscribe)) {
        signatures.add(`SEND ${channel}`);
      }
    }
  } else {
    const operations = isObject(doc.operations) ? doc.operations : {};
    for (const rawOperation of Object.values(operations)) {
      const operation = resolveLocal(doc, rawOperation);
      if (!isObject(operation) || typeof operation.action !== 'string') {
        continue;
      }
      const channel = channelAddress(doc, operation.channel);
      if (channel !== undefined) {
        signatures.add(
          `${operation.action.toUpperCase()} ${normalizeChannel(channel)}`,
        );
      }
    }
  }
  const info = isObject(doc.info) ? doc.info : {};
  return {
    operations: signatures.sorted(),
    style: {},
    version: majorVersion(info.version),
  };
}

/** The address of an AsyncAPI 3 operation's channel, else the channel's key. */
function channelAddress(doc: Doc, ref: unknown): string | undefined {
  const channel = resolveLocal(doc, ref);
  if (!isObject(channel)) {
    return undefined;
  }
  if (typeof channel.address === 'string' && channel.address !== '') {
    return channel.address;
  }
  const pointer = isObject(ref) ? ref.$ref : undefined;
  return typeof pointer === 'string' && pointer.startsWith('#/channels/')
    ? decodePointerSegment(pointer.slice('#/channels/'.length))
    : undefined;
}

function graphqlFeatures(definition: string): DefinitionFeatures {
  const document = parseGraphql(definition, {
    noLocation: true,
    maxTokens: MAX_GRAPHQL_TOKENS,
  });
  const declaredRoots = new Map<string, string>(); // type name → operation
  for (const node of document.definitions) {
    if (
      node.kind === Kind.SCHEMA_DEFINITION ||
      node.kind === Kind.SCHEMA_EXTENSION
    ) {
      for (const operationType of node.operationTypes ?? []) {
        declaredRoots.set(
          operationType.type.name.value,
          operationType.operation.toUpperCase(),
        );
      }
    }
  }
  const roots =
    declaredRoots.size > 0
      ? declaredRoots
      : new Map([
          ['Query', 'QUERY'],
          ['Mutation', 'MUTATION'],
          ['Subscription', 'SUBSCRIPTION'],
        ]);
  const signatures = new Signatures();
  for (const node of document.definitions) {
    if (
      node.kind === Kind.OBJECT_TYPE_DEFINITION ||
      node.kind === Kind.OBJECT_TYPE_EXTENSION
    ) {
      const operation = roots.get(node.name.value);
      for (const field of operation ? node.fields ?? [] : []) {
        signatures.add(`${operation} ${field.name.value.toLowerCase()}`);
      }
    }
  }
  return { operations: signatures.sorted(), style: {} };
}

function grpcFeatures(definition: string): DefinitionFeatures {
  const parsed = parseProto(definition, {
    keepCase: true,
    alternateCommentMode: false,
  });
  const signatures = new Signatures();
  const visit = (namespace: Namespace) => {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof Service) {
        const service = nested.fullName
          .replace(/^\./, '')
          .split('.')
          .filter(part => !isVersionSegment(part))
          .join('.')
          .toLowerCase();
        for (const method of nested.methodsArray) {
          signatures.add(`RPC ${service}/${method.name.toLowerCase()}`);
        }
      } else if (nested instanceof Namespace) {
        visit(nested);
      }
    }
  };
  visit(parsed.root);
  const packageVersion = (parsed.package ?? '')
    .split('.')
    .find(part => isVersionSegment(part));
  return {
    operations: signatures.sorted(),
    style: {},
    version: packageVersion ? majorVersion(packageVersion) : undefined,
  };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].slice(0, 300);
}
