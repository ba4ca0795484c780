import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CRITERION_ANSWERS,
  METHOD_LOCALES,
  assessmentRequestLimits,
  parseAssessmentRequest,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsGovernanceExtensionPoint } from '@apiops-backstage/plugin-apiops-node';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { RouterOptions, createRouter } from '../service/router';
import { apiopsPlugin } from '../plugin';

/*
 * The OpenAPI spec of the plugin is its contract with adopters: this file
 * checks that the spec is a sound OpenAPI 3.1 document, that it documents
 * exactly the routes the router has, and that what the running plugin answers
 * matches what the spec says, status by status.
 */

type JsonObject = { [key: string]: unknown };

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: JsonObject[];
  requestBody?: JsonObject;
  responses: Record<string, JsonObject>;
}

const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

const BASE_PATH = '/api/apiops';
const SPEC_ID = 'https://apiops.invalid/openapi.json';

const spec = parse(
  fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
) as JsonObject & {
  openapi: string;
  info: JsonObject;
  security?: Array<Record<string, unknown[]>>;
  tags?: Array<{ name: string }>;
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, JsonObject>;
    securitySchemes: Record<string, JsonObject>;
  } & JsonObject;
};

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ path, method, operation }` for every operation of the spec. */
function operations() {
  return Object.entries(spec.paths).flatMap(([template, item]) =>
    HTTP_METHODS.filter(method => method in item).map(method => ({
      template,
      method,
      operation: item[method] as Operation,
      pathParameters: (item.parameters ?? []) as JsonObject[],
    })),
  );
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The value a local `$ref` (`#/a/b`) points at in the spec, if any. */
function resolveRef(ref: string): unknown {
  if (!ref.startsWith('#/')) {
    return undefined;
  }
  let node: unknown = spec;
  for (const raw of ref.slice(2).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (
      (!isObject(node) && !Array.isArray(node)) ||
      !Object.hasOwn(node, segment)
    ) {
      return undefined;
    }
    node = (node as JsonObject)[segment];
  }
  return node;
}

/** An object of the spec, following a `$ref` if it is one. */
function deref<T = JsonObject>(node: unknown): T {
  if (isObject(node) && typeof node.$ref === 'string') {
    return resolveRef(node.$ref) as T;
  }
  return node as T;
}

/** Every `$ref` in the spec, with the JSON pointer of where it is. */
function collectRefs(
  node: unknown,
  at = '#',
): Array<{ ref: unknown; at: string }> {
  if (Array.isArray(node)) {
    return node.flatMap((child, i) => collectRefs(child, `${at}/${i}`));
  }
  if (!isObject(node)) {
    return [];
  }
  return Object.entries(node).flatMap(([key, child]) =>
    key === '$ref'
      ? [{ ref: child, at }]
      : collectRefs(child, `${at}/${escapePointer(key)}`),
  );
}

/**
 * The spec as a "closed" document: every object schema that lists its
 * properties and says nothing about others refuses any other. The spec itself
 * leaves response objects open (fields may be added later); the tests check
 * real responses against the closed form so that a field the server sends
 * but the spec does not name (say, a renamed one) fails them.
 */
function closeObjectSchemas(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(closeObjectSchemas);
  }
  if (!isObject(node)) {
    return node;
  }
  const copy: JsonObject = Object.fromEntries(
    Object.entries(node).map(([key, child]) => [
      key,
      closeObjectSchemas(child),
    ]),
  );
  if (
    copy.type === 'object' &&
    isObject(copy.properties) &&
    !('additionalProperties' in copy) &&
    !('unevaluatedProperties' in copy)
  ) {
    copy.unevaluatedProperties = false;
  }
  return copy;
}

/**
 * An ajv (JSON Schema 2020-12, strict) holding the spec's `components` and
 * `paths` under {@link SPEC_ID}, so that a schema anywhere in the spec can be
 * compiled by its JSON pointer and its `#/components/...` refs resolve.
 */
function createAjv(options: { closed: boolean }) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addKeyword('components');
  ajv.addKeyword('paths');
  const document = { components: spec.components, paths: spec.paths };
  ajv.addSchema(
    {
      $id: SPEC_ID,
      ...(options.closed
        ? (closeObjectSchemas(document) as JsonObject)
        : document),
    },
    SPEC_ID,
  );
  return ajv;
}

const openAjv = createAjv({ closed: false });
const closedAjv = createAjv({ closed: true });

function validatorAt(pointer: string, options = { closed: true }) {
  const ajv = options.closed ? closedAjv : openAjv;
  const ref = `${SPEC_ID}${pointer}`;
  return ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
}

/** Whether a value matches the schema at a pointer; the errors when not. */
function check(pointer: string, value: unknown): string[] {
  const validate = validatorAt(pointer);
  if (validate(value)) {
    return [];
  }
  return (validate.errors ?? []).map(
    e =>
      `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`,
  );
}

/** The pointer of the JSON schema of a documented response. */
function responseSchemaPointer(
  template: string,
  method: HttpMethod,
  status: number,
  mediaType = 'application/json',
): string {
  const operation = spec.paths[template]?.[method] as Operation | undefined;
  if (!operation) {
    throw new Error(`The spec has no operation ${method} ${template}`);
  }
  const response = operation.responses[String(status)];
  if (!response) {
    throw new Error(
      `${method.toUpperCase()} ${template} answered ${status}, which the spec does not document`,
    );
  }
  const pointer =
    typeof response.$ref === 'string'
      ? response.$ref
      : `#/paths/${escapePointer(template)}/${method}/responses/${status}`;
  if (
    resolveRef(`${pointer}/content/${escapePointer(mediaType)}`) === undefined
  ) {
    throw new Error(
      `${method.toUpperCase()} ${template} answered ${status} as ${mediaType}, which the spec does not document`,
    );
  }
  return `${pointer}/content/${escapePointer(mediaType)}/schema`;
}

describe('openapi.yaml', () => {
  describe('is a sound OpenAPI 3.1 document', () => {
    it('declares OpenAPI 3.1 with an info block, and serves from /api/apiops', () => {
      expect(spec.openapi).toMatch(/^3\.1\.\d+$/);
      expect(spec.info).toMatchObject({
        title: expect.any(String),
        version: expect.any(String),
      });
      expect(spec.servers).toEqual([
        expect.objectContaining({
          url: expect.stringMatching(/\/api\/apiops$/),
        }),
      ]);
    });

    it('resolves every $ref inside the document', () => {
      const refs = collectRefs(spec);
      expect(refs.length).toBeGreaterThan(20);
      const broken = refs.filter(
        ({ ref }) => typeof ref !== 'string' || resolveRef(ref) === undefined,
      );
      expect(broken).toEqual([]);
    });

    it('compiles every component schema with ajv (JSON Schema 2020-12, strict)', () => {
      const names = Object.keys(spec.components.schemas);
      expect(names).toEqual(
        expect.arrayContaining([
          'MethodModel',
          'MethodStation',
          'MethodCriterion',
          'MethodCycle',
          'MethodLine',
          'MethodSubStation',
          'MethodStakeholder',
          'AssessmentRequest',
          'Assessment',
          'AssessmentPage',
          'ApiStatus',
          'Error',
        ]),
      );
      for (const name of names) {
        expect(() =>
          validatorAt(`#/components/schemas/${name}`, { closed: false }),
        ).not.toThrow();
      }
    });

    it('gives every operation a unique id, a summary, a description, known tags and described responses', () => {
      const tags = new Set((spec.tags ?? []).map(t => t.name));
      const ids = operations().map(({ operation }) => operation.operationId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const { template, method, operation } of operations()) {
        const where = `${method.toUpperCase()} ${template}`;
        expect({ where, id: typeof operation.operationId }).toEqual({
          where,
          id: 'string',
        });
        expect({ where, summary: !!operation.summary }).toEqual({
          where,
          summary: true,
        });
        expect({ where, description: !!operation.description }).toEqual({
          where,
          description: true,
        });
        expect(operation.tags?.filter(tag => !tags.has(tag))).toEqual([]);
        for (const [status, response] of Object.entries(operation.responses)) {
          expect(status).toMatch(/^[1-5]\d\d$/);
          const resolved = deref(response);
          expect({
            where,
            status,
            description: !!resolved.description,
          }).toEqual({ where, status, description: true });
          const content = (resolved.content ?? {}) as JsonObject;
          expect(Object.keys(content)).toContain('application/json');
          for (const mediaType of Object.keys(content)) {
            // compiles the response schema
            validatorAt(
              responseSchemaPointer(
                template,
                method,
                Number(status),
                mediaType,
              ),
            );
          }
        }
      }
    });

    it('declares each path parameter of a template, and no other', () => {
      for (const { template, operation, pathParameters } of operations()) {
        const inTemplate = [...template.matchAll(/\{([^}]+)\}/g)].map(
          m => m[1],
        );
        const declared = [...pathParameters, ...(operation.parameters ?? [])]
          .map(p => deref(p))
          .filter(p => p.in === 'path');
        expect(declared.map(p => p.name).sort()).toEqual(
          [...inTemplate].sort(),
        );
        for (const parameter of declared) {
          expect(parameter.required).toBe(true);
        }
      }
    });

    it('compiles the schema of every parameter and request body, and its examples match it', () => {
      for (const {
        template,
        method,
        operation,
        pathParameters,
      } of operations()) {
        const base = `#/paths/${escapePointer(template)}`;
        const parameterRefs = [
          ...pathParameters.map((p, i) => ({
            p,
            at: `${base}/parameters/${i}`,
          })),
          ...(operation.parameters ?? []).map((p, i) => ({
            p,
            at: `${base}/${method}/parameters/${i}`,
          })),
        ].map(({ p, at }) => (typeof p.$ref === 'string' ? p.$ref : at));
        for (const pointer of parameterRefs) {
          const parameter = resolveRef(pointer) as JsonObject;
          expect(parameter.schema).toBeDefined();
          for (const [name, example] of Object.entries(
            (parameter.examples ?? {}) as Record<string, { value: unknown }>,
          )) {
            expect({
              pointer,
              name,
              errors: check(`${pointer}/schema`, example.value),
            }).toEqual({ pointer, name, errors: [] });
          }
        }
      }
    });

    it('gives the assessment request a JSON body whose example matches its schema', () => {
      const pointer = `#/paths/${escapePointer(
        '/entities/{kind}/{namespace}/{name}/assessments',
      )}/post/requestBody/content/application~1json`;
      const media = resolveRef(pointer) as JsonObject;
      expect(media.example).toBeDefined();
      expect(check(`${pointer}/schema`, media.example)).toEqual([]);
      const withBody = operations()
        .filter(({ operation }) => operation.requestBody)
        .map(({ template, method }) => `${method.toUpperCase()} ${template}`);
      expect(withBody).toEqual([
        'POST /entities/{kind}/{namespace}/{name}/assessments',
      ]);
    });

    it('matches every response example to its schema', () => {
      const examples = operations().flatMap(({ template, method, operation }) =>
        Object.entries(operation.responses).flatMap(([status, response]) =>
          Object.entries(
            (deref(response).content ?? {}) as Record<string, JsonObject>,
          )
            .filter(([, media]) => 'example' in media)
            .map(([mediaType, media]) => ({
              where: `${method.toUpperCase()} ${template} ${status} ${mediaType}`,
              pointer: responseSchemaPointer(
                template,
                method,
                Number(status),
                mediaType,
              ),
              example: media.example,
            })),
        ),
      );
      expect(examples.length).toBeGreaterThan(3);
      expect(
        examples.map(({ where, pointer, example }) => ({
          where,
          errors: check(pointer, example),
        })),
      ).toEqual(examples.map(({ where }) => ({ where, errors: [] })));
    });

    it('requires a Backstage bearer token everywhere but /health, and documents 401 and 403 there', () => {
      const schemes = spec.components.securitySchemes;
      expect(spec.security).toEqual([{ backstageToken: [] }]);
      expect(schemes.backstageToken).toMatchObject({
        type: 'http',
        scheme: 'bearer',
      });
      const health = spec.paths['/health'].get as Operation;
      expect(health.security).toEqual([]);
      expect(Object.keys(health.responses)).toEqual(['200']);

      const others = operations().filter(op => op.template !== '/health');
      expect(
        others.map(({ template, method, operation }) => ({
          where: `${method.toUpperCase()} ${template}`,
          security: operation.security,
          documents401and403: ['401', '403'].every(
            status => status in operation.responses,
          ),
        })),
      ).toEqual(
        others.map(({ template, method }) => ({
          where: `${method.toUpperCase()} ${template}`,
          security: undefined,
          documents401and403: true,
        })),
      );
      for (const { operation } of others.filter(op =>
        op.template.startsWith('/entities/'),
      )) {
        expect(Object.keys(operation.responses)).toEqual(
          expect.arrayContaining(['400', '404']),
        );
      }
    });
  });

  describe('documents exactly the routes of createRouter', () => {
    it('has one operation per route, and a route per operation', async () => {
      // Building the router only wires handlers; none of its dependencies is
      // used until a request comes in.
      const router = await createRouter({} as RouterOptions);
      const stack = (
        router as unknown as {
          stack: Array<{
            route?: { path: string; methods: Record<string, boolean> };
          }>;
        }
      ).stack;
      const routes = stack.flatMap(layer =>
        layer.route
          ? Object.keys(layer.route.methods).map(
              method =>
                `${method.toUpperCase()} ${layer.route!.path.replace(
                  /:([A-Za-z0-9_]+)/g,
                  '{$1}',
                )}`,
            )
          : [],
      );
      const documented = operations().map(
        ({ template, method }) => `${method.toUpperCase()} ${template}`,
      );

      expect(routes.length).toBeGreaterThan(0);
      // The OpenAPI router serves the spec itself at /openapi.json.
      expect([...documented, 'GET /openapi.json'].sort()).toEqual(
        [...routes].sort(),
      );
    });
  });

  describe('agrees with the server on the assessment request body', () => {
    it('lists the answers and locales the server knows, no more, no fewer', () => {
      expect(spec.components.schemas.CriterionAnswer.enum).toEqual([
        ...CRITERION_ANSWERS,
      ]);
      expect(spec.components.schemas.MethodLocale.enum).toEqual([
        ...METHOD_LOCALES,
      ]);
    });

    const limits = assessmentRequestLimits;
    const answered = { 'market-research-done': 'met' };
    const criteria = (count: number) =>
      Object.fromEntries(
        Array.from({ length: count }, (_, i) => [`criterion-${i}`, 'met']),
      );
    const url = (length: number) => {
      const prefix = 'https://wiki.example.com/';
      return prefix + 'a'.repeat(length - prefix.length);
    };

    it.each<[string, unknown]>([
      ['a minimal request', { answers: answered }],
      [
        'a full request',
        {
          cycle: 'api-productization-cycle',
          answers: { ...answered, 'api-design': 'not-met', x: 'unknown' },
          evidence: { 'market-research-done': 'https://x.example/survey?q=1' },
          notes: { 'api-design': 'Under review' },
          note: 'Quarterly review',
        },
      ],
      ['no answers field', {}],
      ['no answer at all', { answers: {} }],
      ['the most answers', { answers: criteria(limits.maxCriteria) }],
      ['too many answers', { answers: criteria(limits.maxCriteria + 1) }],
      ['an answer that is not one', { answers: { 'api-design': 'yes' } }],
      ['a criterion id in capitals', { answers: { 'API-Design': 'met' } }],
      ['a criterion id with a space', { answers: { 'api design': 'met' } }],
      [
        'the longest criterion id',
        { answers: { ['a'.repeat(limits.maxIdLength)]: 'met' } },
      ],
      [
        'a criterion id too long',
        { answers: { ['a'.repeat(limits.maxIdLength + 1)]: 'met' } },
      ],
      ['a cycle id', { cycle: 'some-cycle', answers: answered }],
      ['a cycle that is no id', { cycle: 'Some Cycle', answers: answered }],
      ['a cycle that is no string', { cycle: 3, answers: answered }],
      [
        'an evidence URL of the longest length',
        {
          answers: answered,
          evidence: {
            'market-research-done': url(limits.maxEvidenceUrlLength),
          },
        },
      ],
      [
        'an evidence URL too long',
        {
          answers: answered,
          evidence: {
            'market-research-done': url(limits.maxEvidenceUrlLength + 1),
          },
        },
      ],
      [
        'an ftp evidence URL',
        {
          answers: answered,
          evidence: { 'market-research-done': 'ftp://x.example/a' },
        },
      ],
      [
        'an evidence URL with a space',
        {
          answers: answered,
          evidence: { 'market-research-done': 'https://x.example/a b' },
        },
      ],
      [
        'a relative evidence URL',
        {
          answers: answered,
          evidence: { 'market-research-done': '/wiki/goals' },
        },
      ],
      [
        'a criterion note of the longest length',
        {
          answers: answered,
          notes: {
            'market-research-done': 'n'.repeat(limits.maxCriterionNoteLength),
          },
        },
      ],
      [
        'a criterion note too long',
        {
          answers: answered,
          notes: {
            'market-research-done': 'n'.repeat(
              limits.maxCriterionNoteLength + 1,
            ),
          },
        },
      ],
      [
        'a blank criterion note',
        { answers: answered, notes: { 'market-research-done': '  ' } },
      ],
      [
        'a note of the longest length',
        { answers: answered, note: 'n'.repeat(limits.maxNoteLength) },
      ],
      [
        'a note too long',
        { answers: answered, note: 'n'.repeat(limits.maxNoteLength + 1) },
      ],
      ['an empty note', { answers: answered, note: '' }],
      ['a note that is no string', { answers: answered, note: 42 }],
      ['an unknown field', { answers: answered, station: 'api-design' }],
      ['an array', [answered]],
      ['null', null],
      ['a string', 'met'],
    ])('%s', (_case, body) => {
      const server = parseAssessmentRequest(body).ok;
      const schema =
        check('#/components/schemas/AssessmentRequest', body).length === 0;
      expect({ schemaAccepts: schema }).toEqual({ schemaAccepts: server });
    });
  });

  describe('matches what the running plugin answers', () => {
    const STRATEGY_CRITERIA = [
      'metrics-feedback-available',
      'business-goals-defined',
      'market-research-done',
      'stakeholder-approval',
    ];
    const allStrategyMet = Object.fromEntries(
      STRATEGY_CRITERIA.map(id => [id, 'met']),
    );

    function apiEntity(name: string, extra: Partial<Entity['metadata']> = {}) {
      return {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: { name, namespace: 'default', ...extra },
        spec: {
          type: 'openapi',
          lifecycle: 'production',
          owner: 'accounts-team',
          definition: 'openapi: 3.0.3',
        },
        relations: [
          { type: 'ownedBy', targetRef: 'group:default/accounts-team' },
        ],
      };
    }

    const entities: Entity[] = [
      apiEntity('accounts-api'),
      apiEntity('beneficiaries-api', {
        annotations: { 'apiops/station': 'api-design' },
      }),
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'accounts-service', namespace: 'default' },
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: 'accounts-team',
        },
      },
    ];

    const ruleModule = createBackendModule({
      pluginId: 'apiops',
      moduleId: 'openapi-test-rules',
      register(reg) {
        reg.registerInit({
          deps: { governance: apiopsGovernanceExtensionPoint },
          async init({ governance }) {
            governance.addRules({
              id: 'security-contact',
              title: 'Every API names its security contact',
              severity: 'warning',
              check: () => [],
            });
          },
        });
      },
    });

    const user = mockCredentials.user.header('user:default/liam.oconnell');

    async function startBackend(
      permission:
        | AuthorizeResult.ALLOW
        | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
    ) {
      const { server } = await startTestBackend({
        features: [
          apiopsPlugin,
          ruleModule,
          catalogServiceMock.factory({ entities }),
          mockServices.permissions.factory({ result: permission }),
        ],
      });
      return server;
    }

    /**
     * Calls a documented route (by its template) and checks the answer
     * against the spec: the status is documented for the operation, the body
     * is JSON and matches the response schema.
     */
    async function call(
      server: Parameters<typeof request>[0],
      options: {
        method: 'get' | 'post';
        path: string;
        params?: Record<string, string>;
        query?: string;
        body?: unknown;
        authorization?: string;
      },
    ) {
      const { method, path: template, params = {}, query, body } = options;
      expect(Object.keys(spec.paths)).toContain(template);
      const concrete = template.replace(/\{([^}]+)\}/g, (_, name: string) =>
        encodeURIComponent(params[name]),
      );
      let req = request(server)[method](
        `${BASE_PATH}${concrete}${query ? `?${query}` : ''}`,
      );
      if (options.authorization !== undefined) {
        req = req.set('authorization', options.authorization);
      }
      const res = await (body === undefined ? req : req.send(body as object));
      const mediaType = String(res.headers['content-type']).split(';')[0];
      const where = `${method.toUpperCase()} ${template} → ${
        res.status
      } ${mediaType}`;
      expect({
        where,
        errors: check(
          responseSchemaPointer(template, method, res.status, mediaType),
          mediaType === 'application/json' ? res.body : res.text,
        ),
      }).toEqual({ where, errors: [] });
      return res;
    }

    const entity = (name: string) => ({
      kind: 'api',
      namespace: 'default',
      name,
    });
    const STATUS = '/entities/{kind}/{namespace}/{name}/status';
    const ASSESSMENTS = '/entities/{kind}/{namespace}/{name}/assessments';

    it('answers /health, /rules and /method as documented', async () => {
      const server = await startBackend();

      const health = await call(server, { method: 'get', path: '/health' });
      expect(health.status).toBe(200);

      const rules = await call(server, {
        method: 'get',
        path: '/rules',
        authorization: user,
      });
      expect(rules.status).toBe(200);
      expect(rules.body.items).toContainEqual({
        id: 'security-contact',
        title: 'Every API names its security contact',
        severity: 'warning',
      });

      for (const query of [
        undefined,
        'locale=fi-FI',
        'cycle=api-productization-cycle&locale=de',
      ]) {
        const method = await call(server, {
          method: 'get',
          path: '/method',
          query,
          authorization: user,
        });
        expect(method.status).toBe(200);
        expect(method.body.stations).toHaveLength(8);
      }

      const unknownCycle = await call(server, {
        method: 'get',
        path: '/method',
        query: 'cycle=no-such-cycle',
        authorization: user,
      });
      expect(unknownCycle.status).toBe(400);
    });

    it('answers status, assessments and history as documented', async () => {
      const server = await startBackend();
      const accounts = entity('accounts-api');
      const beneficiaries = entity('beneficiaries-api');

      const unassessed = await call(server, {
        method: 'get',
        path: STATUS,
        params: accounts,
        authorization: user,
      });
      expect(unassessed.status).toBe(200);
      expect(unassessed.body.station.source).toBe('none');

      const annotated = await call(server, {
        method: 'get',
        path: STATUS,
        params: beneficiaries,
        authorization: user,
      });
      expect(annotated.body.station.source).toBe('annotation');

      const created = await call(server, {
        method: 'post',
        path: ASSESSMENTS,
        params: accounts,
        authorization: user,
        body: {
          answers: allStrategyMet,
          evidence: { 'business-goals-defined': 'https://wiki.example/goals' },
          notes: { 'market-research-done': 'Survey of 40 partners' },
          note: 'Kick-off',
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.note).toBe('Kick-off');

      const fromCi = await call(server, {
        method: 'post',
        path: ASSESSMENTS,
        params: beneficiaries,
        authorization: mockCredentials.service.header(),
        body: { answers: { 'market-research-done': 'not-met' } },
      });
      expect(fromCi.status).toBe(201);
      expect(fromCi.body).not.toHaveProperty('note');

      const assessed = await call(server, {
        method: 'get',
        path: STATUS,
        params: accounts,
        authorization: user,
      });
      expect(assessed.body.latestAssessment.id).toBe(created.body.id);

      const conflicting = await call(server, {
        method: 'get',
        path: STATUS,
        params: beneficiaries,
        authorization: user,
      });
      expect(conflicting.body.station.conflict).toBeDefined();

      await call(server, {
        method: 'post',
        path: ASSESSMENTS,
        params: accounts,
        authorization: user,
        body: { answers: { 'market-research-done': 'not-met' } },
      });
      const page1 = await call(server, {
        method: 'get',
        path: ASSESSMENTS,
        params: accounts,
        query: 'limit=1',
        authorization: user,
      });
      expect(page1.status).toBe(200);
      expect(page1.body.nextCursor).toEqual(expect.any(String));
      const page2 = await call(server, {
        method: 'get',
        path: ASSESSMENTS,
        params: accounts,
        query: `limit=1&cursor=${encodeURIComponent(page1.body.nextCursor)}`,
        authorization: user,
      });
      expect(page2.body.items.map((a: { id: string }) => a.id)).toEqual([
        created.body.id,
      ]);
      expect(page2.body).not.toHaveProperty('nextCursor');
    });

    it('answers bad input with the documented 400', async () => {
      const server = await startBackend();
      const accounts = entity('accounts-api');
      const cases = [
        {
          body: { answers: { 'no-such-criterion': 'met' } },
          message:
            "answers.no-such-criterion: not a criterion of the cycle 'api-productization-cycle'",
        },
        {
          body: { answers: allStrategyMet, note: 'x'.repeat(70 * 1024) },
          message: 'body: larger than the 64kb allowed',
        },
        {
          body: { answers: {} },
          message: 'answers: must answer at least one criterion',
        },
      ];
      for (const { body, message } of cases) {
        const res = await call(server, {
          method: 'post',
          path: ASSESSMENTS,
          params: accounts,
          authorization: user,
          body,
        });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe(message);
      }

      const component = await call(server, {
        method: 'post',
        path: ASSESSMENTS,
        params: {
          kind: 'component',
          namespace: 'default',
          name: 'accounts-service',
        },
        authorization: user,
        body: { answers: allStrategyMet },
      });
      expect(component.status).toBe(400);
      expect(component.body.error.message).toMatch(/^kind: /);

      for (const [route, query] of [
        [ASSESSMENTS, 'limit=101'],
        [ASSESSMENTS, 'cursor=%25%25'],
        [STATUS, undefined],
      ] as const) {
        const res = await call(server, {
          method: 'get',
          path: route,
          params:
            route === STATUS ? { ...accounts, name: '-not-a-name-' } : accounts,
          query,
          authorization: user,
        });
        expect(res.status).toBe(400);
      }
    });

    it('accepts the documented page limits, and no others', async () => {
      const server = await startBackend();
      const paged = operations().flatMap(({ template, method, operation }) => {
        const limit = (operation.parameters ?? [])
          .map(p => deref(p))
          .find(p => p.in === 'query' && p.name === 'limit');
        return limit
          ? [{ template, method, schema: limit.schema as JsonObject }]
          : [];
      });
      expect(paged.map(({ template }) => template)).toEqual(
        expect.arrayContaining([ASSESSMENTS, '/reports/ownership']),
      );
      for (const { template, method, schema } of paged) {
        const max = schema.maximum as number;
        const statuses = [];
        for (const limit of [schema.minimum, max, 0, max + 1]) {
          const res = await call(server, {
            method: method as 'get',
            path: template,
            params: entity('accounts-api'),
            query: `limit=${limit}`,
            authorization: user,
          });
          statuses.push(res.status);
        }
        // Before a snapshot no group owns an API: a valid page of a team is a 404.
        const ok = template.startsWith('/reports/teams/') ? 404 : 200;
        expect({ template, statuses }).toEqual({
          template,
          statuses: [ok, ok, 400, 400],
        });
      }
    });

    it('answers 401, 403 and 404 as documented', async () => {
      const server = await startBackend();
      const authenticated = operations().filter(
        ({ template }) => template !== '/health',
      );
      for (const { template, method } of authenticated) {
        const res = await call(server, {
          method: method as 'get' | 'post',
          path: template,
          params: entity('accounts-api'),
          authorization: mockCredentials.none.header(),
          body: method === 'post' ? { answers: allStrategyMet } : undefined,
        });
        expect(res.status).toBe(401);
      }

      for (const { template, method } of authenticated.filter(op =>
        op.template.startsWith('/entities/'),
      )) {
        const res = await call(server, {
          method: method as 'get' | 'post',
          path: template,
          params: entity('no-such-api'),
          authorization: user,
          body: method === 'post' ? { answers: allStrategyMet } : undefined,
        });
        expect(res.status).toBe(404);
      }

      const denying = await startBackend(AuthorizeResult.DENY);
      const denied = await call(denying, {
        method: 'post',
        path: ASSESSMENTS,
        params: entity('accounts-api'),
        authorization: user,
        body: { answers: allStrategyMet },
      });
      expect(denied.status).toBe(403);
    });

    it('answers the reports and snapshots as documented', async () => {
      const group = (name: string, members: string[]) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name, namespace: 'default', title: `Team ${name}` },
        spec: { type: 'team', children: [], members },
      });
      const userEntity = (name: string, memberOf: string[]) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name, namespace: 'default' },
        spec: { memberOf },
      });
      const api = (name: string, owner: string, system?: string) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: { name, namespace: 'default', description: `The ${name}` },
        spec: {
          type: 'openapi',
          lifecycle: 'production',
          owner,
          system,
          definition:
            'openapi: 3.0.3\ninfo: {title: x, version: "1"}\npaths: {}',
        },
      });
      const org: Entity[] = [
        group('accounts-team', ['liam.oconnell']),
        group('empty-team', []),
        userEntity('liam.oconnell', ['accounts-team']),
        api('accounts-api', 'accounts-team', 'core-accounts'),
        api('unowned-api', 'tbd', 'core-accounts'),
        api('personal-api', 'user:default/liam.oconnell'),
        api('ghost-api', 'no-such-team'),
        api('lonely-api', 'empty-team'),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'accounts-service', namespace: 'default' },
          spec: {
            type: 'service',
            lifecycle: 'production',
            owner: 'accounts-team',
            providesApis: ['accounts-api'],
          },
        },
      ];
      const { server } = await startTestBackend({
        features: [
          apiopsPlugin,
          catalogServiceMock.factory({ entities: org }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        ],
      });

      const before = await call(server, {
        method: 'get',
        path: '/reports/summary',
        authorization: user,
      });
      expect(before.status).toBe(200);
      expect(before.body.snapshot.stale).toBe(true);

      const started = await call(server, {
        method: 'post',
        path: '/snapshots',
        authorization: user,
      });
      expect(started.status).toBe(202);

      const after = await call(server, {
        method: 'get',
        path: '/reports/summary',
        authorization: user,
      });
      expect(after.body.snapshot.id).toEqual(expect.any(String));
      expect(after.body.apis).toBe(5);
      expect(after.body.trend).toHaveLength(1);

      const status = await call(server, {
        method: 'get',
        path: STATUS,
        params: entity('unowned-api'),
        authorization: user,
      });
      expect(status.body.owner.gaps).toContainEqual(
        expect.objectContaining({ type: 'owner-missing' }),
      );
      expect(status.body.governance.findings.length).toBeGreaterThan(0);
      const owned = await call(server, {
        method: 'get',
        path: STATUS,
        params: entity('accounts-api'),
        authorization: user,
      });
      expect(owned.body.owner).toMatchObject({ resolved: true, kind: 'group' });

      const gaps = await call(server, {
        method: 'get',
        path: '/reports/ownership',
        query: 'limit=1',
        authorization: user,
      });
      expect(gaps.body.items).toHaveLength(1);
      expect(gaps.body.nextCursor).toEqual(expect.any(String));
      const filtered = await call(server, {
        method: 'get',
        path: '/reports/ownership',
        query: `type=owner-missing&system=core-accounts&cursor=${encodeURIComponent(
          gaps.body.nextCursor,
        )}`,
        authorization: user,
      });
      expect(filtered.status).toBe(200);
      const all = await call(server, {
        method: 'get',
        path: '/reports/ownership',
        authorization: user,
      });
      expect(all.body.items.length).toBeGreaterThanOrEqual(4);

      const csv = await call(server, {
        method: 'get',
        path: '/reports/ownership',
        query: 'format=csv',
        authorization: user,
      });
      expect(csv.status).toBe(200);
      const [header, ...lines] = csv.text.trimEnd().split('\r\n');
      expect(header.split(',')).toEqual(
        Object.keys(
          spec.components.schemas.OwnershipGapRow.properties as JsonObject,
        ),
      );
      expect(lines).toHaveLength(all.body.items.length);

      const teams = await call(server, {
        method: 'get',
        path: '/reports/teams',
        authorization: user,
      });
      expect(teams.body.items).toContainEqual(
        expect.objectContaining({ groupRef: 'group:default/accounts-team' }),
      );
      const TEAM_APIS = '/reports/teams/{namespace}/{name}/apis';
      const teamApis = await call(server, {
        method: 'get',
        path: TEAM_APIS,
        params: { namespace: 'default', name: 'accounts-team' },
        query: 'limit=1',
        authorization: user,
      });
      expect(teamApis.body.team.groupRef).toBe('group:default/accounts-team');
      expect(teamApis.body.items).toHaveLength(1);
      const noTeam = await call(server, {
        method: 'get',
        path: TEAM_APIS,
        params: { namespace: 'default', name: 'no-such-team' },
        authorization: user,
      });
      expect(noTeam.status).toBe(404);
      const badTeam = await call(server, {
        method: 'get',
        path: TEAM_APIS,
        params: { namespace: 'default', name: '-bad-' },
        authorization: user,
      });
      expect(badTeam.status).toBe(400);

      for (const [route, query] of [
        ['/reports/ownership', 'type=owner-lost'],
        ['/reports/ownership', 'format=xml'],
        ['/reports/ownership', 'owner=%3Anot%3Aa%2Fref'],
        ['/reports/teams', 'limit=1001'],
        ['/reports/teams', 'cursor=nope'],
      ]) {
        const res = await call(server, {
          method: 'get',
          path: route,
          query,
          authorization: user,
        });
        expect(res.status).toBe(400);
      }

      const denying = await startBackend(AuthorizeResult.DENY);
      for (const { template, method } of operations().filter(op =>
        /^\/(reports|snapshots)/.test(op.template),
      )) {
        const res = await call(denying, {
          method: method as 'get' | 'post',
          path: template,
          params: { namespace: 'default', name: 'accounts-team' },
          authorization: user,
        });
        expect(res.status).toBe(403);
      }
    });

    it('fails when the server sends a field the spec does not name', () => {
      const record = {
        id: '1',
        entityRef: 'api:default/accounts-api',
        cycle: 'api-productization-cycle',
        station: 'api-design',
        answers: { 'api-design': 'met' },
        evidence: {},
        notes: {},
        assessedBy: 'user:default/liam.oconnell',
        createdAt: '2026-03-02T09:41:12.345Z',
      };
      expect(check('#/components/schemas/Assessment', record)).toEqual([]);
      expect(
        check('#/components/schemas/Assessment', { ...record, comment: 'x' }),
      ).not.toEqual([]);
      const { createdAt, ...withoutCreatedAt } = record;
      expect(createdAt).toBeDefined();
      expect(
        check('#/components/schemas/Assessment', {
          ...withoutCreatedAt,
          recordedAt: createdAt,
        }),
      ).not.toEqual([]);
    });
  });
});
