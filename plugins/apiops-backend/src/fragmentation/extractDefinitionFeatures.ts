import type { PathCasing } from '@apiops-backstage/plugin-apiops-common';
import { DocumentNode, Kind } from 'graphql';
import { IParserResult, Namespace, Service } from 'protobufjs';
import { DefinitionObject, parseDefinition } from '../definitions';
import {
  BasePathIndex,
  basePathSegments,
  isVersionSegment,
  majorVersion,
  normalizeChannel,
  normalizeRestPath,
  pathCasingOf,
  replaceTemplateParameters,
  segmentCasing,
  versioningOf,
} from './normalization';
import { operationShape, UNKNOWN_SHAPE } from './operationShape';
import type { DefinitionFeatures } from './types';

/** Most operations of a definition that is analysed. */
export const MAX_OPERATIONS = 20_000;

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
 * The definition features, or why there are none: `problem` in the feature
 * extraction's words, `definitionProblem` in the precise parser's words (the
 * governance rule's message), both cached with the features. `transient`
 * marks a result that is not cached: a definition not analysed this time
 * (its parser batch timed out on another one), analysed again next time.
 *
 * @internal
 */
export type DefinitionFeaturesResult =
  | {
      features: DefinitionFeatures;
      problem?: undefined;
      definitionProblem?: undefined;
      transient?: undefined;
    }
  | {
      features?: undefined;
      problem: string;
      definitionProblem?: string;
      transient?: boolean;
    };

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
  const parsed = parseDefinition(type, definition);
  if (!parsed.ok) {
    // Parsed again when the parser failed, for the precise parser's own
    // words about it (caps and version fields say the same in both modes).
    const precise = parsed.parserFailed
      ? parseDefinition(type, definition, { mode: 'precise' })
      : parsed;
    return {
      problem: parsed.problem,
      definitionProblem: precise.ok ? parsed.problem : precise.problem,
    };
  }
  try {
    switch (parsed.type) {
      case 'openapi':
        return { features: openApiFeatures(parsed.document) };
      case 'asyncapi':
        return { features: asyncApiFeatures(parsed.document) };
      case 'graphql':
        return { features: graphqlFeatures(parsed.document) };
      case 'grpc':
        return { features: grpcFeatures(parsed.document) };
      default:
        return { features: EMPTY_FEATURES };
    }
  } catch (error) {
    const problem =
      error instanceof DefinitionProblem
        ? `spec.definition: ${error.message}`
        : `spec.definition does not parse as ${parsed.type}: ${firstLine(
            error,
          )}`;
    return { problem, definitionProblem: problem };
  }
}

type Doc = DefinitionObject;

function isObject(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

/**
 * The `$ref` objects of each document already resolved: one reused through
 * YAML aliases (the same object at each use) is resolved once, not once per
 * use (a long pointer used thousands of times was quadratic).
 */
const resolvedRefs = new WeakMap<Doc, Map<Doc, unknown>>();

/** Resolves a local `$ref` (`#/a/b`) once; anything else is returned as is. */
function resolveLocal(doc: Doc, value: unknown): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string') {
    return value;
  }
  let resolved = resolvedRefs.get(doc);
  if (!resolved) {
    resolved = new Map();
    resolvedRefs.set(doc, resolved);
  }
  if (resolved.has(value)) {
    return resolved.get(value);
  }
  const node = resolvePointer(doc, value.$ref);
  resolved.set(value, node);
  return node;
}

function resolvePointer(doc: Doc, ref: string): unknown {
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
  return replaceTemplateParameters(server.url, (name, whole) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable.default === 'string'
      ? variable.default
      : whole;
  });
}

function openApiFeatures(doc: Doc): DefinitionFeatures {
  const basePaths: string[][] = [];
  if (typeof doc.basePath === 'string') {
    basePaths.push(basePathSegments(doc.basePath));
  }
  const serverUrls: string[] = [];
  for (const server of Array.isArray(doc.servers) ? doc.servers : []) {
    const url = serverUrl(server);
    if (url !== undefined) {
      basePaths.push(basePathSegments(url));
      serverUrls.push(url);
    }
  }
  if (serverUrls.length === 0 && typeof doc.host === 'string') {
    serverUrls.push(
      `${doc.host}${typeof doc.basePath === 'string' ? doc.basePath : ''}`,
    );
  }
  const versionedBasePaths = basePaths.filter(segments =>
    segments.some(isVersionSegment),
  );
  const basePathIndex = BasePathIndex.create(versionedBasePaths);

  const signatures = new Signatures();
  /** The shape of each signature's first operation, where it has one. */
  const shapes = new Map<string, string>();
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
    const normalized = normalizeRestPath(rawPath, basePathIndex);
    let hasOperation = false;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation)) {
        // One endpoint multiplexing many operations (JSON-RPC, SOAP-like
        // `POST /`): the operationId tells them apart.
        const id =
          normalized.rootLike && typeof operation.operationId === 'string'
            ? operationKey(operation.operationId)
            : '';
        const signature = `${method.toUpperCase()} ${normalized.path}${
          id === '' ? '' : ` #${id}`
        }`;
        signatures.add(signature);
        if (!shapes.has(signature)) {
          shapes.set(
            signature,
            operationShape(item, operation, value => resolveLocal(doc, value)),
          );
        }
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
  const operations = signatures.sorted();
  const operationShapes = operations.map(
    signature => shapes.get(signature) ?? UNKNOWN_SHAPE,
  );
  return {
    operations,
    ...(operationShapes.some(shape => shape !== UNKNOWN_SHAPE)
      ? { shapes: operationShapes.join('') }
      : {}),
    ...(serverUrls.length > 0
      ? { server: normalizeServer(serverUrls[0]) }
      : {}),
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

function graphqlFeatures(document: DocumentNode): DefinitionFeatures {
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

function grpcFeatures(parsed: IParserResult): DefinitionFeatures {
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

/**
 * An operationId as part of a signature: lower case, without a leading
 * service qualifier (`mybusinessaccountmanagement.accounts.get` →
 * `accounts.get`; one API published under two service names keeps its
 * operations).
 */
function operationKey(operationId: string): string {
  const key = operationId.toLowerCase().slice(0, 200);
  const parts = key.split('.');
  return parts.length > 2 ? parts.slice(1).join('.') : key;
}

/**
 * Where an API is served, to tell one API registered twice (same place)
 * from one interface served per tenant, region or sport (other places):
 * `https://API.example.com/v3/nba/` → `api.example.com/v3/nba`.
 */
function normalizeServer(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .slice(0, 300);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].slice(0, 300);
}
