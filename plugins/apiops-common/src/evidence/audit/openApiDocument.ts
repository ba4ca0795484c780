/**
 * Reading helpers over a parsed OpenAPI document (2.0 or 3.x) that tolerate
 * any shape: a definition is whatever its owners wrote.
 */

/** A JSON object of a parsed definition. */
export type JsonObject = Record<string, unknown>;

/** The HTTP methods of a path item. */
export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

/** Whether a value is a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One operation of a document, with where it is. */
export interface DocumentOperation {
  route: string;
  method: (typeof HTTP_METHODS)[number];
  operation: JsonObject;
  /** The parameters of the path item, shared by its operations. */
  pathParameters: unknown[];
}

/** The operations of the document's `paths`, in document order. */
export function listOperations(document: JsonObject): DocumentOperation[] {
  const operations: DocumentOperation[] = [];
  const paths = document.paths;
  if (!isObject(paths)) {
    return operations;
  }
  for (const [route, item] of Object.entries(paths)) {
    if (!isObject(item)) {
      continue;
    }
    const pathParameters = Array.isArray(item.parameters)
      ? item.parameters
      : [];
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation)) {
        operations.push({ route, method, operation, pathParameters });
      }
    }
  }
  return operations;
}

/** The named schemas: `components.schemas` (3.x) or `definitions` (2.0). */
export function namedSchemas(document: JsonObject): Record<string, JsonObject> {
  const components = document.components;
  const schemas = isObject(components) ? components.schemas : undefined;
  let source: JsonObject = {};
  if (isObject(schemas)) {
    source = schemas;
  } else if (isObject(document.definitions)) {
    source = document.definitions;
  }
  const result: Record<string, JsonObject> = {};
  for (const [name, schema] of Object.entries(source)) {
    if (isObject(schema)) {
      result[name] = schema;
    }
  }
  return result;
}

/**
 * What a local `$ref` (`#/components/schemas/Pet`) points to; undefined for
 * a remote or broken one (remote references are never fetched).
 */
export function resolveLocalRef(
  document: JsonObject,
  ref: unknown,
): unknown | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) {
    return undefined;
  }
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const segment = decodeURIComponent(raw)
      .replace(/~1/g, '/')
      .replace(/~0/g, '~');
    if (!isObject(node) && !Array.isArray(node)) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** A node, or what its local `$ref` points to (one hop at a time, at most 20). */
export function deref(document: JsonObject, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 20; hops += 1) {
    if (!isObject(current) || typeof current.$ref !== 'string') {
      return current;
    }
    current = resolveLocalRef(document, current.$ref);
  }
  return undefined;
}

/**
 * Visits every object of a subtree, following local `$ref`s once each, and
 * stops as soon as `visit` returns true. The walk is bounded by the nodes
 * of the document: each object is visited once.
 */
export function someNode(
  document: JsonObject,
  root: unknown,
  visit: (node: JsonObject, key: string | undefined) => boolean,
): boolean {
  const seen = new Set<unknown>();
  const stack: Array<{ node: unknown; key: string | undefined }> = [
    { node: root, key: undefined },
  ];
  while (stack.length > 0) {
    const { node, key } = stack.pop()!;
    if (typeof node !== 'object' || node === null || seen.has(node)) {
      continue;
    }
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) stack.push({ node: item, key });
      continue;
    }
    const object = node as JsonObject;
    if (visit(object, key)) {
      return true;
    }
    if (typeof object.$ref === 'string') {
      stack.push({ node: resolveLocalRef(document, object.$ref), key });
    }
    for (const [childKey, child] of Object.entries(object)) {
      stack.push({ node: child, key: childKey });
    }
  }
  return false;
}

/** The operation's parameters and its path item's, resolved. */
export function parametersOf(
  document: JsonObject,
  operation: DocumentOperation,
): JsonObject[] {
  const own = Array.isArray(operation.operation.parameters)
    ? operation.operation.parameters
    : [];
  return [...operation.pathParameters, ...own]
    .map(parameter => deref(document, parameter))
    .filter(isObject);
}

/** The `type` of a (resolved) parameter or schema: 3.x `schema.type`, else 2.0 `type`. */
export function typeOfParameter(
  document: JsonObject,
  parameter: JsonObject,
): string | undefined {
  const schema = deref(document, parameter.schema);
  const type = isObject(schema) ? schema.type : parameter.type;
  return typeof type === 'string' ? type : undefined;
}

/** `GET /pets/{id}`: how an operation is named in details. */
export function describeOperation(operation: DocumentOperation): string {
  return `${operation.method.toUpperCase()} ${operation.route}`;
}

/** The names of the named schemas and of their properties. */
export function schemaAndPropertyNames(document: JsonObject): string[] {
  const names: string[] = [];
  for (const [name, schema] of Object.entries(namedSchemas(document))) {
    names.push(name);
    if (isObject(schema.properties)) {
      names.push(...Object.keys(schema.properties));
    }
  }
  return names;
}
