import { operationShape, UNKNOWN_SHAPE } from './operationShape';

type Doc = Record<string, any>;

/** Resolves the local `$ref`s of `doc` (`#/components/schemas/X`). */
function resolverOf(doc: Doc) {
  return (value: unknown): unknown => {
    if (
      typeof value !== 'object' ||
      value === null ||
      typeof (value as Doc).$ref !== 'string'
    ) {
      return value;
    }
    const ref: string = (value as Doc).$ref;
    if (!ref.startsWith('#/')) {
      return undefined;
    }
    let node: any = doc;
    for (const key of ref.slice(2).split('/')) {
      node = node?.[key];
    }
    return node;
  };
}

/** The shape of `doc.paths[path][method]`. */
function shapeOf(doc: Doc, path: string, method = 'get'): string {
  const item = doc.paths[path];
  return operationShape(item, item[method], resolverOf(doc));
}

const customer = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    age: { type: 'integer' },
  },
};

/** An OpenAPI 3 document with one operation at `/customers/{id}`. */
function openApi3(operation: Doc, schemas: Doc = {}, pathItem: Doc = {}): Doc {
  return {
    openapi: '3.0.3',
    paths: { '/customers/{id}': { ...pathItem, get: operation } },
    components: { schemas },
  };
}

const json = (schema: Doc) => ({
  content: { 'application/json': { schema } },
});

describe('operationShape', () => {
  it('is 8 hex digits, and the same for the same parameters and bodies', () => {
    const operation = {
      parameters: [{ name: 'expand', in: 'query' }],
      responses: { '200': json(customer) },
    };
    const shape = shapeOf(openApi3(operation), '/customers/{id}');
    expect(shape).toMatch(/^[0-9a-f]{8}$/);
    expect(shape).not.toBe(UNKNOWN_SHAPE);
    expect(
      shapeOf(openApi3(structuredClone(operation)), '/customers/{id}'),
    ).toBe(shape);
  });

  it('resolves $refs: a referenced schema is the inline one', () => {
    const inline = shapeOf(
      openApi3({ responses: { '200': json(customer) } }),
      '/customers/{id}',
    );
    const referenced = shapeOf(
      openApi3(
        { responses: { '200': json({ $ref: '#/components/schemas/C' }) } },
        { C: customer },
      ),
      '/customers/{id}',
    );
    expect(referenced).toBe(inline);
  });

  it('merges allOf parts, and tells other properties apart', () => {
    const merged = shapeOf(
      openApi3(
        {
          responses: {
            '200': json({
              allOf: [
                { $ref: '#/components/schemas/Id' },
                {
                  properties: {
                    name: { type: 'string' },
                    age: { type: 'number' },
                  },
                },
              ],
            }),
          },
        },
        { Id: { type: 'object', properties: { id: { type: 'string' } } } },
      ),
      '/customers/{id}',
    );
    // `integer` counts as `number`.
    expect(merged).toBe(
      shapeOf(
        openApi3({ responses: { '200': json(customer) } }),
        '/customers/{id}',
      ),
    );
    const other = shapeOf(
      openApi3({
        responses: {
          '200': json({
            type: 'object',
            properties: { id: { type: 'string' }, label: { type: 'string' } },
          }),
        },
      }),
      '/customers/{id}',
    );
    expect(other).not.toBe(merged);
  });

  it('shows an array by its items: a list differs from one item', () => {
    const one = shapeOf(
      openApi3({ responses: { '200': json(customer) } }),
      '/customers/{id}',
    );
    const list = shapeOf(
      openApi3({
        responses: { '200': json({ type: 'array', items: customer }) },
      }),
      '/customers/{id}',
    );
    const listOfRefs = shapeOf(
      openApi3(
        {
          responses: {
            '200': json({
              type: 'array',
              items: { $ref: '#/components/schemas/C' },
            }),
          },
        },
        { C: customer },
      ),
      '/customers/{id}',
    );
    expect(list).not.toBe(one);
    expect(listOfRefs).toBe(list);
  });

  it('reads a Swagger 2 body parameter and response schema as OpenAPI 3 ones', () => {
    const order = {
      type: 'object',
      properties: { item: { type: 'string' }, quantity: { type: 'integer' } },
    };
    const swagger2 = {
      swagger: '2.0',
      paths: {
        '/orders': {
          post: {
            parameters: [
              { name: 'body', in: 'body', schema: { $ref: '#/definitions/O' } },
              { name: 'dryRun', in: 'query', type: 'boolean' },
            ],
            responses: { '201': { schema: { $ref: '#/definitions/O' } } },
          },
        },
      },
      definitions: { O: order },
    };
    const openApi = {
      openapi: '3.0.3',
      paths: {
        '/orders': {
          post: {
            parameters: [{ name: 'dry_run', in: 'query' }],
            requestBody: json(order),
            responses: { '201': json(order), '400': json(customer) },
          },
        },
      },
    };
    const shape = shapeOf(swagger2, '/orders', 'post');
    expect(shape).not.toBe(UNKNOWN_SHAPE);
    // Parameter names are normalized (`dryRun` = `dry_run`).
    expect(shapeOf(openApi, '/orders', 'post')).toBe(shape);
  });

  it('ignores path parameters and headers that say nothing of the operation', () => {
    const base = shapeOf(
      openApi3({ responses: { '200': json(customer) } }),
      '/customers/{id}',
    );
    const withPathParameters = shapeOf(
      openApi3(
        {
          parameters: [
            { name: 'id', in: 'path', required: true },
            { name: 'Authorization', in: 'header' },
            { name: 'api-version', in: 'query' },
          ],
          responses: { '200': json(customer) },
        },
        {},
        { parameters: [{ name: 'tenant', in: 'path' }] },
      ),
      '/customers/{id}',
    );
    expect(withPathParameters).toBe(base);
    // A query parameter, from the path item too, is part of the shape.
    const withQuery = shapeOf(
      openApi3(
        { responses: { '200': json(customer) } },
        {},
        { parameters: [{ name: 'expand', in: 'query' }] },
      ),
      '/customers/{id}',
    );
    expect(withQuery).not.toBe(base);
  });

  it('is unknown when the definition says nothing of the data', () => {
    expect(
      shapeOf(
        openApi3({ responses: { '200': { description: 'OK' } } }),
        '/customers/{id}',
      ),
    ).toBe(UNKNOWN_SHAPE);
    expect(
      shapeOf(
        openApi3({
          parameters: [{ name: 'id', in: 'path' }],
          responses: { '404': json(customer) },
        }),
        '/customers/{id}',
      ),
    ).toBe(UNKNOWN_SHAPE);
    expect(shapeOf(openApi3({}), '/customers/{id}')).toBe(UNKNOWN_SHAPE);
    expect(
      shapeOf(
        openApi3({
          responses: { '200': json({ $ref: '#/components/schemas/Missing' }) },
        }),
        '/customers/{id}',
      ),
    ).toBe(UNKNOWN_SHAPE);
  });

  it('ends on schemas that refer to themselves', () => {
    const doc = openApi3(
      {
        responses: {
          '200': json({ $ref: '#/components/schemas/Tree' }),
        },
        requestBody: json({ $ref: '#/components/schemas/Loop' }),
      },
      {
        Tree: { type: 'array', items: { $ref: '#/components/schemas/Tree' } },
        Loop: { allOf: [{ $ref: '#/components/schemas/Loop' }] },
      },
    );
    expect(shapeOf(doc, '/customers/{id}')).toMatch(/^[0-9a-f]{8}$/);
  });
});
