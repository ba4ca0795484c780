import { Entity } from '@backstage/catalog-model';
import { loadExampleEntities } from '../__fixtures__/exampleCatalog';
import { describeDefinition, diffDefinitions } from './diffDefinitions';

const examples = new Map<string, Entity>(
  loadExampleEntities()
    .filter(e => e.kind === 'API')
    .map(e => [e.metadata.name, e]),
);

function definitionOf(name: string): { type: string; text: string } {
  const entity = examples.get(name);
  if (!entity) throw new Error(`no example API ${name}`);
  return {
    type: String(entity.spec?.type),
    text: String(entity.spec?.definition),
  };
}

const OPTIONS = { maxChanges: 500 };

describe('diffDefinitions', () => {
  it('finds nothing between a definition and itself', () => {
    const { type, text } = definitionOf('payments-api-v2');
    const diff = diffDefinitions(type, text, text, OPTIONS);
    expect(diff.changeCount).toBe(0);
    expect(diff.problem).toBeUndefined();
  });

  it('calls a removed operation and a new required parameter breaking', () => {
    const { text } = definitionOf('accounts-api');
    const doc = JSON.parse(JSON.stringify(require('yaml').parse(text)));
    const [path, item] = Object.entries<any>(doc.paths).find(([, i]) => i.get)!;
    const removed = Object.keys(doc.paths).find(p => p !== path)!;
    const removedMethods = Object.keys(doc.paths[removed]).filter(m =>
      ['get', 'post', 'put', 'patch', 'delete'].includes(m),
    );
    delete doc.paths[removed];
    item.get.parameters = [
      ...(item.get.parameters ?? []),
      {
        name: 'tenant',
        in: 'query',
        required: true,
        schema: { type: 'string' },
      },
    ];
    const diff = diffDefinitions('openapi', text, JSON.stringify(doc), OPTIONS);
    expect(diff.problem).toBeUndefined();
    expect(diff.counts.breaking).toBeGreaterThanOrEqual(2);
    expect(diff.changes[0].class).toBe('breaking');
    const param = diff.changes.find(c => c.description.includes('tenant'));
    expect(param).toMatchObject({
      class: 'breaking',
      action: 'add',
      operation: `GET ${path}`,
    });
    expect(param!.path).toMatch(/^\$\.paths\['.*'\]\.get\.parameters\[\d+\]$/);
    expect(diff.removedWithoutDeprecation).toEqual(
      removedMethods.map(m => `${m.toUpperCase()} ${removed}`).sort(),
    );
  });

  it('does not call a removed operation undeprecated when it was deprecated', () => {
    const before = {
      openapi: '3.0.3',
      info: { title: 't', version: '1.0.0' },
      paths: {
        '/a': {
          get: { deprecated: true, responses: { 200: { description: 'ok' } } },
        },
        '/b': { get: { responses: { 200: { description: 'ok' } } } },
      },
    };
    const after = { ...before, paths: { '/b': before.paths['/b'] } };
    const diff = diffDefinitions(
      'openapi',
      JSON.stringify(before),
      JSON.stringify(after),
      OPTIONS,
    );
    expect(diff.counts.breaking).toBe(1);
    expect(diff.removedWithoutDeprecation).toEqual([]);
    expect(diff.before.deprecations).toEqual([
      { operation: 'GET /a', source: 'deprecated' },
    ]);
  });

  it('lists what a consumer of payments v1 must change to move to v2', () => {
    const v1 = definitionOf('payments-api-v1');
    const v2 = definitionOf('payments-api-v2');
    const diff = diffDefinitions('openapi', v1.text, v2.text, {
      maxChanges: 500,
      ignoreVersionSegments: true,
    });
    expect(diff.before.version).toMatch(/^1\./);
    expect(diff.after.version).toMatch(/^2\./);
    // With the /v1 and /v2 prefixes set aside, the operations both have
    // are compared, not listed as removed and added.
    expect(
      diff.changes.filter(c => c.path === "$.paths['/payments'].get"),
    ).toEqual([]);
    expect(diff.changes).toContainEqual(
      expect.objectContaining({
        class: 'breaking',
        operation: 'DELETE /payments/{paymentId}',
        action: 'remove',
      }),
    );
    expect(diff.counts['non-breaking']).toBeGreaterThan(0);
  });

  it('caps the changes listed and counts them all', () => {
    const v1 = definitionOf('payments-api-v1');
    const v2 = definitionOf('payments-api-v2');
    const diff = diffDefinitions('openapi', v1.text, v2.text, {
      maxChanges: 3,
    });
    expect(diff.changes).toHaveLength(3);
    expect(diff.changeCount).toBeGreaterThan(3);
    expect(Object.values(diff.counts).reduce((a, b) => a + b)).toBe(
      diff.changeCount,
    );
  });

  it('compares Swagger 2.0 as OpenAPI 3', () => {
    const before = {
      swagger: '2.0',
      info: { title: 't', version: '1.0.0' },
      paths: {
        '/funds': {
          post: {
            parameters: [
              {
                name: 'body',
                in: 'body',
                schema: { $ref: '#/definitions/Req' },
              },
            ],
            responses: {
              200: { description: 'ok', schema: { type: 'object' } },
            },
          },
        },
      },
      definitions: {
        Req: { type: 'object', properties: { amount: { type: 'number' } } },
      },
    };
    const after = JSON.parse(JSON.stringify(before));
    after.paths['/funds'].post.parameters.push({
      name: 'x-tenant',
      in: 'header',
      required: true,
      type: 'string',
    });
    after.definitions.Req.required = ['amount'];
    const diff = diffDefinitions(
      'openapi',
      JSON.stringify(before),
      JSON.stringify(after),
      OPTIONS,
    );
    expect(diff.problem).toBeUndefined();
    // The required header, and the body's newly required property (where
    // the schema is defined, and where the operation uses it).
    expect(diff.counts.breaking).toBe(3);
    expect(diff.changes.map(c => c.description)).toContain(
      'Added required header parameter `x-tenant`',
    );
    expect(diff.changes.map(c => c.operation)).toContain('POST /funds');
  });

  it('compares AsyncAPI channels', () => {
    const { text } = definitionOf('payment-events');
    const doc = require('yaml').parse(text);
    const channel = Object.keys(doc.channels)[0];
    delete doc.channels[channel];
    const diff = diffDefinitions(
      'asyncapi',
      text,
      JSON.stringify(doc),
      OPTIONS,
    );
    expect(diff.changes[0]).toMatchObject({
      class: 'breaking',
      action: 'remove',
    });
  });

  it('compares GraphQL schemas with graphql-js', () => {
    const before = 'type Query { a: String, b(id: ID): Int }';
    const after =
      'type Query { b(id: ID!): Int, c: String @deprecated(reason: "use b") }';
    const diff = diffDefinitions('graphql', before, after, OPTIONS);
    expect(
      diff.changes.filter(c => c.class === 'breaking').map(c => c.operation),
    ).toEqual(expect.arrayContaining(['Query.a', 'Query.b']));
    expect(diff.changes).toContainEqual(
      expect.objectContaining({ class: 'non-breaking', operation: 'Query.c' }),
    );
    expect(diff.removedWithoutDeprecation).toEqual(['Query.a']);
    expect(diff.after.deprecations).toEqual([
      { operation: 'Query.c', source: 'deprecated' },
    ]);
  });

  it('compares gRPC services and messages', () => {
    const before = `syntax = "proto3"; package bank.v1;
      service Cards { rpc Get (GetReq) returns (Card); rpc Old (GetReq) returns (Card); }
      message GetReq { string id = 1; }
      message Card { string id = 1; string pan = 2; }`;
    const after = `syntax = "proto3"; package bank.v1;
      service Cards { rpc Get (GetReq) returns (Card); rpc New (GetReq) returns (Card); }
      message GetReq { string id = 1; int32 page = 2; }
      message Card { string id = 1; int64 pan = 2; }`;
    const diff = diffDefinitions('grpc', before, after, OPTIONS);
    expect(diff.after.version).toBe('v1');
    expect(diff.counts.breaking).toBe(2);
    expect(diff.removedWithoutDeprecation).toEqual(['bank.v1.Cards/Old']);
    expect(diff.changes).toContainEqual(
      expect.objectContaining({
        class: 'non-breaking',
        operation: 'bank.v1.Cards/New',
      }),
    );
  });

  it('gives a problem for a definition that does not parse', () => {
    const { text } = definitionOf('accounts-api');
    const diff = diffDefinitions('openapi', text, 'openapi: [', OPTIONS);
    expect(diff.problem).toMatch(/^the definition does not parse/);
    expect(diff.changeCount).toBe(0);
  });

  it('reads sunset dates of operations and of the API', () => {
    const facts = describeDefinition(
      'openapi',
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 't', version: '2.0.0', 'x-sunset': '2026-01-31' },
        paths: {
          '/a': {
            get: {
              responses: {
                200: {
                  description: 'ok',
                  headers: {
                    Sunset: {
                      schema: {
                        type: 'string',
                        example: 'Wed, 30 Sep 2026 23:59:59 GMT',
                      },
                    },
                  },
                },
              },
            },
            post: { 'x-sunset': '2026-12-31', responses: {} },
          },
        },
      }),
    );
    expect(facts).toEqual({
      version: '2.0.0',
      deprecations: [
        { sunset: '2026-01-31', source: 'x-sunset' },
        { operation: 'GET /a', sunset: '2026-09-30', source: 'sunset-header' },
        { operation: 'POST /a', sunset: '2026-12-31', source: 'x-sunset' },
      ],
    });
  });
});

describe('the first parameters of an operation', () => {
  it('are breaking when one is required', () => {
    const before = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/cards': { get: { responses: { 200: { description: 'ok' } } } },
      },
      components: {
        parameters: {
          Page: { name: 'page', in: 'query', schema: { type: 'integer' } },
        },
      },
    };
    const after = JSON.parse(JSON.stringify(before));
    after.paths['/cards'].get.parameters = [
      {
        name: 'tenant',
        in: 'query',
        required: true,
        schema: { type: 'string' },
      },
      { $ref: '#/components/parameters/Page' },
    ];
    const diff = diffDefinitions(
      'openapi',
      JSON.stringify(before),
      JSON.stringify(after),
      { maxChanges: 10 },
    );
    expect(diff.changes.map(c => [c.class, c.description, c.path])).toEqual([
      [
        'breaking',
        'Added required query parameter `tenant`',
        "$.paths['/cards'].get.parameters[0]",
      ],
      [
        'non-breaking',
        'Added optional query parameter `page`',
        "$.paths['/cards'].get.parameters[1]",
      ],
    ]);
  });
});
