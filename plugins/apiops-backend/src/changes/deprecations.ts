import type { DocumentNode } from 'graphql';
import { Kind } from 'graphql';
import type { IParserResult, ReflectionObject } from 'protobufjs';
import { Namespace, Service } from 'protobufjs';
import type { DefinitionDeprecation } from './types';

type Doc = Record<string, unknown>;

/** The HTTP methods of an OpenAPI path item. */
export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

export function isObject(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A sunset date as an ISO 8601 date (`2026-06-30`): from an ISO date or
 * timestamp, or an HTTP date as the `Sunset` header (RFC 8594) has it.
 */
export function sunsetDateOf(value: unknown): string | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? undefined
      : value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string' || value.length > 100) return undefined;
  const text = value.trim();
  if (!/\d{4}/.test(text)) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time)
    ? undefined
    : new Date(time).toISOString().slice(0, 10);
}

/** Whether a value says `true` (YAML read as text says `'true'`). */
function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** The date a `Sunset` response header declares (its example or default). */
function sunsetHeaderDate(responses: unknown): string | undefined {
  if (!isObject(responses)) return undefined;
  for (const response of Object.values(responses)) {
    if (!isObject(response) || !isObject(response.headers)) continue;
    for (const [name, header] of Object.entries(response.headers)) {
      if (name.toLocaleLowerCase('en-US') !== 'sunset' || !isObject(header)) {
        continue;
      }
      const schema = isObject(header.schema) ? header.schema : {};
      for (const candidate of [
        header.example,
        header['x-example'],
        header.default,
        schema.example,
        schema.default,
        ...(Array.isArray(schema.enum) ? schema.enum : []),
      ]) {
        const date = sunsetDateOf(candidate);
        if (date) return date;
      }
      return '';
    }
  }
  return undefined;
}

/** What an object (the API's `info`, an operation) deprecates. */
function markedOn(
  node: Doc,
  operation: string | undefined,
  out: DefinitionDeprecation[],
) {
  const sunset = sunsetDateOf(node['x-sunset']);
  const base = operation ? { operation } : {};
  if (sunset) {
    out.push({ ...base, sunset, source: 'x-sunset' });
  } else if (isTrue(node.deprecated) || isTrue(node['x-deprecated'])) {
    out.push({ ...base, source: 'deprecated' });
  }
}

/** The deprecations of an OpenAPI (2 or 3) definition. */
export function openApiDeprecations(doc: Doc): DefinitionDeprecation[] {
  const out: DefinitionDeprecation[] = [];
  if (isObject(doc.info)) markedOn(doc.info, undefined, out);
  if (out.length === 0) markedOn(doc, undefined, out);
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const operation = `${method.toUpperCase()} ${path}`;
      const header = sunsetHeaderDate(op.responses);
      if (header) {
        out.push({ operation, sunset: header, source: 'sunset-header' });
      } else {
        const before = out.length;
        markedOn(op, operation, out);
        if (out.length === before && header === '') {
          // A Sunset header without a date still announces the end.
          out.push({ operation, source: 'sunset-header' });
        }
      }
    }
  }
  return out;
}

/** The deprecations of an AsyncAPI (2 or 3) definition. */
export function asyncApiDeprecations(doc: Doc): DefinitionDeprecation[] {
  const out: DefinitionDeprecation[] = [];
  if (isObject(doc.info)) markedOn(doc.info, undefined, out);
  const channels = isObject(doc.channels) ? doc.channels : {};
  for (const [name, channel] of Object.entries(channels)) {
    if (!isObject(channel)) continue;
    markedOn(channel, name, out);
    for (const action of ['publish', 'subscribe']) {
      const op = channel[action];
      if (isObject(op)) markedOn(op, `${action.toUpperCase()} ${name}`, out);
    }
  }
  const operations = isObject(doc.operations) ? doc.operations : {};
  for (const [name, op] of Object.entries(operations)) {
    if (isObject(op)) markedOn(op, name, out);
  }
  return out;
}

/** The `@deprecated` fields of a GraphQL schema (`Type.field`). */
export function graphqlDeprecations(
  doc: DocumentNode,
): DefinitionDeprecation[] {
  const out: DefinitionDeprecation[] = [];
  for (const definition of doc.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    ) {
      continue;
    }
    for (const field of definition.fields ?? []) {
      if (field.directives?.some(d => d.name.value === 'deprecated')) {
        out.push({
          operation: `${definition.name.value}.${field.name.value}`,
          source: 'deprecated',
        });
      }
    }
  }
  return out;
}

/** The services and methods with `option deprecated = true` of a gRPC definition. */
export function grpcDeprecations(
  parsed: IParserResult,
): DefinitionDeprecation[] {
  const out: DefinitionDeprecation[] = [];
  const visit = (node: ReflectionObject) => {
    if (node instanceof Service) {
      const serviceName = node.fullName.replace(/^\./, '');
      if (isTrue(node.options?.deprecated)) {
        out.push({ operation: serviceName, source: 'deprecated' });
      }
      for (const method of Object.values(node.methods)) {
        if (isTrue(method.options?.deprecated)) {
          out.push({
            operation: `${serviceName}/${method.name}`,
            source: 'deprecated',
          });
        }
      }
    } else if (node instanceof Namespace) {
      for (const child of node.nestedArray) visit(child);
    }
  };
  visit(parsed.root);
  return out;
}
