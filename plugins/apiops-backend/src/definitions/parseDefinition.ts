import { DocumentNode, parse as parseGraphql } from 'graphql';
import { IParserResult, parse as parseProto } from 'protobufjs';
import * as jsYaml from 'js-yaml';
import { parse as parseYaml } from 'yaml';

/** Definitions larger than this are not parsed (and reported). */
export const MAX_DEFINITION_BYTES = 5 * 1024 * 1024;
/** Deepest nesting of a definition that is parsed. */
export const MAX_NESTING_DEPTH = 64;
/**
 * Most nodes of a parsed YAML or JSON definition, counting a node reached
 * through several YAML aliases each time (guards against "billion laughs":
 * the parsers share aliased nodes, so only a walk would blow up).
 */
export const MAX_EXPANDED_NODES = 2_000_000;
/**
 * Most GraphQL tokens parsed. Set where the parsed document still fits in a
 * parser thread's heap (`maxOldGenerationSizeMb: 128`; 500k tokens make an
 * AST of about 52 MB, a million about 105 MB): a larger document ends at
 * once with this cap's message, instead of seconds later with the thread out
 * of memory. Public schemas of large APIs stay well under it.
 */
const MAX_GRAPHQL_TOKENS = 500_000;
/** Most YAML aliases the precise (`yaml`) parser resolves. */
const MAX_YAML_ALIASES = 10_000;

/**
 * The YAML types the fast parser resolves: readers of a definition read
 * keys, text and nulls only (AsyncAPI 3's `address: null`), so numbers,
 * booleans and dates stay text, which saves a fifth of the parse; merge keys
 * (`<<`) still merge.
 */
const FAST_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  // js-yaml exports its types; @types/js-yaml does not declare them.
  implicit: ['null', 'merge'].map(
    name =>
      (jsYaml as unknown as { types: Record<string, jsYaml.Type> }).types[name],
  ),
});

/**
 * The YAML types the typed parser resolves: YAML 1.2's core schema (null,
 * booleans, numbers), as the precise parser reads a document, without dates
 * or merge keys.
 */
const TYPED_SCHEMA = jsYaml.CORE_SCHEMA;

/**
 * A YAML or JSON definition document (OpenAPI, AsyncAPI) as an object.
 *
 * @internal
 */
export type DefinitionObject = Record<string, unknown>;

/**
 * A definition parsed for its `spec.type`, or why it does not parse.
 * `other` is a type that is not parsed (its text is only checked).
 *
 * @internal
 */
export type ParsedDefinition =
  | { ok: true; type: 'openapi' | 'asyncapi'; document: DefinitionObject }
  | { ok: true; type: 'graphql'; document: DocumentNode }
  | { ok: true; type: 'grpc'; document: IParserResult }
  | { ok: true; type: 'other'; document?: undefined }
  | {
      ok: false;
      problem: string;
      /**
       * The parser itself failed (as opposed to a cap or a missing version
       * field): only then do the two modes' messages differ.
       */
      parserFailed?: boolean;
    };

/**
 * How a definition is parsed: `fast` (the default) reads YAML with js-yaml,
 * about ten times faster (docs/decisions/0004-fragmentation.md), keys and
 * text only; `typed` reads it with js-yaml too, with YAML's types (numbers,
 * booleans), for readers that compare values; `precise` reads it with
 * `yaml`, whose messages say where a document is broken, and gives a
 * parser's message as it is.
 *
 * @internal
 */
export type ParseMode = 'fast' | 'typed' | 'precise';

/** Thrown by the parsers for a definition that is not of its type. */
class DefinitionProblem extends Error {}

/**
 * Parses an API's `spec.definition` for its `spec.type`: OpenAPI 2/3 and
 * AsyncAPI 2/3 as YAML or JSON (an object with its version field), GraphQL
 * SDL, and protobuf for gRPC; other types are not parsed. The text is
 * checked first for every type (missing, not text, empty, over
 * {@link MAX_DEFINITION_BYTES}), and the parsed document against the caps
 * (nesting, nodes once aliases are expanded, GraphQL tokens). Never throws,
 * never fetches anything (remote `$ref`s are not followed).
 *
 * @internal
 */
export function parseDefinition(
  type: string,
  definition: unknown,
  options?: { mode?: ParseMode },
): ParsedDefinition {
  const mode = options?.mode ?? 'fast';
  const kind = type.toLocaleLowerCase('en-US');
  const textProblem = checkText(definition);
  if (textProblem) {
    return { ok: false, problem: textProblem };
  }
  const text = definition as string;
  try {
    switch (kind) {
      case 'openapi':
        return { ok: true, type: kind, document: parseOpenApi(text, mode) };
      case 'asyncapi':
        return { ok: true, type: kind, document: parseAsyncApi(text, mode) };
      case 'graphql':
        return { ok: true, type: kind, document: parseSdl(text) };
      case 'grpc':
        return { ok: true, type: kind, document: parseProtoFile(text) };
      default:
        return { ok: true, type: 'other' };
    }
  } catch (error) {
    if (error instanceof DefinitionProblem) {
      return { ok: false, problem: `spec.definition${error.message}` };
    }
    return {
      ok: false,
      parserFailed: true,
      problem:
        mode === 'precise'
          ? firstLine(error, { trimColon: true })
          : `spec.definition does not parse as ${kind}: ${firstLine(error)}`,
    };
  }
}

function checkText(definition: unknown): string | undefined {
  if (definition === undefined || definition === null) {
    return 'spec.definition is missing';
  }
  if (typeof definition !== 'string') {
    return 'spec.definition is not text';
  }
  if (definition.trim() === '') {
    return 'spec.definition is empty';
  }
  if (
    definition.length > MAX_DEFINITION_BYTES / 4 &&
    Buffer.byteLength(definition, 'utf8') > MAX_DEFINITION_BYTES
  ) {
    return `spec.definition is larger than ${MAX_DEFINITION_BYTES} bytes and was not parsed`;
  }
  return undefined;
}

function parseOpenApi(text: string, mode: ParseMode): DefinitionObject {
  const document = parseDocument(text, mode);
  if (!('openapi' in document) && !('swagger' in document)) {
    throw new DefinitionProblem(
      ': it has neither an `openapi` nor a `swagger` version field',
    );
  }
  return document;
}

function parseAsyncApi(text: string, mode: ParseMode): DefinitionObject {
  const document = parseDocument(text, mode);
  if (!('asyncapi' in document)) {
    throw new DefinitionProblem(': it has no `asyncapi` version field');
  }
  return document;
}

/** A YAML or JSON document as an object, within the caps. */
function parseDocument(text: string, mode: ParseMode): DefinitionObject {
  let document: unknown;
  if (mode === 'precise') {
    document = parseYaml(text, {
      maxAliasCount: MAX_YAML_ALIASES,
      uniqueKeys: false,
    });
  } else {
    if (text.trimStart().startsWith('{')) {
      try {
        document = JSON.parse(text);
      } catch {
        document = undefined; // not strict JSON: YAML reads flow mappings too
      }
    }
    // `json: true` lets a duplicate key win, as JSON does.
    document ??= jsYaml.load(text, {
      json: true,
      schema: mode === 'typed' ? TYPED_SCHEMA : FAST_SCHEMA,
    });
  }
  if (
    typeof document !== 'object' ||
    document === null ||
    Array.isArray(document)
  ) {
    throw new DefinitionProblem(' is not a YAML or JSON object');
  }
  checkShape(document);
  return document as DefinitionObject;
}

/**
 * Fails when a parsed document nests deeper than the cap, or has more nodes
 * than {@link MAX_EXPANDED_NODES} once its aliases are expanded. The
 * recursion stops at the depth cap, so a cyclic document fails too instead
 * of looping.
 */
function checkShape(root: object) {
  let nodes = 0;
  const visit = (node: object, depth: number) => {
    if (depth > MAX_NESTING_DEPTH) {
      throw new DefinitionProblem(
        `: it is nested more than ${MAX_NESTING_DEPTH} levels deep (or is cyclic)`,
      );
    }
    const children = Array.isArray(node) ? node : Object.values(node);
    nodes += children.length;
    if (nodes > MAX_EXPANDED_NODES) {
      throw new DefinitionProblem(
        `: it has more than ${MAX_EXPANDED_NODES} nodes once its YAML aliases are expanded`,
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

function parseSdl(text: string): DocumentNode {
  checkBracketDepth(text, '#');
  return parseGraphql(text, {
    noLocation: true,
    maxTokens: MAX_GRAPHQL_TOKENS,
  });
}

function parseProtoFile(text: string): IParserResult {
  checkBracketDepth(text, '//');
  return parseProto(text, { keepCase: true, alternateCommentMode: false });
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
            `: it is nested more than ${MAX_NESTING_DEPTH} levels deep`,
          );
        }
      } else if (c === '}' || c === ']' || c === ')') {
        depth = Math.max(0, depth - 1);
      }
      i += 1;
    }
  }
}

function firstLine(error: unknown, options?: { trimColon?: boolean }): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0];
  return (options?.trimColon ? line.replace(/:\s*$/, '') : line).slice(0, 300);
}
