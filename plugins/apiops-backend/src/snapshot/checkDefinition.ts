import { Entity } from '@backstage/catalog-model';
import { parse as parseGraphql } from 'graphql';
import { parse as parseProto } from 'protobufjs';
import { parse as parseYaml } from 'yaml';

/** Definitions larger than this are not parsed (and reported). */
export const MAX_DEFINITION_BYTES = 5 * 1024 * 1024;

/**
 * Whether an API's `spec.definition` parses for its `spec.type`: the
 * document's syntax and the top-level fields that make it that kind of
 * document. Returns what is wrong, or undefined when it parses. Never throws,
 * never fetches anything (remote `$ref`s are not followed).
 *
 * @internal
 */
export function checkDefinition(entity: Entity): string | undefined {
  const type = String(entity.spec?.type ?? '').toLocaleLowerCase('en-US');
  const definition = entity.spec?.definition;
  if (definition === undefined || definition === null) {
    return 'spec.definition is missing';
  }
  if (typeof definition !== 'string') {
    return 'spec.definition is not text';
  }
  if (definition.trim() === '') {
    return 'spec.definition is empty';
  }
  if (Buffer.byteLength(definition, 'utf8') > MAX_DEFINITION_BYTES) {
    return `spec.definition is larger than ${MAX_DEFINITION_BYTES} bytes and was not parsed`;
  }
  try {
    switch (type) {
      case 'openapi':
        return checkDocument(definition, doc =>
          'openapi' in doc || 'swagger' in doc
            ? undefined
            : 'it has neither an `openapi` nor a `swagger` version field',
        );
      case 'asyncapi':
        return checkDocument(definition, doc =>
          'asyncapi' in doc ? undefined : 'it has no `asyncapi` version field',
        );
      case 'graphql':
        parseGraphql(definition);
        return undefined;
      case 'grpc':
        parseProto(definition, { keepCase: true });
        return undefined;
      default:
        return undefined;
    }
  } catch (error) {
    return firstLine(error);
  }
}

function checkDocument(
  text: string,
  check: (doc: Record<string, unknown>) => string | undefined,
): string | undefined {
  const doc = parseYaml(text, { maxAliasCount: 10_000, uniqueKeys: false });
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return 'spec.definition is not a YAML or JSON object';
  }
  const problem = check(doc as Record<string, unknown>);
  return problem ? `spec.definition: ${problem}` : undefined;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].replace(/:\s*$/, '').slice(0, 300);
}
