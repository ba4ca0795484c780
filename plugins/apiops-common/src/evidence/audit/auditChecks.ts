import type { AuditCheck, AuditItemStatus } from '../types';
import {
  DocumentOperation,
  JsonObject,
  deref,
  describeOperation,
  isObject,
  listOperations,
  namedSchemas,
  parametersOf,
  schemaAndPropertyNames,
  someNode,
  typeOfParameter,
} from './openApiDocument';

/** What one check found in one document. */
export interface CheckOutcome {
  status: AuditItemStatus;
  /** What is wrong (operations, paths, names), all of them. */
  details?: string[];
  reason: string;
}

/** A check of the method's checklist, by `check.type`. */
export type AuditCheckFunction = (
  document: JsonObject,
  check: AuditCheck,
) => CheckOutcome;

/**
 * `pass` when nothing of what was checked is wrong, `gap` when all of it is,
 * `partial` in between; `na` when there was nothing to check.
 */
export function byShare(
  offenders: string[],
  checked: number,
  texts: { none: string; what: string; short: string },
): CheckOutcome {
  if (checked === 0) {
    return { status: 'na', reason: texts.none };
  }
  if (offenders.length === 0) {
    return { status: 'pass', reason: `all ${checked} ${texts.what}` };
  }
  return {
    status: offenders.length >= checked ? 'gap' : 'partial',
    details: offenders,
    reason: `${offenders.length} of ${checked} ${texts.short}`,
  };
}

function presence(found: boolean, yes: string, no: string): CheckOutcome {
  return found
    ? { status: 'pass', reason: yes }
    : { status: 'gap', reason: no };
}

const NO_OPERATIONS = 'the definition has no operations';
const NO_SCHEMAS = 'the definition has no named schemas';

/** Every operation has a description (`operationDescriptions`). */
function operationDescriptions(document: JsonObject): CheckOutcome {
  const operations = listOperations(document);
  const missing = operations
    .filter(({ operation }) => {
      const { description } = operation;
      return typeof description !== 'string' || description.trim() === '';
    })
    .map(describeOperation);
  return byShare(missing, operations.length, {
    none: NO_OPERATIONS,
    what: 'operations have a description',
    short: 'operations have no description',
  });
}

/**
 * Schema and property names are descriptive words: no one- or two-letter
 * words, no runs of capitals (`fieldNamesDescriptive`, the method's test).
 */
function fieldNamesDescriptive(document: JsonObject): CheckOutcome {
  const names = schemaAndPropertyNames(document);
  const bad = names.filter(name => /(^|_)[a-z]{1,2}(_|$)|[A-Z]{2,}/.test(name));
  return byShare(bad, names.length, {
    none: NO_SCHEMAS,
    what: 'schema and property names are descriptive words',
    short:
      'schema and property names are one- or two-letter words or runs of capitals',
  });
}

/** Object schemas say which of their fields are required (`requiredFieldsPresent`). */
function requiredFieldsPresent(document: JsonObject): CheckOutcome {
  const objects = Object.entries(namedSchemas(document)).filter(
    ([, schema]) => schema.type === 'object' || isObject(schema.properties),
  );
  const missing = objects
    .filter(
      ([, schema]) =>
        !Array.isArray(schema.required) || schema.required.length === 0,
    )
    .map(([name]) => name);
  return byShare(missing, objects.length, {
    none: 'the definition has no object schemas',
    what: 'object schemas list their required fields',
    short: 'object schemas list no required field',
  });
}

/** A property name that holds a date or a time. */
const DATE_NAME =
  /(^|_)(date|time|timestamp)$|(^|[a-z_])(Date|Time|Timestamp|At|On)$|_at$|_on$|^(created|updated|modified|deleted|expires|birthday|dob)$/;

/**
 * Date and time fields are ISO 8601 strings (`format: date-time` or `date`),
 * so their time zone is explicit (`dateFormatTimezone`).
 */
function dateFormatTimezone(document: JsonObject): CheckOutcome {
  const offenders: string[] = [];
  let checked = 0;
  for (const [schemaName, schema] of Object.entries(namedSchemas(document))) {
    if (!isObject(schema.properties)) continue;
    for (const [name, raw] of Object.entries(schema.properties)) {
      const property = deref(document, raw);
      if (!isObject(property) || !DATE_NAME.test(name)) continue;
      checked += 1;
      const { format, type } = property;
      const iso =
        (format === 'date-time' || format === 'date') &&
        (type === undefined || type === 'string');
      if (!iso) {
        offenders.push(`${schemaName}.${name}`);
      }
    }
  }
  return byShare(offenders, checked, {
    none: 'the definition has no date or time fields',
    what: 'date and time fields use format date-time or date',
    short: 'date and time fields have no date-time or date format',
  });
}

/** Values are constrained by enums, patterns or formats (`standardizedEnumsOrPatterns`). */
function standardizedEnumsOrPatterns(document: JsonObject): CheckOutcome {
  const schemas = namedSchemas(document);
  if (Object.keys(schemas).length === 0) {
    return { status: 'na', reason: NO_SCHEMAS };
  }
  const found = someNode(
    document,
    schemas,
    node =>
      Array.isArray(node.enum) ||
      typeof node.pattern === 'string' ||
      (typeof node.format === 'string' && node.type === 'string'),
  );
  return presence(
    found,
    'the schemas constrain values with enums, patterns or formats',
    'no schema constrains its values with an enum, a pattern or a format',
  );
}

/** Names spell words out instead of acronyms (`avoidAcronyms`, the method's test). */
function avoidAcronyms(document: JsonObject): CheckOutcome {
  const names = schemaAndPropertyNames(document);
  const acronyms = names.filter(name =>
    /[A-Z]{3,}|(^|[^a-z])[a-z]{0,2}[A-Z]{2,}/.test(name),
  );
  return byShare(acronyms, names.length, {
    none: NO_SCHEMAS,
    what: 'schema and property names spell words out',
    short: 'schema and property names use acronyms',
  });
}

/**
 * Paths nest at most `maxDepth` resources (path parameters not counted;
 * `pathDepthMax`).
 */
function pathDepthMax(document: JsonObject, check: AuditCheck): CheckOutcome {
  const maxDepth =
    typeof check.maxDepth === 'number' && check.maxDepth > 0
      ? check.maxDepth
      : 2;
  const routes = isObject(document.paths) ? Object.keys(document.paths) : [];
  const deep = routes.filter(
    route =>
      route.split('/').filter(part => part !== '' && !part.startsWith('{'))
        .length > maxDepth,
  );
  return byShare(deep, routes.length, {
    none: 'the definition has no paths',
    what: `paths have at most ${maxDepth} segments besides parameters`,
    short: `paths have more than ${maxDepth} segments besides parameters`,
  });
}

function hasExample(document: JsonObject, root: unknown): boolean {
  return someNode(
    document,
    root,
    node => 'example' in node || 'examples' in node || 'x-example' in node,
  );
}

/** Every operation shows an example of what it takes or returns (`examplesPresent`). */
function examplesPresent(document: JsonObject): CheckOutcome {
  const operations = listOperations(document);
  const missing = operations
    .filter(op => !hasExample(document, op.operation))
    .map(describeOperation);
  return byShare(missing, operations.length, {
    none: NO_OPERATIONS,
    what: 'operations have examples',
    short: 'operations have no example',
  });
}

/** GET operations take no request body (`getNoRequestBody`). */
function getNoRequestBody(document: JsonObject): CheckOutcome {
  const gets = listOperations(document).filter(op => op.method === 'get');
  const bad = gets
    .filter(
      op =>
        op.operation.requestBody !== undefined ||
        parametersOf(document, op).some(p => p.in === 'body'),
    )
    .map(describeOperation);
  return byShare(bad, gets.length, {
    none: 'the definition has no GET operations',
    what: 'GET operations take no request body',
    short: 'GET operations take a request body',
  });
}

/** Whether a response describes its body with a schema (3.x content or 2.0 schema). */
function hasBodySchema(document: JsonObject, response: unknown): boolean {
  const resolved = deref(document, response);
  if (!isObject(resolved)) {
    return false;
  }
  if (resolved.schema !== undefined) {
    return true;
  }
  const content = resolved.content;
  return (
    isObject(content) &&
    Object.values(content).some(media => isObject(media) && !!media.schema)
  );
}

/**
 * Every operation documents a specific 400 response with a body schema
 * (`errorResponsesSpecific`); `4XX` counts too.
 */
function errorResponsesSpecific(document: JsonObject): CheckOutcome {
  const operations = listOperations(document);
  const bad = operations
    .filter(({ operation }) => {
      const responses = isObject(operation.responses)
        ? operation.responses
        : {};
      const error = responses['400'] ?? responses['4XX'] ?? responses['4xx'];
      return !hasBodySchema(document, error);
    })
    .map(describeOperation);
  return byShare(bad, operations.length, {
    none: NO_OPERATIONS,
    what: 'operations describe a 400 response with a schema',
    short: 'operations describe no 400 response with a schema',
  });
}

/** The definition names its data structures (`schemasPresent`). */
function schemasPresent(document: JsonObject): CheckOutcome {
  const count = Object.keys(namedSchemas(document)).length;
  return presence(
    count > 0,
    `the definition names ${count} schemas`,
    'the definition has no named schemas (components.schemas)',
  );
}

/** A path parameter that identifies a resource. */
const ID_NAME = /(^id$|Id$|_id$|ID$)/;

/**
 * Identifiers in paths are opaque strings, not sequential numbers that
 * expose the backend's keys (`opaqueIdentifiers`).
 */
function opaqueIdentifiers(document: JsonObject): CheckOutcome {
  const seen = new Map<string, boolean>();
  for (const op of listOperations(document)) {
    for (const parameter of parametersOf(document, op)) {
      if (parameter.in !== 'path' || typeof parameter.name !== 'string') {
        continue;
      }
      if (!ID_NAME.test(parameter.name)) continue;
      const key = `${op.route} {${parameter.name}}`;
      const type = typeOfParameter(document, parameter);
      const sequential = type === 'integer' || type === 'number';
      seen.set(key, (seen.get(key) ?? false) || sequential);
    }
  }
  const offenders = [...seen].filter(([, bad]) => bad).map(([key]) => key);
  return byShare(offenders, seen.size, {
    none: 'the definition has no identifier path parameters',
    what: 'identifier path parameters are opaque strings',
    short: 'identifier path parameters are numbers',
  });
}

const SENSITIVE = /password|passwd|token|secret|ssn|card|apikey|api_key/i;

/**
 * No secrets or personal data in URLs: neither in paths nor in query
 * parameter names (`noSensitiveDataInPaths`).
 */
function noSensitiveDataInPaths(document: JsonObject): CheckOutcome {
  const operations = listOperations(document);
  const offenders = new Set<string>();
  for (const op of operations) {
    if (SENSITIVE.test(op.route)) {
      offenders.add(op.route);
    }
    for (const parameter of parametersOf(document, op)) {
      if (
        parameter.in === 'query' &&
        typeof parameter.name === 'string' &&
        SENSITIVE.test(parameter.name)
      ) {
        offenders.add(`${describeOperation(op)} ?${parameter.name}`);
      }
    }
  }
  return byShare([...offenders], operations.length, {
    none: NO_OPERATIONS,
    what: 'operations keep sensitive data out of the URL',
    short: 'operations put sensitive data in the URL',
  });
}

/** Whether a route ends with a path parameter (an item, not a collection). */
function isItemRoute(route: string): boolean {
  const last = route.split('/').filter(Boolean).pop() ?? '';
  return last.startsWith('{');
}

/**
 * HTTP methods fit the resource: PUT, PATCH and DELETE address an item,
 * POST a collection (`methodResourceConsistency`). Actions
 * (`/orders/{id}/cancel`) are collections here, so POST fits them.
 */
function methodResourceConsistency(document: JsonObject): CheckOutcome {
  const writes = listOperations(document).filter(
    op =>
      op.method !== 'get' && op.method !== 'head' && op.method !== 'options',
  );
  const bad = writes
    .filter((op: DocumentOperation) => {
      const item = isItemRoute(op.route);
      if (op.method === 'post') return item;
      if (
        op.method === 'put' ||
        op.method === 'patch' ||
        op.method === 'delete'
      ) {
        return !item;
      }
      return false;
    })
    .map(describeOperation);
  return byShare(bad, writes.length, {
    none: 'the definition has no write operations',
    what: 'write operations fit their resource',
    short:
      'write operations do not fit their resource (PUT, PATCH, DELETE on a collection; POST on an item)',
  });
}

/** A JSON type of a value, as JSON Schema names it. */
function jsonTypeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  return typeof value;
}

/** Whether an example fits its schema's type and required properties (shallow). */
function exampleFits(
  document: JsonObject,
  schemaNode: unknown,
  example: unknown,
): boolean {
  const schema = deref(document, schemaNode);
  if (!isObject(schema)) {
    return true;
  }
  const type = schema.type;
  const actual = jsonTypeOf(example);
  if (typeof type === 'string') {
    const fits =
      type === actual ||
      (type === 'number' && actual === 'integer') ||
      // YAML examples of dates stay strings only in precise parsers.
      (type === 'string' && actual === 'object' && example instanceof Date);
    if (!fits) return false;
  }
  if (
    isObject(example) &&
    Array.isArray(schema.required) &&
    schema.required.some(name => typeof name === 'string' && !(name in example))
  ) {
    return false;
  }
  return true;
}

/**
 * Examples agree with their schemas: each media type example has the
 * schema's type and its required properties (`examplesPassValidation`; a
 * shallow check, not a full JSON Schema validation).
 */
function examplesPassValidation(document: JsonObject): CheckOutcome {
  const offenders: string[] = [];
  let checked = 0;
  for (const op of listOperations(document)) {
    const bodies: Array<{ where: string; media: unknown }> = [];
    const request = deref(document, op.operation.requestBody);
    if (isObject(request) && isObject(request.content)) {
      for (const [type, media] of Object.entries(request.content)) {
        bodies.push({ where: `request ${type}`, media });
      }
    }
    const responses = isObject(op.operation.responses)
      ? op.operation.responses
      : {};
    for (const [code, raw] of Object.entries(responses)) {
      const response = deref(document, raw);
      if (isObject(response) && isObject(response.content)) {
        for (const [type, media] of Object.entries(response.content)) {
          bodies.push({ where: `${code} ${type}`, media });
        }
      }
    }
    for (const { where, media } of bodies) {
      if (!isObject(media) || !('example' in media || 'examples' in media)) {
        continue;
      }
      const examples: unknown[] = [];
      if ('example' in media) examples.push(media.example);
      if (isObject(media.examples)) {
        for (const raw of Object.values(media.examples)) {
          const example = deref(document, raw);
          if (isObject(example) && 'value' in example) {
            examples.push(example.value);
          }
        }
      }
      for (const example of examples) {
        checked += 1;
        if (!exampleFits(document, media.schema, example)) {
          offenders.push(`${describeOperation(op)} ${where}`);
        }
      }
    }
  }
  return byShare(offenders, checked, {
    none: 'the definition has no examples of request or response bodies',
    what: 'examples fit their schemas',
    short: "examples do not fit their schema's type or required properties",
  });
}

/** A CI workflow cannot be seen in a definition (`validationWorkflowPresent`). */
function validationWorkflowPresent(): CheckOutcome {
  return {
    status: 'na',
    reason:
      "needs the API's repository (a CI workflow that validates the definition), which the portal does not read",
  };
}

/**
 * The checks of the method's audit checklist by `check.type`, as its own
 * audit tool (`run-design-audit.js` of `create-apiops`) names them. Where
 * that tool tests for the names of its example API (`opaqueIdentifiers`,
 * `methodResourceConsistency`) or only for the presence of something
 * anywhere (`dateFormatTimezone`, `examplesPresent`,
 * `examplesPassValidation`), these check what the item's label asks of any
 * API. `stageCoverage` is computed from the other items' results.
 *
 * @public
 */
export const AUDIT_CHECKS: Readonly<Record<string, AuditCheckFunction>> =
  Object.freeze({
    operationDescriptions,
    fieldNamesDescriptive,
    requiredFieldsPresent,
    dateFormatTimezone,
    standardizedEnumsOrPatterns,
    avoidAcronyms,
    pathDepthMax,
    examplesPresent,
    getNoRequestBody,
    errorResponsesSpecific,
    schemasPresent,
    opaqueIdentifiers,
    noSensitiveDataInPaths,
    methodResourceConsistency,
    validationWorkflowPresent,
    examplesPassValidation,
  });
