import { AUDIT_CHECKS } from './auditChecks';

/** A small OpenAPI 3 document with the given paths and schemas. */
function doc(
  paths: Record<string, unknown>,
  schemas?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths,
    ...(schemas ? { components: { schemas } } : {}),
  };
}

const ok = { '200': { description: 'ok' } };
const described = (description?: string) => ({
  ...(description === undefined ? {} : { description }),
  responses: ok,
});

type Row = [
  name: string,
  document: Record<string, unknown>,
  status: string,
  details?: string[],
];

const tables: Record<string, { check?: Record<string, unknown>; rows: Row[] }> =
  {
    operationDescriptions: {
      rows: [
        [
          'every operation described',
          doc({ '/a': { get: described('A') } }),
          'pass',
        ],
        [
          'one of two described',
          doc({ '/a': { get: described('A'), post: described('  ') } }),
          'partial',
          ['POST /a'],
        ],
        [
          'none described',
          doc({ '/a': { get: described() } }),
          'gap',
          ['GET /a'],
        ],
        ['no operations', doc({}), 'na'],
      ],
    },
    fieldNamesDescriptive: {
      rows: [
        ['words', doc({}, { Pet: { properties: { name: {} } } }), 'pass'],
        [
          'a two-letter word and a run of capitals',
          doc({}, { Pet: { properties: { name: {}, nm: {}, petID: {} } } }),
          'partial',
          ['nm', 'petID'],
        ],
        ['no schemas', doc({}), 'na'],
      ],
    },
    requiredFieldsPresent: {
      rows: [
        [
          'required listed',
          doc({}, { Pet: { type: 'object', required: ['id'] } }),
          'pass',
        ],
        [
          'one without',
          doc(
            {},
            {
              Pet: { type: 'object', required: ['id'] },
              Tag: { type: 'object', properties: { a: {} } },
            },
          ),
          'partial',
          ['Tag'],
        ],
        ['only strings', doc({}, { Id: { type: 'string' } }), 'na'],
      ],
    },
    dateFormatTimezone: {
      rows: [
        [
          'date-time',
          doc(
            {},
            {
              Pet: {
                properties: {
                  createdAt: { type: 'string', format: 'date-time' },
                },
              },
            },
          ),
          'pass',
        ],
        [
          'a date field without a format',
          doc(
            {},
            {
              Pet: {
                properties: {
                  birthDate: { type: 'string' },
                  updated_at: { type: 'string', format: 'date-time' },
                },
              },
            },
          ),
          'partial',
          ['Pet.birthDate'],
        ],
        [
          'all without',
          doc({}, { Pet: { properties: { createdAt: { type: 'integer' } } } }),
          'gap',
        ],
        [
          'no date fields',
          doc({}, { Pet: { properties: { name: {} } } }),
          'na',
        ],
      ],
    },
    standardizedEnumsOrPatterns: {
      rows: [
        [
          'an enum',
          doc(
            {},
            {
              Pet: { properties: { kind: { type: 'string', enum: ['cat'] } } },
            },
          ),
          'pass',
        ],
        [
          'a pattern behind a $ref',
          doc(
            {},
            {
              Pet: {
                properties: { code: { $ref: '#/components/schemas/Code' } },
              },
              Code: { type: 'string', pattern: '^[A-Z]+$' },
            },
          ),
          'pass',
        ],
        [
          'free text only',
          doc({}, { Pet: { properties: { name: { type: 'string' } } } }),
          'gap',
        ],
        ['no schemas', doc({}), 'na'],
      ],
    },
    avoidAcronyms: {
      rows: [
        ['words', doc({}, { Pet: { properties: { identifier: {} } } }), 'pass'],
        [
          'an acronym',
          doc({}, { Pet: { properties: { petURL: {}, name: {} } } }),
          'partial',
          ['petURL'],
        ],
      ],
    },
    pathDepthMax: {
      check: { maxDepth: 2 },
      rows: [
        ['two resources', doc({ '/pets/{id}/toys': {} }), 'pass'],
        [
          'three resources',
          doc({ '/pets/{id}/toys': {}, '/a/b/c/{d}': {} }),
          'partial',
          ['/a/b/c/{d}'],
        ],
        ['no paths', doc({}), 'na'],
      ],
    },
    examplesPresent: {
      rows: [
        [
          'an example in the referenced schema',
          {
            ...doc({
              '/a': {
                get: {
                  responses: {
                    '200': {
                      description: 'ok',
                      content: {
                        'application/json': {
                          schema: { $ref: '#/components/schemas/P' },
                        },
                      },
                    },
                  },
                },
              },
            }),
            components: {
              schemas: { P: { type: 'object', example: { a: 1 } } },
            },
          },
          'pass',
        ],
        [
          'no example',
          doc({ '/a': { get: described('x') } }),
          'gap',
          ['GET /a'],
        ],
      ],
    },
    getNoRequestBody: {
      rows: [
        ['no body', doc({ '/a': { get: described('x') } }), 'pass'],
        [
          'a GET with a body',
          doc({ '/a': { get: { requestBody: {}, responses: ok } } }),
          'gap',
          ['GET /a'],
        ],
        ['no GET', doc({ '/a': { post: described('x') } }), 'na'],
      ],
    },
    errorResponsesSpecific: {
      rows: [
        [
          'a 400 with a schema',
          doc({
            '/a': {
              get: {
                responses: {
                  '400': {
                    description: 'bad',
                    content: {
                      'application/problem+json': {
                        schema: { type: 'object' },
                      },
                    },
                  },
                },
              },
            },
          }),
          'pass',
        ],
        [
          'a 400 without a body and none',
          doc({
            '/a': {
              get: { responses: { '400': { description: 'bad' } } },
              post: { responses: ok },
            },
          }),
          'gap',
          ['GET /a', 'POST /a'],
        ],
      ],
    },
    schemasPresent: {
      rows: [
        ['schemas', doc({}, { P: {} }), 'pass'],
        ['none', doc({}), 'gap'],
        [
          'Swagger 2 definitions',
          { swagger: '2.0', definitions: { P: {} } },
          'pass',
        ],
      ],
    },
    opaqueIdentifiers: {
      rows: [
        [
          'a string id',
          doc({
            '/pets/{petId}': {
              get: {
                parameters: [
                  { name: 'petId', in: 'path', schema: { type: 'string' } },
                ],
                responses: ok,
              },
            },
          }),
          'pass',
        ],
        [
          'an integer id',
          doc({
            '/pets/{id}': {
              parameters: [
                { name: 'id', in: 'path', schema: { type: 'integer' } },
              ],
              get: described('x'),
            },
          }),
          'gap',
          ['/pets/{id} {id}'],
        ],
        ['no ids', doc({ '/pets': { get: described('x') } }), 'na'],
      ],
    },
    noSensitiveDataInPaths: {
      rows: [
        ['clean', doc({ '/pets': { get: described('x') } }), 'pass'],
        [
          'a token in a path and a query',
          doc({
            '/tokens/{t}': { get: described('x') },
            '/pets': {
              get: {
                parameters: [{ name: 'api_key', in: 'query' }],
                responses: ok,
              },
            },
          }),
          'gap',
          ['/tokens/{t}', 'GET /pets ?api_key'],
        ],
      ],
    },
    methodResourceConsistency: {
      rows: [
        [
          'POST to a collection, DELETE an item',
          doc({
            '/pets': { post: described('x') },
            '/pets/{id}': { delete: described('x') },
          }),
          'pass',
        ],
        [
          'DELETE a collection',
          doc({ '/pets': { post: described('x'), delete: described('x') } }),
          'partial',
          ['DELETE /pets'],
        ],
        ['read only', doc({ '/pets': { get: described('x') } }), 'na'],
      ],
    },
    validationWorkflowPresent: {
      rows: [['never in a definition', doc({}), 'na']],
    },
    examplesPassValidation: {
      rows: [
        [
          'an example of its schema',
          doc({
            '/a': {
              get: {
                responses: {
                  '200': {
                    description: 'ok',
                    content: {
                      'application/json': {
                        schema: { type: 'object', required: ['id'] },
                        example: { id: 'x' },
                      },
                    },
                  },
                },
              },
            },
          }),
          'pass',
        ],
        [
          'an example missing a required property',
          doc({
            '/a': {
              post: {
                requestBody: {
                  content: {
                    'application/json': {
                      schema: { type: 'object', required: ['id'] },
                      examples: { one: { value: { name: 'x' } } },
                    },
                  },
                },
                responses: ok,
              },
            },
          }),
          'gap',
          ['POST /a request application/json'],
        ],
        ['no examples', doc({ '/a': { get: described('x') } }), 'na'],
      ],
    },
  };

describe.each(Object.entries(tables))('audit check %s', (type, table) => {
  // Every row has its four cells: jest passes `done` in place of a missing one.
  const rows = table.rows.map(([name, document, status, details]) => [
    name,
    document,
    status,
    details ?? null,
  ]);
  it.each(rows)('%s', (_name, document, status, details) => {
    const outcome = AUDIT_CHECKS[type](document as Record<string, unknown>, {
      type,
      ...table.check,
    });
    expect(outcome.status).toBe(status);
    expect(outcome.reason).toEqual(expect.any(String));
    // Rows without details leave them unchecked.
    expect(outcome).toMatchObject(details ? { details } : {});
  });
});

it('has a table for every check', () => {
  expect(Object.keys(tables).sort()).toEqual(Object.keys(AUDIT_CHECKS).sort());
});
