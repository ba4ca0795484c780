import {
  ApiChange,
  CHANGE_CLASSES,
  ChangeClass,
  ChangeCounts,
} from '@apiops-backstage/plugin-apiops-common';
import { apiCompare } from 'api-smart-diff';
import type { DocumentNode } from 'graphql';
import type { IParserResult } from 'protobufjs';
import { parseDefinition } from '../definitions';
import { isVersionSegment } from '../fragmentation/normalization';
import {
  HTTP_METHODS,
  asyncApiDeprecations,
  graphqlDeprecations,
  grpcDeprecations,
  isObject,
  openApiDeprecations,
} from './deprecations';
import { diffGraphql, graphqlOperations } from './diffGraphql';
import { diffGrpc, grpcOperations, grpcVersion } from './diffGrpc';
import { swaggerToOpenApi } from './swaggerToOpenApi';
import { jsonPathOf, shorten } from './jsonPath';
import { withoutUnchangedParts } from './withoutUnchangedParts';
import type { DefinitionDiff, DefinitionFacts } from './types';

type Doc = Record<string, unknown>;

/** A definition as the differ reads it. */
type Readable =
  | { kind: 'document'; spec: 'openapi' | 'asyncapi'; document: Doc }
  | { kind: 'graphql'; document: DocumentNode }
  | { kind: 'grpc'; document: IParserResult }
  | { kind: 'other' };

/** How two definitions are compared. */
export interface DiffOptions {
  /** Most changes listed (all are counted). */
  maxChanges: number;
  /**
   * Compare REST paths without their version segment (`/v1/payments` as
   * `/payments`): for two versions of an API, where the prefix is the
   * expected difference.
   */
  ignoreVersionSegments?: boolean;
}

/** No changes of any class. */
export function emptyCounts(): ChangeCounts {
  return {
    breaking: 0,
    'non-breaking': 0,
    deprecated: 0,
    annotation: 0,
    unclassified: 0,
  };
}

function read(
  type: string,
  text: string,
  mode: 'fast' | 'typed' = 'typed',
): { readable: Readable; facts: DefinitionFacts } {
  // The differ needs YAML's types (booleans, numbers): the typed parser,
  // and the precise one's message for a document that does not parse.
  // The facts read text only (`deprecated: 'true'` counts): the fast one.
  let parsed = parseDefinition(type, text, { mode });
  if (!parsed.ok && parsed.parserFailed && mode === 'typed') {
    parsed = parseDefinition(type, text, { mode: 'precise' });
  }
  if (!parsed.ok) {
    return {
      readable: { kind: 'other' },
      facts: { deprecations: [], problem: parsed.problem },
    };
  }
  switch (parsed.type) {
    case 'openapi': {
      const document =
        typeof parsed.document.swagger === 'string' ||
        typeof parsed.document.swagger === 'number'
          ? swaggerToOpenApi(parsed.document)
          : parsed.document;
      return {
        readable: { kind: 'document', spec: 'openapi', document },
        facts: {
          ...versionOf(parsed.document),
          deprecations: openApiDeprecations(parsed.document),
        },
      };
    }
    case 'asyncapi':
      return {
        readable: {
          kind: 'document',
          spec: 'asyncapi',
          document: parsed.document,
        },
        facts: {
          ...versionOf(parsed.document),
          deprecations: asyncApiDeprecations(parsed.document),
        },
      };
    case 'graphql':
      return {
        readable: { kind: 'graphql', document: parsed.document },
        facts: { deprecations: graphqlDeprecations(parsed.document) },
      };
    case 'grpc':
      return {
        readable: { kind: 'grpc', document: parsed.document },
        facts: {
          ...grpcVersion(parsed.document),
          deprecations: grpcDeprecations(parsed.document),
        },
      };
    default:
      return { readable: { kind: 'other' }, facts: { deprecations: [] } };
  }
}

function versionOf(doc: Doc): { version?: string } {
  const version = isObject(doc.info) ? doc.info.version : undefined;
  return typeof version === 'string' || typeof version === 'number'
    ? { version: String(version) }
    : {};
}

/**
 * What the change detection keeps of a definition it sees for the first
 * time (the baseline): its version and deprecations.
 *
 * @internal
 */
export function describeDefinition(
  type: string,
  text: string,
): DefinitionFacts {
  return read(type, text, 'fast').facts;
}

/**
 * Compares two definitions of an API of a `spec.type`: OpenAPI 3 and
 * AsyncAPI 2 with api-smart-diff (Swagger 2.0 converted to OpenAPI 3
 * first; AsyncAPI 3 compared as a document, channels and operations
 * classified here), GraphQL SDL with graphql-js's own breaking-change
 * finder, gRPC (protobuf) service by service. Changes are classified,
 * sorted most severe first, capped, and located by JSON path and
 * operation. Never throws: a definition that does not parse gives a
 * `problem`.
 *
 * @internal
 */
export function diffDefinitions(
  type: string,
  beforeText: string,
  afterText: string,
  options: DiffOptions,
): DefinitionDiff {
  const before = read(type, beforeText);
  const after = read(type, afterText);
  const base = {
    before: before.facts,
    after: after.facts,
    counts: emptyCounts(),
    changes: [],
    changeCount: 0,
    removedWithoutDeprecation: [],
  };
  if (before.facts.problem) {
    return {
      ...base,
      problem: `the previous definition does not parse: ${before.facts.problem}`,
    };
  }
  if (after.facts.problem) {
    return {
      ...base,
      problem: `the definition does not parse: ${after.facts.problem}`,
    };
  }
  let all: ApiChange[];
  let operations: { before: Set<string>; after: Set<string> };
  const b = before.readable;
  const a = after.readable;
  if (b.kind === 'document' && a.kind === 'document') {
    const prepare = (doc: Doc) =>
      options.ignoreVersionSegments && b.spec === 'openapi'
        ? withoutVersionSegments(doc)
        : doc;
    const left = prepare(b.document);
    const right = prepare(a.document);
    all = diffDocuments(b.spec, left, right);
    operations = {
      before: documentOperations(b.spec, left),
      after: documentOperations(a.spec, right),
    };
  } else if (b.kind === 'graphql' && a.kind === 'graphql') {
    all = diffGraphql(b.document, a.document);
    operations = {
      before: graphqlOperations(b.document),
      after: graphqlOperations(a.document),
    };
  } else if (b.kind === 'grpc' && a.kind === 'grpc') {
    all = diffGrpc(b.document, a.document);
    operations = {
      before: grpcOperations(b.document),
      after: grpcOperations(a.document),
    };
  } else {
    return {
      ...base,
      problem: `definitions of type ${type} are not compared (OpenAPI, AsyncAPI, GraphQL and gRPC are)`,
    };
  }
  const counts = emptyCounts();
  for (const change of all) counts[change.class] += 1;
  const sorted = sortChanges(all);
  const apiDeprecated = before.facts.deprecations.some(d => !d.operation);
  const deprecatedBefore = new Set(
    before.facts.deprecations.flatMap(d => (d.operation ? [d.operation] : [])),
  );
  const removedWithoutDeprecation = apiDeprecated
    ? []
    : [...operations.before]
        .filter(op => !operations.after.has(op) && !deprecatedBefore.has(op))
        .sort();
  return {
    ...base,
    counts,
    changes: sorted.slice(0, Math.max(0, options.maxChanges)),
    changeCount: sorted.length,
    removedWithoutDeprecation,
  };
}

/** Most severe first, then by path. */
export function sortChanges(changes: ApiChange[]): ApiChange[] {
  const rank = new Map(CHANGE_CLASSES.map((c, i) => [c, i]));
  return [...changes].sort(
    (x, y) =>
      rank.get(x.class)! - rank.get(y.class)! || comparePaths(x.path, y.path),
  );
}

/** Two JSON paths in code-point order (the same on every locale). */
function comparePaths(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The operation a differ's path is about, when it is about one. */
function operationOf(
  spec: 'openapi' | 'asyncapi',
  path: ReadonlyArray<string | number>,
): string | undefined {
  const [first, second, third] = path;
  if (spec === 'openapi') {
    if (
      first === 'paths' &&
      typeof second === 'string' &&
      typeof third === 'string' &&
      HTTP_METHODS.includes(third)
    ) {
      return `${third.toUpperCase()} ${second}`;
    }
    return undefined;
  }
  if (first === 'channels' && typeof second === 'string') {
    return third === 'publish' || third === 'subscribe'
      ? `${third.toUpperCase()} ${second}`
      : second;
  }
  if (first === 'operations' && typeof second === 'string') return second;
  return undefined;
}

const ACTIONS = new Set(['add', 'remove', 'replace', 'rename']);

/** OpenAPI and AsyncAPI documents through api-smart-diff. */
function diffDocuments(
  spec: 'openapi' | 'asyncapi',
  before: Doc,
  after: Doc,
): ApiChange[] {
  // Only what changed is walked: a few operations of hundreds, typically.
  const parts = withoutUnchangedParts(spec, before, after);
  const { diffs } = apiCompare(parts.before, parts.after);
  return diffs.flatMap(diff => {
    const expanded =
      spec === 'openapi' ? addedParameters(diff, after) : undefined;
    if (expanded) return expanded;
    const path = diff.path as Array<string | number>;
    const action = (
      ACTIONS.has(diff.action) ? diff.action : 'replace'
    ) as ApiChange['action'];
    let cls = diff.type as ChangeClass;
    // AsyncAPI 3 (and channels api-smart-diff leaves unclassified): a
    // channel or operation gone breaks its consumers, a new one does not.
    if (
      cls === 'unclassified' &&
      spec === 'asyncapi' &&
      (path.length === 2 ||
        (path.length === 3 &&
          (path[2] === 'publish' || path[2] === 'subscribe'))) &&
      (path[0] === 'channels' || path[0] === 'operations')
    ) {
      if (action === 'remove') cls = 'breaking';
      else if (action === 'add') cls = 'non-breaking';
    }
    const operation = operationOf(spec, path);
    const jsonPath = jsonPathOf(path);
    return {
      class: CHANGE_CLASSES.includes(cls) ? cls : 'unclassified',
      action,
      path: jsonPath,
      ...(operation ? { operation } : {}),
      description: describe(diff.description, action, path, operation),
      ...(diff.before !== undefined ? { before: shorten(diff.before) } : {}),
      ...(diff.after !== undefined ? { after: shorten(diff.after) } : {}),
    };
  });
}

const VERBS: Record<ApiChange['action'], string> = {
  add: 'Added',
  remove: 'Removed',
  replace: 'Replaced',
  rename: 'Renamed',
};

function describe(
  description: string | undefined,
  action: ApiChange['action'],
  path: ReadonlyArray<string | number>,
  operation: string | undefined,
): string {
  if (description && !/\bundefined\b/.test(description)) {
    return description.replace(/^\[(\w+)\] /, (_m, verb: string) => `${verb} `);
  }
  const where = path.map(String).join('.');
  return `${VERBS[action]} ${where || 'the document'}${
    operation && !where.includes(operation) ? ` (${operation})` : ''
  }`;
}

/** A local `$ref` of a document resolved (one level), or the value. */
function resolved(doc: Doc, value: unknown): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string') return value;
  const parts = value.$ref.replace(/^#\//, '').split('/');
  let node: unknown = doc;
  for (const part of parts) {
    node = isObject(node)
      ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')]
      : undefined;
  }
  return node ?? value;
}

/**
 * The first parameters of an operation or path: api-smart-diff reports the
 * whole array added, as one non-breaking change; here one change per
 * parameter, breaking when it is required (or in the path).
 */
function addedParameters(
  diff: {
    path: ReadonlyArray<string | number>;
    action: string;
    after?: unknown;
  },
  after: Doc,
): ApiChange[] | undefined {
  const path = diff.path as Array<string | number>;
  if (
    diff.action !== 'add' ||
    path[0] !== 'paths' ||
    path[path.length - 1] !== 'parameters' ||
    !Array.isArray(diff.after)
  ) {
    return undefined;
  }
  const operation = operationOf('openapi', path);
  return diff.after.map((raw, i) => {
    const parameter = resolved(after, raw);
    const p = isObject(parameter) ? parameter : {};
    const required = p.required === true || p.in === 'path';
    const name = typeof p.name === 'string' ? p.name : String(i);
    const where = typeof p.in === 'string' ? `${p.in} ` : '';
    return {
      class: required ? 'breaking' : 'non-breaking',
      action: 'add',
      path: jsonPathOf([...path, i]),
      ...(operation ? { operation } : {}),
      description: `Added ${
        required ? 'required' : 'optional'
      } ${where}parameter \`${name}\``,
      after: shorten(raw),
    };
  });
}

/** The operations of an OpenAPI or AsyncAPI document. */
function documentOperations(
  spec: 'openapi' | 'asyncapi',
  doc: Doc,
): Set<string> {
  const out = new Set<string>();
  if (spec === 'openapi') {
    for (const [path, item] of Object.entries(
      isObject(doc.paths) ? doc.paths : {},
    )) {
      if (!isObject(item)) continue;
      for (const method of HTTP_METHODS) {
        if (isObject(item[method])) out.add(`${method.toUpperCase()} ${path}`);
      }
    }
    return out;
  }
  for (const [name, channel] of Object.entries(
    isObject(doc.channels) ? doc.channels : {},
  )) {
    if (!isObject(channel)) continue;
    for (const action of ['publish', 'subscribe']) {
      if (isObject(channel[action])) out.add(`${action.toUpperCase()} ${name}`);
    }
  }
  for (const name of Object.keys(
    isObject(doc.operations) ? doc.operations : {},
  )) {
    out.add(name);
  }
  return out;
}

/** An OpenAPI document with the version segments taken out of its paths. */
function withoutVersionSegments(doc: Doc): Doc {
  if (!isObject(doc.paths)) return doc;
  const paths: Doc = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    const stripped = `/${path
      .split('/')
      .filter(segment => segment !== '' && !isVersionSegment(segment))
      .join('/')}`;
    // Two paths that differ only in their version: the first stays.
    if (!(stripped in paths)) paths[stripped] = item;
  }
  const servers = Array.isArray(doc.servers)
    ? doc.servers.map(server =>
        isObject(server) && typeof server.url === 'string'
          ? {
              ...server,
              url: server.url
                .split('/')
                .filter(segment => !isVersionSegment(segment))
                .join('/'),
            }
          : server,
      )
    : doc.servers;
  return { ...doc, paths, ...(servers ? { servers } : {}) };
}
