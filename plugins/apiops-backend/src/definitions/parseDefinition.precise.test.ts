import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { JsonValue } from '@backstage/types';
import { loadExampleEntities } from '../__fixtures__/exampleCatalog';
import { MAX_DEFINITION_BYTES, parseDefinition } from '.';

/**
 * What the `definition-parses` rule reports of an API: the precise parse's
 * problem, or undefined when the definition parses.
 */
function checkDefinition(entity: Entity): string | undefined {
  const parsed = parseDefinition(
    String(entity.spec?.type ?? ''),
    entity.spec?.definition,
    { mode: 'precise' },
  );
  return parsed.ok ? undefined : parsed.problem;
}

function api(
  type: JsonValue | undefined,
  definition: JsonValue | undefined,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'petstore', namespace: 'default' },
    spec: {
      type,
      lifecycle: 'production',
      owner: 'accounts-team',
      definition,
    },
  };
}

const OPENAPI_3_YAML = `openapi: 3.0.3
info:
  title: Accounts
  version: 2.1.0
paths:
  /accounts/{accountId}:
    get:
      operationId: getAccount
      parameters:
        - name: accountId
          in: path
          required: true
          schema: { type: string }
      responses:
        '200':
          description: The account
`;

const OPENAPI_31_JSON = JSON.stringify(
  {
    openapi: '3.1.0',
    info: { title: 'Accounts', version: '2.1.0' },
    paths: {
      '/accounts': {
        get: { responses: { '200': { description: 'The accounts' } } },
      },
    },
  },
  null,
  2,
);

const SWAGGER_2_YAML = `swagger: '2.0'
info:
  title: Funds confirmation
  version: 3.1.0
basePath: /open-banking/v3.1/cbpii
paths:
  /funds-confirmations:
    post:
      responses:
        '201':
          description: Created
`;

const ASYNCAPI_2_YAML = `asyncapi: 2.6.0
info:
  title: Account events
  version: 1.0.0
channels:
  accounts.opened:
    subscribe:
      message:
        payload:
          type: object
`;

const ASYNCAPI_3_JSON = JSON.stringify({
  asyncapi: '3.0.0',
  info: { title: 'Fraud alerts', version: '1.2.0' },
  channels: { alerts: { address: 'fraud.alerts' } },
  operations: {
    receiveAlert: { action: 'receive', channel: { $ref: '#/channels/alerts' } },
  },
});

const GRAPHQL_SDL = `"""The customer's view of their bank"""
type Query {
  account(id: ID!): Account
  accounts(first: Int = 10): [Account!]!
}

type Account {
  id: ID!
  iban: String!
  balance: Float
}
`;

const PROTO3 = `syntax = "proto3";

package kestrel.cards.tokenization.v1;

service CardTokenizationService {
  rpc TokenizeCard(TokenizeCardRequest) returns (TokenizeCardResponse);
}

message TokenizeCardRequest {
  string pan = 1;
  int32 expiry_month = 2;
}

message TokenizeCardResponse {
  string token = 1;
}
`;

/**
 * A large OpenAPI document that shares one anchored parameter list between
 * its operations: valid YAML that API docs render.
 */
function sharedAnchorDocument(operations: number): string {
  const paths = Array.from(
    { length: operations },
    (_, i) => `  /resources-${i}:
    get:
      parameters: *paging
      responses:
        '200': { description: ok }`,
  );
  return `openapi: 3.0.3
info: { title: Ledger, version: 1.0.0 }
x-paging: &paging
  - { name: limit, in: query, schema: { type: integer } }
  - { name: cursor, in: query, schema: { type: string } }
paths:
${paths.join('\n')}
`;
}

/** "Billion laughs": nine levels of ten aliases, 10^9 strings once expanded. */
function billionLaughs(header: string): string {
  const lines = [header, 'lol0: &lol0 "lol"'];
  for (let level = 1; level <= 9; level++) {
    const refs = Array.from({ length: 10 }, () => `*lol${level - 1}`);
    lines.push(`lol${level}: &lol${level} [${refs.join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Few aliases (two per level) but 2^40 nodes once expanded. */
function deepAliasChain(header: string): string {
  const lines = [header, 'x0: &x0 ["lol"]'];
  for (let level = 1; level <= 40; level++) {
    lines.push(`x${level}: &x${level} [*x${level - 1}, *x${level - 1}]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('parseDefinition in precise mode, as the definition-parses rule reports it', () => {
  describe('accepts a definition that parses for its type', () => {
    it.each<[string, string, string]>([
      ['OpenAPI 3.0 as YAML', 'openapi', OPENAPI_3_YAML],
      ['OpenAPI 3.1 as JSON', 'openapi', OPENAPI_31_JSON],
      ['Swagger 2.0', 'openapi', SWAGGER_2_YAML],
      ['AsyncAPI 2.6 as YAML', 'asyncapi', ASYNCAPI_2_YAML],
      ['AsyncAPI 3.0 as JSON', 'asyncapi', ASYNCAPI_3_JSON],
      ['GraphQL SDL', 'graphql', GRAPHQL_SDL],
      ['proto3', 'grpc', PROTO3],
      ['a spec.type in another case', 'OpenAPI', OPENAPI_3_YAML],
      [
        'a YAML anchor shared by 20 operations',
        'openapi',
        sharedAnchorDocument(20),
      ],
      [
        'a YAML anchor shared by 150 operations',
        'openapi',
        sharedAnchorDocument(150),
      ],
      [
        'JSON with a duplicated key, as found in the wild',
        'openapi',
        '{"openapi": "3.0.3", "info": {"title": "A", "version": "1"}, "paths": {}, "paths": {}}',
      ],
    ])('%s', (_, type, definition) => {
      expect(checkDefinition(api(type, definition))).toBeUndefined();
    });
  });

  describe('explains what is wrong with a definition that does not parse', () => {
    it.each<[string, string, JsonValue | undefined, RegExp]>([
      [
        'broken YAML indentation',
        'openapi',
        'openapi: 3.0.3\ninfo:\n  title: Reports\n    version: 1.0.0\npaths: {}\n',
        /at line 3, column 10/,
      ],
      [
        'an unclosed flow mapping',
        'openapi',
        'openapi: 3.0.3\ninfo: { title: Reports\npaths: {}\n',
        /end with a \}/,
      ],
      [
        'an OpenAPI document without openapi or swagger',
        'openapi',
        'info:\n  title: Accounts\n  version: 1.0.0\npaths: {}\n',
        /openapi.*swagger/,
      ],
      [
        'an AsyncAPI document without asyncapi',
        'asyncapi',
        'openapi: 3.0.3\ninfo:\n  title: Events\n  version: 1.0.0\n',
        /asyncapi/,
      ],
      [
        'a YAML list',
        'openapi',
        '- openapi: 3.0.3\n- paths: {}\n',
        /not a YAML or JSON object/,
      ],
      [
        'a YAML scalar',
        'openapi',
        'see https://wiki.example.com/accounts-api\n',
        /not a YAML or JSON object/,
      ],
      ['a JSON array', 'asyncapi', '[1, 2, 3]', /not a YAML or JSON object/],
      ['YAML null', 'openapi', '~\n', /not a YAML or JSON object/],
      [
        'bad GraphQL',
        'graphql',
        'type Query {\n  account(id: ID!: Account\n}\n',
        /^Syntax Error: Expected Name/,
      ],
      [
        'bad proto',
        'grpc',
        'syntax = "proto3";\nmessage Card {\n  string pan = ;\n}\n',
        /^illegal id ';' \(line 3\)/,
      ],
      ['an empty definition', 'openapi', '', /spec\.definition/],
      ['a blank definition', 'graphql', '  \n\t\n', /spec\.definition/],
      ['no definition', 'openapi', undefined, /spec\.definition/],
      ['a number as definition', 'openapi', 42, /spec\.definition/],
      [
        'an object as definition (e.g. a $yaml placeholder gone wrong)',
        'openapi',
        { openapi: '3.0.3' },
        /spec\.definition/,
      ],
    ])('%s', (_, type, definition, expected) => {
      const problem = checkDefinition(api(type, definition));
      expect(problem).toEqual(expect.any(String));
      expect(problem).toMatch(expected);
      expect(problem!.split('\n')).toHaveLength(1);
    });
  });

  it('does not parse a definition over the size cap, and says so', () => {
    const huge = `openapi: 3.0.3\ndescription: "${'x'.repeat(
      MAX_DEFINITION_BYTES,
    )}"\n`;
    const problem = checkDefinition(api('openapi', huge));
    expect(problem).toMatch(/larger than 5242880 bytes/);
  });

  it('parses a definition just under the size cap', () => {
    const header = 'openapi: 3.0.3\ndescription: "';
    const big = `${header}${'x'.repeat(
      MAX_DEFINITION_BYTES - header.length - 2,
    )}"\n`;
    expect(big.length).toBe(MAX_DEFINITION_BYTES);
    expect(checkDefinition(api('openapi', big))).toBeUndefined();
  });

  it.each<[string, string, string]>([
    ['billion laughs in OpenAPI', 'openapi', billionLaughs('openapi: 3.0.3')],
    [
      'billion laughs in AsyncAPI',
      'asyncapi',
      billionLaughs('asyncapi: 3.0.0'),
    ],
    ['a deep chain of aliases', 'openapi', deepAliasChain('openapi: 3.0.3')],
  ])('refuses a YAML alias bomb quickly: %s', (_, type, definition) => {
    expect(checkDefinition(api(type, definition))).toMatch(
      /alias count indicates a resource exhaustion attack/,
    );
  });

  it.each<[string, JsonValue | undefined, JsonValue | undefined]>([
    ['an unknown spec.type', 'soap', '<definitions>not checked</definitions>'],
    ['a spec.type that is not a string', 42, 'anything'],
    ['no spec.type', undefined, 'anything'],
  ])('does not judge the definition of %s', (_, type, definition) => {
    expect(checkDefinition(api(type, definition))).toBeUndefined();
  });

  it('never throws, even for an entity without spec', () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'bare' },
    };
    expect(() => checkDefinition(entity)).not.toThrow();
    expect(checkDefinition(entity)).toMatch(/spec\.definition/);
  });

  describe('on the example catalog', () => {
    const apis = loadExampleEntities().filter(entity => entity.kind === 'API');

    it('has the 48 APIs of its README', () => {
      expect(apis).toHaveLength(48);
    });

    it('accepts every definition but the planted broken one', () => {
      const problems = Object.fromEntries(
        apis
          .map(entity => [stringifyEntityRef(entity), checkDefinition(entity)])
          .filter(([, problem]) => problem !== undefined),
      );
      expect(problems).toEqual({
        'api:default/reporting-datasets-api': expect.stringContaining(
          'Nested mappings are not allowed in compact mappings at line 3, column 10',
        ),
      });
    });
  });
});
