/** A JSON object of a parsed definition. */
type Doc = Record<string, unknown>;

/** Parameters that say nothing about what an operation does. */
const IGNORED_PARAMETERS = new Set([
  'accept',
  'acceptlanguage',
  'action',
  'apiversion',
  'authorization',
  'contenttype',
  'useragent',
  'version',
]);
/** Most properties of one schema that take part in a shape. */
const MAX_PROPERTIES = 200;
/** Most schema objects visited for one operation (`allOf` chains, refs). */
const MAX_VISITS = 64;
/** What a shape is when the definition says nothing of the operation's data. */
export const UNKNOWN_SHAPE = '00000000';

/**
 * The shape of each schema object already read: a component schema that many
 * operations reference is read once per document (the objects live as long
 * as their parsed document).
 */
const schemaShapes = new WeakMap<Doc, string>();

function isObject(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Content-Type`, `content_type`, `contentType` → `contenttype`. */
function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** 32-bit FNV-1a of a text, as 8 hex digits (never {@link UNKNOWN_SHAPE}). */
function hashHex(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  const hex = (hash >>> 0).toString(16).padStart(8, '0');
  return hex === UNKNOWN_SHAPE ? '00000001' : hex;
}

/**
 * Reads the shape of an operation's data: its parameters other than path
 * parameters, and the top-level properties (name and type) of its request
 * body and first successful response. Names are normalized (lower case,
 * letters and digits only), `integer` counts as `number`, `$ref`s are
 * resolved within the document, `allOf` parts merged, arrays shown as their
 * items. Bounded work: at most {@link MAX_VISITS} schemas and
 * {@link MAX_PROPERTIES} properties per schema.
 */
class ShapeReader {
  private visits = 0;

  constructor(private readonly resolve: (value: unknown) => unknown) {}

  /** The schema's top-level shape: `{id:string,name:string}`, `[{…}]`, `string`. */
  schema(raw: unknown): string {
    const schema = this.resolve(raw);
    if (!isObject(schema)) {
      return '';
    }
    const known = schemaShapes.get(schema);
    if (known !== undefined) {
      return known;
    }
    if (++this.visits > MAX_VISITS) {
      return '';
    }
    const shape = this.read(schema);
    if (this.visits <= MAX_VISITS) {
      schemaShapes.set(schema, shape); // not when cut short by the budget
    }
    return shape;
  }

  private read(schema: Doc): string {
    const properties = new Map<string, string>();
    this.collectProperties(schema, properties);
    if (properties.size > 0) {
      return `{${[...properties.entries()]
        .sort(([a], [b]) => Number(a > b) - Number(a < b))
        .map(([name, type]) => `${name}:${type}`)
        .join(',')}}`;
    }
    if (schema.type === 'array' || isObject(schema.items)) {
      const items = this.schema(schema.items);
      return items === '' ? '' : `[${items}]`;
    }
    return typeof schema.type === 'string' ? typeOf(schema) : '';
  }

  private collectProperties(schema: Doc, into: Map<string, string>) {
    if (isObject(schema.properties)) {
      for (const [name, rawProperty] of Object.entries(schema.properties)) {
        if (into.size >= MAX_PROPERTIES) {
          return;
        }
        const property = this.resolve(rawProperty);
        into.set(
          normalizeName(name),
          isObject(property) ? typeOf(property) : '',
        );
      }
    }
    for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) {
      const resolved = this.resolve(part);
      if (isObject(resolved) && ++this.visits <= MAX_VISITS) {
        this.collectProperties(resolved, into);
      }
    }
  }

  /** The body schema of a request body or response (OpenAPI 3 `content`, Swagger 2 `schema`). */
  body(raw: unknown): string {
    const body = this.resolve(raw);
    if (!isObject(body)) {
      return '';
    }
    if (body.schema !== undefined) {
      return this.schema(body.schema);
    }
    if (!isObject(body.content)) {
      return '';
    }
    const types = Object.keys(body.content);
    const json = types.find(type => /json/i.test(type)) ?? types[0];
    const media = json === undefined ? undefined : body.content[json];
    return isObject(media) ? this.schema(media.schema) : '';
  }

  /** Names of the non-path parameters, and the Swagger 2 body schema. */
  parameters(lists: unknown[]): { names: string; body: string } {
    const names = new Set<string>();
    let body = '';
    for (const list of lists) {
      for (const raw of Array.isArray(list) ? list : []) {
        const parameter = this.resolve(raw);
        if (!isObject(parameter) || typeof parameter.name !== 'string') {
          continue;
        }
        if (parameter.in === 'body') {
          body = this.schema(parameter.schema);
        } else if (parameter.in !== 'path') {
          const name = normalizeName(parameter.name);
          if (name !== '' && !IGNORED_PARAMETERS.has(name)) {
            names.add(name);
          }
        }
      }
    }
    return { names: [...names].sort().join(','), body };
  }
}

/** `string`, `number` (also for `integer`), `boolean`, `array`, `object`, or ''. */
function typeOf(schema: Doc): string {
  const type = Array.isArray(schema.type)
    ? schema.type.find(t => t !== 'null')
    : schema.type;
  if (type === 'integer') {
    return 'number';
  }
  if (typeof type === 'string') {
    return type;
  }
  if (isObject(schema.properties) || Array.isArray(schema.allOf)) {
    return 'object';
  }
  return isObject(schema.items) ? 'array' : '';
}

/**
 * The shape of one OpenAPI operation as 8 hex digits: a hash of its
 * non-path parameter names and of the top-level properties of its request
 * body and first successful (2xx) response. Two definitions of the same
 * operation with the same shape are a second signal, beside the path, that
 * they describe the same thing. {@link UNKNOWN_SHAPE} when the definition
 * gives none of them.
 *
 * @param resolve - Resolves a local `$ref` of the document (others as is).
 * @internal
 */
export function operationShape(
  pathItem: Doc,
  operation: Doc,
  resolve: (value: unknown) => unknown,
): string {
  const reader = new ShapeReader(resolve);
  const parameters = reader.parameters([
    pathItem.parameters,
    operation.parameters,
  ]);
  const request = reader.body(operation.requestBody) || parameters.body;
  const responses = isObject(operation.responses) ? operation.responses : {};
  const success = Object.keys(responses)
    .filter(code => /^2/.test(code))
    .sort()[0];
  const response = success === undefined ? '' : reader.body(responses[success]);
  if (parameters.names === '' && request === '' && response === '') {
    return UNKNOWN_SHAPE;
  }
  return hashHex(`p:${parameters.names}|q:${request}|r:${response}`);
}
