import { HTTP_METHODS, isObject } from './deprecations';

type Doc = Record<string, unknown>;

/** Keys of a Swagger 2.0 parameter that make its OpenAPI 3 schema. */
const SCHEMA_KEYS = [
  'type',
  'format',
  'items',
  'enum',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
];

const REF_PREFIXES: Array<[string, string]> = [
  ['#/definitions/', '#/components/schemas/'],
  ['#/parameters/', '#/components/parameters/'],
  ['#/responses/', '#/components/responses/'],
];

/** `$ref`s of Swagger 2.0 rewritten to where OpenAPI 3 keeps the same things. */
function rewriteRefs(value: unknown, depth = 0): unknown {
  if (depth > 64) return value;
  if (Array.isArray(value)) return value.map(v => rewriteRefs(v, depth + 1));
  if (!isObject(value)) return value;
  const out: Doc = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') {
      const prefix = REF_PREFIXES.find(([from]) => child.startsWith(from));
      out[key] = prefix ? prefix[1] + child.slice(prefix[0].length) : child;
    } else {
      out[key] = rewriteRefs(child, depth + 1);
    }
  }
  return out;
}

function schemaOf(parameter: Doc): Doc {
  const schema: Doc = {};
  for (const key of SCHEMA_KEYS) {
    if (parameter[key] !== undefined) schema[key] = parameter[key];
  }
  return schema;
}

function mediaTypes(list: unknown, fallback: unknown): string[] {
  const chosen = Array.isArray(list) && list.length > 0 ? list : fallback;
  return Array.isArray(chosen) && chosen.length > 0
    ? chosen.filter((m): m is string => typeof m === 'string')
    : ['application/json'];
}

function convertOperation(op: Doc, shared: Doc[], doc: Doc): Doc {
  const out: Doc = { ...op };
  delete out.consumes;
  delete out.produces;
  delete out.schemes;
  const parameters: Doc[] = [];
  let body: Doc | undefined;
  const form: Doc = { type: 'object', properties: {} as Doc };
  const formRequired: string[] = [];
  for (const parameter of [
    ...shared,
    ...(Array.isArray(op.parameters) ? op.parameters : []),
  ]) {
    if (!isObject(parameter)) continue;
    if (parameter.in === 'body') {
      body = parameter;
    } else if (parameter.in === 'formData') {
      (form.properties as Doc)[String(parameter.name)] = schemaOf(parameter);
      if (parameter.required === true)
        formRequired.push(String(parameter.name));
    } else if (typeof parameter.$ref === 'string') {
      parameters.push(parameter);
    } else {
      const { name, in: where, required, description, deprecated } = parameter;
      parameters.push({
        name,
        in: where,
        ...(required !== undefined ? { required } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(deprecated !== undefined ? { deprecated } : {}),
        schema: schemaOf(parameter),
      });
    }
  }
  if (parameters.length > 0) out.parameters = parameters;
  else delete out.parameters;
  const consumes = mediaTypes(op.consumes, doc.consumes);
  if (body) {
    out.requestBody = {
      ...(body.required !== undefined ? { required: body.required } : {}),
      content: Object.fromEntries(
        consumes.map(type => [type, { schema: body!.schema ?? {} }]),
      ),
    };
  } else if (Object.keys(form.properties as Doc).length > 0) {
    out.requestBody = {
      ...(formRequired.length > 0 ? { required: true } : {}),
      content: {
        'application/x-www-form-urlencoded': {
          schema: {
            ...form,
            ...(formRequired.length ? { required: formRequired } : {}),
          },
        },
      },
    };
  }
  const produces = mediaTypes(op.produces, doc.produces);
  if (isObject(op.responses)) {
    out.responses = Object.fromEntries(
      Object.entries(op.responses).map(([code, response]) => {
        if (!isObject(response) || typeof response.$ref === 'string') {
          return [code, response];
        }
        const { schema, headers, examples: _examples, ...rest } = response;
        return [
          code,
          {
            ...rest,
            ...(schema !== undefined
              ? {
                  content: Object.fromEntries(
                    produces.map(type => [type, { schema }]),
                  ),
                }
              : {}),
            ...(isObject(headers)
              ? {
                  headers: Object.fromEntries(
                    Object.entries(headers).map(([name, header]) => [
                      name,
                      isObject(header)
                        ? {
                            ...(header.description !== undefined
                              ? { description: header.description }
                              : {}),
                            schema: schemaOf(header),
                          }
                        : header,
                    ]),
                  ),
                }
              : {}),
          },
        ];
      }),
    );
  }
  return out;
}

/**
 * A Swagger 2.0 definition as the OpenAPI 3.0 document that says the same
 * (servers, parameters' schemas, request bodies, response content,
 * components), so that the differ, which reads OpenAPI 3, compares it.
 * Enough for a diff, not a general converter: vendor extensions stay where
 * they are and examples are dropped.
 *
 * @internal
 */
export function swaggerToOpenApi(doc: Doc): Doc {
  const out: Doc = { openapi: '3.0.3' };
  for (const [key, value] of Object.entries(doc)) {
    if (
      ![
        'swagger',
        'host',
        'basePath',
        'schemes',
        'consumes',
        'produces',
        'definitions',
        'parameters',
        'responses',
        'securityDefinitions',
        'paths',
      ].includes(key)
    ) {
      out[key] = value;
    }
  }
  if (typeof doc.host === 'string' || typeof doc.basePath === 'string') {
    const schemes =
      Array.isArray(doc.schemes) && doc.schemes.length > 0
        ? doc.schemes
        : ['https'];
    out.servers = schemes.map(scheme => ({
      url: `${scheme}://${doc.host ?? 'localhost'}${doc.basePath ?? ''}`,
    }));
  }
  const components: Doc = {};
  if (isObject(doc.definitions)) components.schemas = doc.definitions;
  if (isObject(doc.securityDefinitions)) {
    components.securitySchemes = doc.securityDefinitions;
  }
  if (isObject(doc.responses)) components.responses = doc.responses;
  if (isObject(doc.parameters)) {
    components.parameters = Object.fromEntries(
      Object.entries(doc.parameters)
        .filter(
          ([, p]) => isObject(p) && p.in !== 'body' && p.in !== 'formData',
        )
        .map(([name, p]) => [
          name,
          { ...(p as Doc), schema: schemaOf(p as Doc) },
        ]),
    );
  }
  if (Object.keys(components).length > 0) out.components = components;
  const paths: Doc = {};
  for (const [path, item] of Object.entries(
    isObject(doc.paths) ? doc.paths : {},
  )) {
    if (!isObject(item)) continue;
    const shared = (
      Array.isArray(item.parameters) ? item.parameters : []
    ).filter(isObject);
    const converted: Doc = {};
    for (const [key, value] of Object.entries(item)) {
      if (key === 'parameters') continue;
      converted[key] =
        HTTP_METHODS.includes(key) && isObject(value)
          ? convertOperation(value, shared, doc)
          : value;
    }
    paths[path] = converted;
  }
  out.paths = paths;
  return rewriteRefs(out) as Doc;
}
