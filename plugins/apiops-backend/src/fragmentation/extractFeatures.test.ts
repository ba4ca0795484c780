import { Entity } from '@backstage/catalog-model';
import { FeatureCache } from './FeatureCache';
import {
  MAX_OPERATIONS,
  extractDefinitionFeatures,
} from './extractDefinitionFeatures';
import { extractFeatures } from './extractFeatures';
import { nameKeyOf, normalizeChannel, segmentCasing } from './normalization';
import { MAX_DEFINITION_BYTES, MAX_NESTING_DEPTH } from '../definitions';

function api(
  spec: Record<string, unknown>,
  metadata: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'petstore', namespace: 'default', ...metadata },
    spec: { lifecycle: 'production', owner: 'team-a', ...spec },
  };
}

const OPENAPI_3 = `openapi: 3.0.3
info: {title: Customers, version: 2.4.1}
servers:
  - url: https://api.example.com/customers/v1
paths:
  /customers:
    get: {responses: {'200': {description: ok}}}
    post: {responses: {'201': {description: ok}}}
  /customers/{customerId}/:
    get: {responses: {'200': {description: ok}}}
    parameters: []
  /customers/v1/customer-notes:
    get: {responses: {'200': {description: ok}}}
  /v2.1/contact-preferences:
    put: {responses: {'200': {description: ok}}}
  /api/v3/Customers/{ID}/addresses/{addressId}:
    delete: {responses: {'204': {description: ok}}}
  /health:
    get: {responses: {'200': {description: ok}}}
  x-internal: {get: {}}
`;

const SWAGGER_2 = JSON.stringify({
  swagger: '2.0',
  info: { title: 'Funds', version: '3.1' },
  basePath: '/open-banking/v3.1/cbpii',
  paths: {
    '/funds-confirmations': { post: { responses: {} } },
    '/funds-confirmations/{ConsentId}': { get: { responses: {} } },
  },
});

const OPENAPI_31_JSON = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'Orders', version: 'v4' },
  servers: [{ url: '/{base}', variables: { base: { default: 'orders' } } }],
  paths: {
    '/orders': { get: {}, $ref: undefined },
    '/orders/{orderId}': { $ref: '#/components/pathItems/Order' },
    '/remote': { $ref: 'https://example.com/remote.yaml#/paths/x' },
  },
  components: { pathItems: { Order: { get: {}, patch: {} } } },
});

const ASYNCAPI_2 = `asyncapi: 2.6.0
info: {title: Users, version: 1.0.0}
channels:
  user/{userId}/signedup.v1:
    subscribe: {message: {payload: {type: string}}}
  user/{userId}/delete:
    publish: {message: {payload: {type: string}}}
`;

const ASYNCAPI_3 = `asyncapi: 3.0.0
info: {title: Payments, version: 3.0.0}
channels:
  paymentSettled:
    address: kestrel.payments.payment-settled.v3
  audit:
    address: null
operations:
  publishSettled:
    action: send
    channel: {$ref: '#/channels/paymentSettled'}
  receiveAudit:
    action: receive
    channel: {$ref: '#/channels/audit'}
  broken:
    action: send
    channel: {$ref: 'other.yaml#/channels/x'}
`;

const GRAPHQL_SCHEMA = `
"""Root types renamed by a schema definition."""
schema { query: RootQuery mutation: RootMutation }
type RootQuery { customer(id: ID!): Customer customers: [Customer!]! }
extend type RootQuery { searchCustomers(text: String!): [Customer!]! }
type RootMutation { updateCustomer(id: ID!, name: String): Customer }
type Query { notARoot: Int }
type Customer { id: ID! name: String }
`;

const GRAPHQL_DEFAULT = `
type Query { me: User }
extend type Query { users(first: Int = 10): [User!]! }
type Subscription { userChanged: User }
type User { id: ID! }
`;

const PROTO = `syntax = "proto3";
package kestrel.cards.tokenization.v1;
// A comment with a { brace
service CardTokenizationService {
  rpc TokenizeCard(TokenizeCardRequest) returns (TokenizeCardResponse);
  rpc DetokenizeCard(TokenizeCardResponse) returns (TokenizeCardRequest);
}
message TokenizeCardRequest { string pan = 1; message Nested { int32 x = 1; } }
message TokenizeCardResponse { string token = 1; }
service Health { rpc Check(TokenizeCardRequest) returns (TokenizeCardResponse); }
`;

describe('extractDefinitionFeatures', () => {
  it.each([
    {
      name: 'OpenAPI 3 (YAML): versions, parameters, case, base path, infra',
      type: 'openapi',
      definition: OPENAPI_3,
      operations: [
        'DELETE /customers/{}/addresses/{}',
        'GET /customer-notes',
        'GET /customers',
        'GET /customers/{}',
        'GET /health',
        'POST /customers',
        'PUT /contact-preferences',
      ],
      style: { pathCasing: 'mixed', versioning: 'mixed' },
      version: '2',
    },
    {
      name: 'Swagger 2 (JSON) with a versioned basePath',
      type: 'openapi',
      definition: SWAGGER_2,
      operations: ['GET /funds-confirmations/{}', 'POST /funds-confirmations'],
      style: { pathCasing: 'kebab', versioning: 'server' },
      version: '3',
    },
    {
      name: 'OpenAPI 3.1 (JSON): local path item refs, remote refs skipped',
      type: 'OpenAPI',
      definition: OPENAPI_31_JSON,
      operations: ['GET /orders', 'GET /orders/{}', 'PATCH /orders/{}'],
      style: { pathCasing: 'lower', versioning: 'none' },
      version: '4',
    },
    {
      name: 'AsyncAPI 2: publish is received, subscribe is sent',
      type: 'asyncapi',
      definition: ASYNCAPI_2,
      operations: ['RECEIVE user/{}/delete', 'SEND user/{}/signedup'],
      style: {},
      version: '1',
    },
    {
      name: 'AsyncAPI 3: action + channel address (else channel key)',
      type: 'asyncapi',
      definition: ASYNCAPI_3,
      operations: ['RECEIVE audit', 'SEND kestrel.payments.payment-settled'],
      style: {},
      version: '3',
    },
    {
      name: 'GraphQL with a schema definition and type extensions',
      type: 'graphql',
      definition: GRAPHQL_SCHEMA,
      operations: [
        'MUTATION updatecustomer',
        'QUERY customer',
        'QUERY customers',
        'QUERY searchcustomers',
      ],
      style: {},
      version: undefined,
    },
    {
      name: 'GraphQL with the default root type names',
      type: 'graphql',
      definition: GRAPHQL_DEFAULT,
      operations: ['QUERY me', 'QUERY users', 'SUBSCRIPTION userchanged'],
      style: {},
      version: undefined,
    },
    {
      name: 'gRPC proto: package version dropped, every service',
      type: 'grpc',
      definition: PROTO,
      operations: [
        'RPC kestrel.cards.tokenization.cardtokenizationservice/detokenizecard',
        'RPC kestrel.cards.tokenization.cardtokenizationservice/tokenizecard',
        'RPC kestrel.cards.tokenization.health/check',
      ],
      style: {},
      version: '1',
    },
    {
      name: 'an unknown type: no operations, no problem',
      type: 'soap',
      definition: '<wsdl/>',
      operations: [],
      style: {},
      version: undefined,
    },
  ])('$name', ({ type, definition, operations, style, version }) => {
    const result = extractDefinitionFeatures(type, definition);
    expect(result.problem).toBeUndefined();
    expect(result.features?.operations).toEqual(operations);
    expect(result.features?.style).toEqual(style);
    expect(result.features?.version).toEqual(version);
  });

  const deepYaml = `openapi: 3.0.0\nx: ${'['.repeat(
    MAX_NESTING_DEPTH + 5,
  )}${']'.repeat(MAX_NESTING_DEPTH + 5)}\n`;
  const manyPaths = JSON.stringify({
    openapi: '3.0.0',
    paths: Object.fromEntries(
      Array.from({ length: MAX_OPERATIONS + 1 }, (_, i) => [
        `/r${i}`,
        { get: {} },
      ]),
    ),
  });
  const aliasBomb = [
    'openapi: 3.0.0',
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    'paths: {}',
  ].join('\n');

  it.each([
    {
      name: 'an empty definition',
      type: 'openapi',
      definition: '  ',
      problem: /empty/,
    },
    {
      name: 'no definition',
      type: 'openapi',
      definition: undefined,
      problem: /missing/,
    },
    {
      name: 'a definition over the size cap',
      type: 'openapi',
      definition: `openapi: 3.0.0\nx: "${'a'.repeat(MAX_DEFINITION_BYTES)}"`,
      problem: /larger than/,
    },
    {
      name: 'broken YAML',
      type: 'openapi',
      definition:
        'openapi: 3.0.0\ninfo:\n  title: x\n    version: 1\n  summary: {',
      problem: /does not parse as openapi/,
    },
    {
      name: 'a YAML document that is not OpenAPI',
      type: 'openapi',
      definition: 'asyncapi: 2.6.0\n',
      problem: /neither an `openapi` nor a `swagger`/,
    },
    {
      name: 'a YAML scalar',
      type: 'asyncapi',
      definition: 'hello',
      problem: /not a YAML or JSON object/,
    },
    {
      name: 'nesting over the cap',
      type: 'openapi',
      definition: deepYaml,
      problem: /nested more than 64/,
    },
    {
      name: 'a cyclic alias',
      type: 'openapi',
      definition: 'openapi: 3.0.0\nx: &x\n  y: *x\n',
      problem: /nested more than 64|does not parse/,
    },
    {
      name: 'an alias bomb',
      type: 'openapi',
      definition: aliasBomb,
      problem: /more than 2000000 nodes once its YAML aliases are expanded/,
    },
    {
      name: 'too many operations',
      type: 'openapi',
      definition: manyPaths,
      problem: /more than 20000 operations/,
    },
    {
      name: 'broken GraphQL',
      type: 'graphql',
      definition: 'type Query {',
      problem: /does not parse as graphql/,
    },
    {
      name: 'GraphQL nested over the cap',
      type: 'graphql',
      definition: `type Query { a: ${'['.repeat(100)}Int${']'.repeat(100)} }`,
      problem: /nested more than 64/,
    },
    {
      name: 'broken proto',
      type: 'grpc',
      definition: 'service {',
      problem: /does not parse as grpc/,
    },
  ])(
    'gives a problem, never throws, for $name',
    ({ type, definition, problem }) => {
      const result = extractDefinitionFeatures(type, definition);
      expect(result.features).toBeUndefined();
      expect(result.problem).toMatch(problem);
    },
  );

  it('reads YAML merge keys, and numbers and dates as the text written', () => {
    const definition = [
      'openapi: 3.0',
      'info: { title: Ledger, version: 2.10 }',
      'x-common: &common',
      '  get: { responses: { "200": { description: ok } } }',
      'paths:',
      '  /entries:',
      '    <<: *common',
      '    post: { responses: { "201": { description: created } } }',
      '  /entries/2024-01-01:',
      '    <<: *common',
    ].join('\n');
    const result = extractDefinitionFeatures('openapi', definition);
    expect(result.problem).toBeUndefined();
    expect(result.features?.operations).toEqual([
      'GET /entries',
      'GET /entries/2024-01-01',
      'POST /entries',
    ]);
    expect(result.features?.version).toBe('2');
  });

  describe('operations of one multiplexed endpoint', () => {
    const openApi = (
      paths: Record<string, Record<string, unknown>>,
      extra: Record<string, unknown> = {},
    ) =>
      extractDefinitionFeatures(
        'openapi',
        JSON.stringify({ openapi: '3.0.0', paths, ...extra }),
      ).features;

    it('tells the operations of POST / apart by their operationId (JSON-RPC)', () => {
      const features = openApi({
        '/': { post: { operationId: 'getBlock' } },
        '/#getTransaction': { post: { operationId: 'getTransaction' } },
        '/v1/': { post: { operationId: 'getBalance' } },
        '/status': { get: { operationId: 'getStatus' } },
      });
      expect(features?.operations).toEqual([
        'GET /status',
        'POST / #getblock',
        // The fragment names it already: the operationId is not added.
        'POST /?gettransaction',
        // A lone version segment is kept, but it is no static segment.
        'POST /v1 #getbalance',
      ]);
    });

    it('keeps a root-like operation without operationId as the path alone', () => {
      expect(openApi({ '/': { post: {}, get: {} } })?.operations).toEqual([
        'GET /',
        'POST /',
      ]);
    });

    it('drops the service qualifier of Google-style ids on /v1/{+name}', () => {
      const google = (service: string) =>
        openApi({
          '/v1/{+name}': {
            get: { operationId: `${service}.accounts.get` },
            delete: { operationId: `${service}.accounts.delete` },
          },
          '/v1/{+parent}/locations': {
            get: { operationId: `${service}.accounts.locations.list` },
          },
        })?.operations;
      expect(google('mybusinessaccountmanagement')).toEqual([
        'DELETE /{} #accounts.delete',
        'GET /{} #accounts.get',
        // A static segment: the path says what it is.
        'GET /{}/locations',
      ]);
      // One API published under two service names has the same operations.
      expect(google('businessprofile')).toEqual(
        google('mybusinessaccountmanagement'),
      );
      // A custom method names the operation: the id is not added, so one
      // method matches whatever resource path the id spells (Google My
      // Business v4 `accounts.locations.verify`, Verifications v1
      // `locations.verify`).
      expect(
        openApi({
          '/v4/{name}:verify': {
            post: { operationId: 'mybusiness.accounts.locations.verify' },
          },
        })?.operations,
      ).toEqual(['POST /{}:verify']);
      // One dot is no qualifier: the id is kept whole.
      expect(
        openApi({ '/{id}': { get: { operationId: 'Accounts.Get' } } })
          ?.operations,
      ).toEqual(['GET /{} #accounts.get']);
    });

    it('reads AWS query and JSON protocol keys as distinct operations', () => {
      expect(
        openApi({
          '/#Action=CreateLoadBalancer&Version=2012-06-01': {
            post: { operationId: 'POST_CreateLoadBalancer' },
            get: { operationId: 'GET_CreateLoadBalancer' },
          },
          '/#X-Amz-Target=AmazonSSM.ListDocuments': {
            post: { operationId: 'ListDocuments' },
          },
        })?.operations,
      ).toEqual([
        'GET /?action=createloadbalancer',
        'POST /?action=createloadbalancer',
        'POST /?x-amz-target=listdocuments',
      ]);
    });

    it('gives one shape per operation and where the API is served', () => {
      const features = openApi(
        {
          '/orders': {
            get: {
              parameters: [{ name: 'status', in: 'query' }],
              responses: { '200': { description: 'OK' } },
            },
            post: { responses: { '201': { description: 'Created' } } },
          },
        },
        { servers: [{ url: 'HTTPS://API.Example.com/v3/NBA/' }] },
      );
      expect(features?.operations).toEqual(['GET /orders', 'POST /orders']);
      expect(features?.shapes).toMatch(/^[0-9a-f]{8}00000000$/);
      expect(features?.server).toBe('api.example.com/v3/nba');
      const bare = openApi({ '/orders': { get: {} } });
      expect(bare?.shapes).toBeUndefined();
      expect(bare?.server).toBeUndefined();
      expect(
        extractDefinitionFeatures(
          'openapi',
          JSON.stringify({
            swagger: '2.0',
            host: 'legacy.example.com',
            basePath: '/v1',
            paths: { '/orders': { get: {} } },
          }),
        ).features?.server,
      ).toBe('legacy.example.com/v1');
    });

    it('reads a hostile server URL in bounded time', () => {
      const started = Date.now();
      const features = openApi(
        { '/orders': { get: {} } },
        { servers: [{ url: `https://x/${'?'.repeat(100_000)}\n` }] },
      );
      expect(features?.server).toBe('x');
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });

  it('reads path casing and versioning of REST APIs', () => {
    const style = (paths: string[], servers: string[] = []) =>
      extractDefinitionFeatures(
        'openapi',
        JSON.stringify({
          openapi: '3.0.0',
          servers: servers.map(url => ({ url })),
          paths: Object.fromEntries(paths.map(path => [path, { get: {} }])),
        }),
      ).features?.style;
    expect(style(['/v1/standing-orders/{id}/execution-history'])).toEqual({
      pathCasing: 'kebab',
      versioning: 'path',
    });
    expect(style(['/scheduledPayments/{id}/executionAttempts'])).toEqual({
      pathCasing: 'camel',
      versioning: 'none',
    });
    expect(
      style(['/payment_mandates/{mandate_id}'], ['https://x/recurring/v2']),
    ).toEqual({ pathCasing: 'snake', versioning: 'server' });
    expect(style(['/payments/batch', '/health'])).toEqual({
      pathCasing: 'lower',
      versioning: 'none',
    });
    expect(style(['/v1/a-b', '/c_d'])).toEqual({
      pathCasing: 'mixed',
      versioning: 'mixed',
    });
    expect(style([])).toEqual({
      pathCasing: undefined,
      versioning: undefined,
    });
  });
});

describe('normalization', () => {
  it.each([
    ['standing-orders', 'kebab'],
    ['scheduledPayments', 'camel'],
    ['payment_mandates', 'snake'],
    ['PaymentMandates', 'pascal'],
    ['payments', undefined],
    ['v2', undefined],
    ['$count', undefined],
    ['payment_Mandates-x', 'mixed'],
  ])('segment %s is %s', (segment, casing) => {
    expect(segmentCasing(segment)).toBe(casing);
  });

  it.each([
    ['kestrel.accounts.account-opened.v1', 'kestrel.accounts.account-opened'],
    ['/v2/users/{userId}/signup', '/users/{}/signup'],
    ['v1.Users.Created', 'users.created'],
    ['orders:v3:placed', 'orders:placed'],
  ])('channel %s normalizes to %s', (channel, normalized) => {
    expect(normalizeChannel(channel)).toBe(normalized);
  });

  it.each([
    ['payments-api-v2', 'payments', '2'],
    ['statements-api-v1', 'statements', '1'],
    ['PaymentsServiceV3', 'payments', '3'],
    ['orders_API', 'orders', undefined],
    ['Customer Notifications API', 'customer-notifications', undefined],
    ['customer-360-graph', 'customer-360-graph', undefined],
    ['payments-v2-1-api', 'payments', '2'],
    ['api', 'api', undefined],
  ])('name %s has key %s and version %s', (name, nameKey, version) => {
    expect(nameKeyOf(name)).toEqual({ nameKey, version });
  });
});

describe('extractFeatures', () => {
  it('combines definition features with names and normalized refs', () => {
    const { features, problem } = extractFeatures(
      api(
        {
          type: 'openapi',
          definition: SWAGGER_2,
          owner: 'open-banking-team',
          system: 'partner-portal',
          lifecycle: ' Production ',
        },
        { name: 'funds-api-v2', namespace: 'partner', title: 'Funds' },
      ),
    );
    expect(problem).toBeUndefined();
    expect(features).toEqual({
      entityRef: 'api:partner/funds-api-v2',
      name: 'funds-api-v2',
      title: 'Funds',
      operations: ['GET /funds-confirmations/{}', 'POST /funds-confirmations'],
      nameKey: 'funds',
      versionKey: '2',
      versionSource: 'name',
      style: { pathCasing: 'kebab', versioning: 'server' },
      lifecycle: 'production',
      owner: 'group:partner/open-banking-team',
      system: 'system:partner/partner-portal',
    });
  });

  it('takes the version from the title, else from the definition', () => {
    const fromTitle = extractFeatures(
      api(
        { type: 'openapi', definition: SWAGGER_2 },
        { name: 'funds', title: 'Funds API v5' },
      ),
    ).features;
    expect([fromTitle.versionKey, fromTitle.versionSource]).toEqual([
      '5',
      'name',
    ]);
    const fromDefinition = extractFeatures(
      api({ type: 'openapi', definition: SWAGGER_2 }, { name: 'funds' }),
    ).features;
    expect([fromDefinition.versionKey, fromDefinition.versionSource]).toEqual([
      '3',
      'definition',
    ]);
  });

  it('keeps the name keys of an API whose definition does not parse', () => {
    const { features, problem } = extractFeatures(
      api(
        { type: 'openapi', definition: 'openapi: [', owner: 'user:jane' },
        { name: 'reports-api-v2' },
      ),
    );
    expect(problem).toMatch(/does not parse as openapi/);
    expect(features).toMatchObject({
      operations: [],
      style: {},
      nameKey: 'reports',
      versionKey: '2',
      owner: 'user:default/jane',
    });
  });

  it('ignores malformed owner and system refs', () => {
    const { features } = extractFeatures(
      api({
        type: 'openapi',
        definition: SWAGGER_2,
        owner: 'group:',
        system: 42,
      }),
    );
    expect(features.owner).toBeUndefined();
    expect(features.system).toBeUndefined();
  });
});

describe('FeatureCache', () => {
  it('parses an unchanged definition once', () => {
    const cache = FeatureCache.create({ maxEntries: 10 });
    const first = extractFeatures(
      api({ type: 'openapi', definition: OPENAPI_3 }),
      { cache },
    );
    const second = extractFeatures(
      api({ type: 'OPENAPI', definition: OPENAPI_3 }, { name: 'other' }),
      { cache },
    );
    expect(second.features.operations).toBe(first.features.operations);
    expect(cache.stats()).toEqual({ size: 1, hits: 1, misses: 1 });
  });

  it('caches problems too, and keys on the type as well as the text', () => {
    const cache = FeatureCache.create();
    expect(cache.get('openapi', 'openapi: [').problem).toBeDefined();
    expect(cache.get('openapi', 'openapi: [').problem).toBeDefined();
    expect(cache.get('asyncapi', 'openapi: [').problem).toBeDefined();
    expect(cache.stats()).toEqual({ size: 2, hits: 1, misses: 2 });
  });

  it('evicts the least recently used definition', () => {
    const cache = FeatureCache.create({ maxEntries: 2 });
    cache.get('graphql', GRAPHQL_DEFAULT);
    cache.get('grpc', PROTO);
    cache.get('graphql', GRAPHQL_DEFAULT); // now the most recent
    cache.get('openapi', SWAGGER_2); // evicts the proto
    cache.get('graphql', GRAPHQL_DEFAULT);
    cache.get('grpc', PROTO);
    expect(cache.stats()).toEqual({ size: 2, hits: 2, misses: 4 });
  });

  it('prunes the definitions not looked up since the last prune', () => {
    const cache = FeatureCache.create();
    cache.get('graphql', GRAPHQL_DEFAULT);
    cache.get('grpc', PROTO);
    expect(cache.prune()).toBe(0); // both used in this snapshot
    cache.get('grpc', PROTO);
    expect(cache.prune()).toBe(1); // the GraphQL schema left the catalog
    expect(cache.stats()).toMatchObject({ size: 1 });
    cache.get('grpc', PROTO);
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 2 });
  });

  it('rejects a bad size', () => {
    expect(() => FeatureCache.create({ maxEntries: 0 })).toThrow(/maxEntries/);
  });
});
