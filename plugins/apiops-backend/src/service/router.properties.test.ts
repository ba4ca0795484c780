import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import zlib from 'node:zlib';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { apiopsPlugin } from '../plugin';
import { spec } from '../schema/openapi';
import { wrapInSpecProxy } from './__testUtils__/wrapInSpecProxy';

/*
 * Property-based tests of every REST route (src/schema/openapi.yaml) and
 * every MCP action (src/actions/registerApiOpsActions.ts), on the real plugin
 * with a real SQLite store after one snapshot of a small catalog.
 *
 * Generated: path segments (odd characters, percent-encodings, very long
 * strings), query parameters (limits as strings, negatives, floats, huge
 * numbers, repeated or nested; garbage cursors; unknown types; malformed
 * owner and system refs) and assessment bodies (arbitrary JSON, wrong types,
 * deep nesting, huge strings, prototype-pollution keys, evidence URLs of any
 * scheme). Properties, for each request:
 *
 * - never a 5xx;
 * - a 400 starts with the field at fault, one the request actually gave;
 * - a rejected request writes nothing: the assessments table, the snapshot
 *   runs and the audit log's successful events are unchanged (read from the
 *   store and the auditor mock directly);
 * - a 2xx answer matches the spec (checked with ajv against the spec's
 *   response schema; well-formed requests also go through wrapInSpecProxy).
 *
 * Runs are seeded by fast-check, which prints the seed and the shrunk
 * counterexample of a failure; replay it with `FC_SEED=<seed>`.
 */

// The first request compiles the OpenAPI validator, slow on a busy machine.
jest.setTimeout(120_000);

const RUNS = Number(process.env.FC_RUNS ?? 100);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const params = <T>(extra: fc.Parameters<T> = {}): fc.Parameters<T> => ({
  numRuns: RUNS,
  ...(SEED === undefined ? {} : { seed: SEED }),
  ...extra,
});

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title: `Team ${name}` },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});

const api = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name, namespace: 'default', description: `The ${name}` },
  spec: {
    type: 'openapi',
    lifecycle: 'production',
    owner,
    system: 'payments-hub',
    definition: [
      'openapi: 3.0.3',
      'info: {title: x, version: "1"}',
      'paths:',
      "  /cards: {get: {responses: {'200': {description: ok}}}}",
      "  /cards/{id}: {get: {responses: {'200': {description: ok}}}}",
    ].join('\n'),
  },
});

const entities: Entity[] = [
  group('bank'),
  group('payments', 'bank'),
  group('ghost-team', 'bank'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'ada', namespace: 'default' },
    spec: { memberOf: ['payments'] },
  },
  api('payments-api', 'payments'),
  api('cards-api', 'payments'),
  api('ghost-api', 'ghost-team'),
  api('nobody-api', 'tbd'),
  api('typo-api', 'paymnets'),
];

const user = mockCredentials.user.header('user:default/ada');
const BASE = '/api/apiops';
const databases = createTestDatabases();

// ---------------------------------------------------------------------------
// The spec's response schemas, compiled once.

type Json = Record<string, any>;
const specJson = spec as unknown as Json;
const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats(ajv);
ajv.addSchema(specJson, 'spec');
const compiled = new Map<string, ValidateFunction>();

const pointer = (...parts: string[]) =>
  parts.map(p => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** The validator of a JSON answer of an operation, or undefined. */
function responseValidator(
  method: string,
  template: string,
  status: number,
): ValidateFunction | undefined {
  const key = `${method} ${template} ${status}`;
  if (!compiled.has(key)) {
    let response = specJson.paths[template]?.[method]?.responses?.[status];
    let path = `spec#/${pointer(
      'paths',
      template,
      method,
      'responses',
      String(status),
    )}`;
    if (response?.$ref) {
      path = `spec${response.$ref}`;
      response = specJson.components.responses[response.$ref.split('/').pop()];
    }
    if (!response?.content?.['application/json']) {
      return undefined;
    }
    compiled.set(
      key,
      ajv.compile({ $ref: `${path}/content/application~1json/schema` }),
    );
  }
  return compiled.get(key);
}

// ---------------------------------------------------------------------------
// Generators.

const LONG = fc.string({ minLength: 300, maxLength: 3000 });

/** Percent-encodes any text; a lone surrogate has no UTF-8, so it is U+FFFD. */
const encode = (value: string) =>
  encodeURIComponent(
    value.replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    ),
  );

/** Text of any code units: ASCII, Unicode, raw bytes, NUL, lone surrogates. */
const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc
      .tuple(
        fc.string({ maxLength: 10 }),
        fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\uFEFF', '\u202E'),
        fc.string({ maxLength: 10 }),
      )
      .map(parts => parts.join('')),
  );

/** A path segment as a client could send it, already encoded. */
const segment = fc.oneof(
  fc.string({ maxLength: 80 }).map(encode),
  fc.string({ unit: 'grapheme', maxLength: 40 }).map(encode),
  fc.string({ unit: 'binary', maxLength: 40 }).map(encode),
  LONG.map(encode),
  fc.constantFrom(
    'api',
    'API',
    'Api',
    'default',
    'payments-api',
    'payments',
    'no-such-api',
    '-a-',
    'a.',
    '.',
    '..',
    '%2E%2E',
    '%2F',
    'a%2Fb',
    '%00',
    '%E2%80%AE',
    '%F0%9F%92%A9',
    '%C0%AF',
    '%FF',
    '%25',
    '%',
    '%zz',
    'a%',
    '__proto__',
    'constructor',
    'a'.repeat(63),
    'a'.repeat(64),
    `${'a'.repeat(62)}b`,
    'ÄPI',
    'a b',
    'a+b',
    'a;b',
  ),
);

/** A value of a query parameter, unencoded. */
const queryValue = fc.oneof(
  fc.integer().map(String),
  fc.integer({ min: -1000, max: 2000 }).map(String),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.constantFrom(
    '',
    '0',
    '-1',
    '1.5',
    '1e3',
    ' 1',
    '1 ',
    '0x10',
    '+5',
    '00001',
    '9'.repeat(400),
    'NaN',
    'Infinity',
    'null',
    'undefined',
    'true',
    '[]',
    '{}',
    'owner-missing',
    'duplicate',
    'group:default/payments',
    'payments',
    'system:default/payments-hub',
    'group:',
    ':a/b',
    'a:b:c/d',
    'group:default/',
    '/x',
    'user:default/ada',
    'json',
    'csv',
    'CSV',
    'fi',
    'api-productization-cycle',
    '__proto__',
  ),
  anyText(60),
  fc.base64String({ maxLength: 200 }),
  // Cursors of the form the stores hand out, for any id.
  fc
    .oneof(
      fc.bigInt({ min: 0n, max: 10n ** 17n }),
      fc.constantFrom(2n ** 31n - 1n, 2n ** 31n, 2n ** 53n - 1n, 2n ** 63n),
    )
    .map(id => Buffer.from(`v1:${id}`).toString('base64url')),
  LONG,
);

const QUERY_NAMES = [
  'limit',
  'cursor',
  'type',
  'owner',
  'system',
  'format',
  'locale',
  'cycle',
] as const;

/** One `name=value` of a query, plain, repeated or in qs's nested syntax. */
const queryPart = fc
  .tuple(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...QUERY_NAMES) },
      { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 10 }) },
      { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor') },
    ),
    fc.constantFrom('', '[]', '[0]', '[a]', '[__proto__]'),
    queryValue,
  )
  .map(([name, suffix, value]) => ({
    name,
    text: `${encode(name)}${suffix}=${encode(value)}`,
  }));

const query = fc.array(queryPart, { maxLength: 5 }).map(parts => ({
  names: new Set(parts.map(p => p.name)),
  text: parts.length ? `?${parts.map(p => p.text).join('&')}` : '',
}));

const CRITERIA = [
  'business-goals-defined',
  'market-research-done',
  'metrics-feedback-available',
  'stakeholder-approval',
];

const criterionId = fc.oneof(
  fc.constantFrom(...CRITERIA),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'),
  fc.string({ maxLength: 20 }),
  fc.string({ minLength: 90, maxLength: 120 }),
);

const answer = fc.oneof(
  fc.constantFrom('met', 'not-met', 'unknown', 'partially-met', 'MET', ''),
  fc.jsonValue({ maxDepth: 2 }),
);

const evidenceUrl = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        'https:',
        'http:',
        'ftp:',
        'file:',
        // eslint-disable-next-line no-script-url -- a hostile evidence URL
        'javascript:',
        'data:',
        'mailto:',
        'vbscript:',
        'ws:',
        'HTTPS:',
        '',
        '//',
        'ht tp:',
      ),
      fc.constantFrom('//', '', '///', '\\\\'),
      fc.oneof(fc.domain(), fc.constantFrom('localhost', '127.0.0.1', '[::1]')),
      anyText(40),
    )
    .map(
      ([scheme, slashes, host, rest]) => `${scheme}${slashes}${host}/${rest}`,
    ),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .string({ minLength: 2000, maxLength: 2100 })
    .map(s => `https://x.example/${s}`),
  fc.jsonValue({ maxDepth: 1 }),
);

const record = (value: fc.Arbitrary<unknown>) =>
  fc.oneof(
    fc.dictionary(criterionId, value, { maxKeys: 5 }),
    fc.jsonValue({ maxDepth: 2 }),
  );

/** A valid assessment body, varied. */
const validBody = fc.record(
  {
    answers: fc.dictionary(
      fc.constantFrom(...CRITERIA),
      fc.constantFrom('met', 'not-met', 'unknown'),
      { minKeys: 1 },
    ),
    note: anyText(100).filter(note => note.trim() !== ''),
  },
  { requiredKeys: ['answers'] },
);

/** An assessment body: valid, close to a valid one, or anything. */
const assessmentBody = fc.oneof(
  { weight: 1, arbitrary: validBody },
  {
    weight: 5,
    arbitrary: fc.record(
      {
        cycle: fc.oneof(
          fc.constant('api-productization-cycle'),
          fc.string({ maxLength: 30 }),
          fc.jsonValue({ maxDepth: 1 }),
        ),
        answers: record(answer),
        evidence: record(evidenceUrl),
        notes: record(fc.oneof(anyText(50), fc.jsonValue({ maxDepth: 1 }))),
        note: fc.oneof(
          anyText(50),
          fc.string({ minLength: 3990, maxLength: 4010 }),
          fc.jsonValue({ maxDepth: 1 }),
        ),
        ['__proto__']: fc.jsonValue({ maxDepth: 1 }),
        constructor: fc.jsonValue({ maxDepth: 1 }),
        extra: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 60_000, maxLength: 70_000 }) },
);

/** A real audit report of the method's CLI (see the common package's test). */
const CHECKLIST_REPORT: {
  stages: Array<{ items: Array<Record<string, unknown>> }>;
} = JSON.parse(
  readFileSync(
    require.resolve(
      '@apiops-backstage/plugin-apiops-common/src/evidence/audit/__fixtures__/design-audit.full-crud.json',
    ),
    'utf8',
  ),
);

const CHECKLIST_ITEM_KEYS = [
  'id',
  'label',
  'kind',
  'currentStatus',
  'producedByStation',
  'producedByStationCriteria',
  'actualEvidenceFound',
  'reason',
  'evaluation',
  'constructor',
] as const;

const CHECKLIST_KEYS = [
  'profile',
  'generatedAt',
  'openApiPath',
  'checklistSource',
  'spectral',
  'stages',
  'sections',
  'constructor',
] as const;

/** The fields a 400 of the checklist import may name, whatever the body. */
const CHECKLIST_FIELDS = ['body', 'cycle', 'profile', 'generatedAt', 'stages'];

/**
 * An audit report of the method's CLI: as written, with any value in place
 * of one field of one item or of the report, or anything.
 */
const checklistBody = fc.oneof(
  { weight: 1, arbitrary: fc.constant(CHECKLIST_REPORT as unknown) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...CHECKLIST_ITEM_KEYS),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([stage, item, key, value]) => {
        const copy = structuredClone(CHECKLIST_REPORT);
        const { items } = copy.stages[stage % copy.stages.length];
        if (items.length > 0) {
          items[item % items.length][key] = value;
        }
        return copy as unknown;
      }),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...CHECKLIST_KEYS), fc.jsonValue({ maxDepth: 3 }))
      .map(([key, value]) => ({ ...CHECKLIST_REPORT, [key]: value })),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

/** Raw body texts: deep nesting, broken JSON, pollution keys, huge. */
const rawBody = fc.oneof(
  fc
    .integer({ min: 1, max: 20_000 })
    .map(n => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc
    .integer({ min: 1, max: 5_000 })
    .map(n => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc.constantFrom(
    '{"__proto__": {"polluted": 1}, "answers": {"api-design": "met"}}',
    '{"answers": {"__proto__": "met"}}',
    '{"answers": {"api-design": "met", "constructor": {"prototype": {"polluted": 1}}}}',
    '{"answers": {"api-design": "met"}, "evidence": {"__proto__": {"polluted": 1}}}',
    '{"answers": ',
    '',
    'null',
    '"met"',
    '[]',
    '1e999999',
    '\uFEFF{"answers": {"api-design": "met"}}',
  ),
  fc.string({ maxLength: 100 }),
);

/**
 * Whether an error message starts with one of the fields:
 * `limit: …`, `answers.api-design: …`, `answers["a b"]: …`.
 */
function namesOneOf(message: unknown, fields: Iterable<string>): boolean {
  const text = typeof message === 'string' ? message : '';
  return [...fields].some(
    field =>
      text.startsWith(`${field}: `) ||
      ((text.startsWith(`${field}.`) || text.startsWith(`${field}[`)) &&
        text.includes(': ')),
  );
}

/**
 * What is wrong with an action's error, if anything: it must be what a
 * client asked wrongly or cannot see (never the action's own output
 * failing its schema, never an unexpected error), and our own refusals
 * (not the registry's schema check) name the input field at fault.
 */
function actionErrorProblem(error: Error, input: unknown): string | undefined {
  const { name, message } = error;
  const context = `${name}: ${message}`;
  if (
    !['InputError', 'NotFoundError', 'NotAllowedError'].includes(name) ||
    /Invalid output/.test(message)
  ) {
    return `${context}: not a refusal of the input`;
  }
  const fields =
    input && typeof input === 'object' ? Object.keys(input as object) : [];
  if (
    name === 'InputError' &&
    !message.startsWith('Invalid input') &&
    !namesOneOf(message, fields)
  ) {
    return `${context}: names none of ${fields}`;
  }
  return undefined;
}

/** Whether the spec allows an assessment request. */
function requestAllowed(body: unknown): boolean {
  const validate =
    ajv.getSchema('spec#/components/schemas/AssessmentRequest') ??
    ajv.compile({ $ref: 'spec#/components/schemas/AssessmentRequest' });
  return validate(body) as boolean;
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------

describe.each(databases.eachSupportedId())(
  'router properties on %s',
  databaseId => {
    let knex: Knex;
    let backend: http.Server;
    let proxy: string;
    let auditor: ReturnType<typeof mockServices.auditor.mock>;
    let actions: ReturnType<typeof actionsRegistryServiceMock>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      auditor = mockServices.auditor.mock();
      actions = actionsRegistryServiceMock();
      const started = await startTestBackend({
        features: [
          apiopsPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
          mockServices.permissions.factory(),
          auditor.factory,
          createServiceFactory({
            service: actionsRegistryServiceRef,
            deps: {},
            factory: () => actions,
          }),
        ],
      });
      backend = started.server;
      proxy = await wrapInSpecProxy(backend);
      const run = await request(backend)
        .post(`${BASE}/snapshots`)
        .set('authorization', user);
      if (run.status !== 202) {
        throw new Error(`the snapshot did not start: ${run.status}`);
      }
      for (let i = 0; ; i++) {
        const summary = await request(backend)
          .get(`${BASE}/reports/summary`)
          .set('authorization', user);
        if (summary.body.snapshot?.id && !summary.body.snapshot.running) break;
        if (i > 200) throw new Error('the snapshot did not complete');
        await new Promise(resolve => setTimeout(resolve, 100));
      }
    });

    /** What a request may write: read from the store and the auditor. */
    async function writes() {
      const [assessments] = await knex('apiops_assessments').count({ n: '*' });
      const [runs] = await knex('apiops_snapshots').count({ n: '*' });
      let audited = 0;
      for (const result of auditor.createEvent.mock.results) {
        const event = await result.value;
        audited += event.success.mock.calls.length;
      }
      return {
        assessments: Number(assessments.n),
        snapshots: Number(runs.n),
        audited,
      };
    }

    /**
     * Sends a request to the backend and checks the properties of its answer:
     * the answer and the list of the properties it breaks, empty when none.
     * `fields` are the names a 400 may blame.
     */
    async function check(options: {
      method: 'get' | 'post';
      template: string;
      url: string;
      fields: Iterable<string>;
      body?: unknown;
      raw?: string;
      /** Sets the headers and sends the body, instead of `body` or `raw`. */
      prepare?: (req: request.Test) => request.Test;
    }): Promise<{ res: request.Response; problems: string[] }> {
      const before = await writes();
      const req = request(backend)
        [options.method](`${BASE}${options.url}`)
        .set('authorization', user);
      // As text: superagent sends no JSON that is not an object or array.
      const raw =
        options.raw ??
        (options.body === undefined ? undefined : JSON.stringify(options.body));
      let res: request.Response;
      if (options.prepare) {
        res = await options.prepare(req);
      } else if (raw !== undefined) {
        res = await req.set('content-type', 'application/json').send(raw);
      } else {
        res = await req;
      }
      const context = `${options.method.toUpperCase()} ${options.url.slice(
        0,
        300,
      )} -> ${res.status} ${String(res.body?.error?.message ?? '').slice(
        0,
        300,
      )}`;
      const problems: string[] = [];
      const after = await writes();

      if (res.status >= 500) {
        problems.push(`${context}: a server error`);
      }
      if (
        res.status === 400 &&
        !namesOneOf(res.body?.error?.message, options.fields)
      ) {
        problems.push(`${context}: names none of ${[...options.fields]}`);
      }
      if (res.status >= 400 && !isDeepStrictEqual(after, before)) {
        problems.push(
          `${context}: wrote ${JSON.stringify(after)} over ${JSON.stringify(
            before,
          )}`,
        );
      }
      // One assessment and one successful audit event, nothing else.
      const recorded = {
        ...before,
        assessments: before.assessments + 1,
        audited: before.audited + 1,
      };
      if (
        options.method === 'post' &&
        res.status === 201 &&
        !isDeepStrictEqual(after, recorded)
      ) {
        problems.push(`${context}: wrote ${JSON.stringify(after)}`);
      }
      if (res.status >= 200 && res.status < 300 && /json/.test(res.type)) {
        const validate = responseValidator(
          options.method,
          options.template,
          res.status,
        );
        if (!validate) {
          problems.push(`${context}: an answer the spec does not document`);
        } else if (!validate(res.body)) {
          problems.push(
            `${context}: not as the spec says: ${ajv.errorsText(
              validate.errors,
            )}`,
          );
        }
      }
      // Nothing the body said reached the prototypes.
      if (Object.keys(Object.prototype).length > 0) {
        problems.push(`${context}: Object.prototype was polluted`);
      }
      return { res, problems };
    }

    const entityTemplates = [
      ['get', '/entities/{kind}/{namespace}/{name}/status'],
      ['get', '/entities/{kind}/{namespace}/{name}/assessments'],
      ['post', '/entities/{kind}/{namespace}/{name}/assessments'],
    ] as const;

    it.each(entityTemplates)(
      '%s %s: arbitrary path segments',
      async (method, template) => {
        await fc.assert(
          fc.asyncProperty(
            fc.record({
              kind: fc.oneof(fc.constant('api'), segment),
              namespace: fc.oneof(fc.constant('default'), segment),
              name: fc.oneof(fc.constant('payments-api'), segment),
            }),
            async parts => {
              const url = template
                .replace('{kind}', parts.kind)
                .replace('{namespace}', parts.namespace)
                .replace('{name}', parts.name);
              const { problems } = await check({
                method,
                template,
                url,
                fields: ['kind', 'namespace', 'name', 'body', 'answers'],
                body:
                  method === 'post'
                    ? { answers: { 'business-goals-defined': 'met' } }
                    : undefined,
              });
              expect(problems).toEqual([]);
            },
          ),
          params(),
        );
      },
    );

    it('GET /reports/teams/{namespace}/{name}/apis: arbitrary path segments', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.constant('default'), segment),
          fc.oneof(fc.constant('payments'), segment),
          async (namespace, name) => {
            const { problems } = await check({
              method: 'get',
              template: '/reports/teams/{namespace}/{name}/apis',
              url: `/reports/teams/${namespace}/${name}/apis`,
              fields: ['namespace', 'name'],
            });
            expect(problems).toEqual([]);
          },
        ),
        params(),
      );
    });

    const queried = [
      ['get', '/rules', '/rules'],
      ['get', '/method', '/method'],
      ['get', '/health', '/health'],
      ['get', '/reports/summary', '/reports/summary'],
      ['get', '/reports/ownership', '/reports/ownership'],
      ['get', '/reports/fragmentation', '/reports/fragmentation'],
      ['get', '/reports/teams', '/reports/teams'],
      [
        'get',
        '/reports/teams/{namespace}/{name}/apis',
        '/reports/teams/default/payments/apis',
      ],
      [
        'get',
        '/entities/{kind}/{namespace}/{name}/status',
        '/entities/api/default/payments-api/status',
      ],
      [
        'get',
        '/entities/{kind}/{namespace}/{name}/assessments',
        '/entities/api/default/payments-api/assessments',
      ],
    ] as const;

    it.each(queried)(
      '%s %s: arbitrary query parameters',
      async (method, template, path) => {
        const statuses = new Set<number>();
        await fc.assert(
          fc.asyncProperty(query, async q => {
            const { res, problems } = await check({
              method,
              template,
              url: `${path}${q.text}`,
              fields: q.names,
            });
            expect(problems).toEqual([]);
            statuses.add(res.status);
          }),
          params(),
        );
        expect(statuses).toContain(200);
      },
    );

    /** The fields a 400 of a body may name: the body's own keys too. */
    function bodyFields(body: unknown): string[] {
      const fields = ['body', 'cycle', 'answers', 'evidence', 'notes', 'note'];
      return body && typeof body === 'object' && !Array.isArray(body)
        ? [...fields, ...Object.keys(body)]
        : fields;
    }

    it('POST /entities/{kind}/{namespace}/{name}/assessments: arbitrary bodies', async () => {
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(assessmentBody, async body => {
          const { res, problems } = await check({
            method: 'post',
            template: '/entities/{kind}/{namespace}/{name}/assessments',
            url: '/entities/api/default/payments-api/assessments',
            fields: bodyFields(body),
            body,
          });
          expect(problems).toEqual([]);
          statuses.add(res.status);
          // Only a body the spec allows is recorded.
          expect({
            status: res.status,
            allowed: res.status === 201 ? requestAllowed(body) : undefined,
          }).not.toEqual({ status: 201, allowed: false });
        }),
        params(),
      );
      // The generator reaches both sides: recorded and refused.
      expect(statuses).toContain(201);
      expect(statuses).toContain(400);
    });

    it('POST /entities/{kind}/{namespace}/{name}/assessments: raw bodies', async () => {
      await fc.assert(
        fc.asyncProperty(rawBody, async raw => {
          const { problems } = await check({
            method: 'post',
            template: '/entities/{kind}/{namespace}/{name}/assessments',
            url: '/entities/api/default/payments-api/assessments',
            fields: bodyFields(parsedOrUndefined(raw)),
            raw,
          });
          expect(problems).toEqual([]);
        }),
        params(),
      );
    });

    it('POST /entities/{kind}/{namespace}/{name}/assessments: arbitrary content types and encodings', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(
            'application/json',
            'application/json; charset=utf-8',
            'application/json; charset=utf-16',
            'application/json; charset=latin1',
            'application/json; charset=nope',
            'application/merge-patch+json',
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/octet-stream',
            '*/*',
            ';;;',
          ),
          fc.constantFrom(
            undefined,
            'identity',
            'gzip',
            'deflate',
            'br',
            'GZIP',
            'x-nope',
          ),
          fc.oneof(
            rawBody.map(text => Buffer.from(text)),
            fc.uint8Array({ maxLength: 200 }).map(bytes => Buffer.from(bytes)),
            fc
              .constantFrom('{"answers": {"business-goals-defined": "met"}}')
              .map(text => zlib.gzipSync(text)),
            fc
              .constantFrom('{"answers": {"business-goals-defined": "met"}}')
              .map(text => zlib.deflateSync(text)),
          ),
          async (type, encoding, body) => {
            const { problems } = await check({
              method: 'post',
              template: '/entities/{kind}/{namespace}/{name}/assessments',
              url: '/entities/api/default/payments-api/assessments',
              // The body, or a field of it, is at fault.
              fields: bodyFields(parsedOrUndefined(body.toString())),
              prepare: req =>
                (encoding ? req.set('content-encoding', encoding) : req)
                  .set('content-type', type)
                  .send(body),
            });
            expect(problems).toEqual([]);
          },
        ),
        params(),
      );
    });

    it('POST /snapshots: arbitrary query and body', async () => {
      await fc.assert(
        fc.asyncProperty(
          query,
          fc.jsonValue({ maxDepth: 2 }),
          async (q, body) => {
            const { problems } = await check({
              method: 'post',
              template: '/snapshots',
              url: `/snapshots${q.text}`,
              fields: ['body', ...q.names],
              body: body ?? undefined,
            });
            expect(problems).toEqual([]);
          },
        ),
        params({ numRuns: Math.min(RUNS, 30) }),
      );
    });

    it('POST /entities/{kind}/{namespace}/{name}/evidence/checklist: the CLI report with arbitrary values', async () => {
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(checklistBody, async body => {
          const before = await writes();
          const { res, problems } = await check({
            method: 'post',
            template: '/entities/{kind}/{namespace}/{name}/evidence/checklist',
            url: '/entities/api/default/payments-api/evidence/checklist',
            // The body's keys, and the fields of the report it may lack.
            fields:
              body && typeof body === 'object' && !Array.isArray(body)
                ? [...CHECKLIST_FIELDS, ...Object.keys(body)]
                : CHECKLIST_FIELDS,
            body,
          });
          expect(problems).toEqual([]);
          statuses.add(res.status);
          // An import writes nothing, whatever it answers.
          expect(await writes()).toEqual(before);
        }),
        params({ numRuns: Math.min(RUNS, 60) }),
      );
      expect(statuses).toContain(200);
      expect(statuses).toContain(400);
    });

    it('answers well-formed requests as the spec proxy expects', async () => {
      const wellFormed = fc.oneof(
        fc.constantFrom(
          '/rules',
          '/reports/summary',
          '/reports/teams',
          '/entities/api/default/payments-api/status',
          '/entities/api/default/payments-api/assessments',
          '/reports/teams/default/payments/apis',
          '/reports/teams/default/bank/apis',
        ),
        fc
          .record({
            report: fc.constantFrom('ownership', 'fragmentation'),
            limit: fc.integer({ min: 1, max: 1000 }),
            owner: fc.constantFrom('payments', 'group:default/bank', 'nobody'),
          })
          .map(
            ({ report, limit, owner }) =>
              `/reports/${report}?limit=${limit}&owner=${encodeURIComponent(
                owner,
              )}`,
          ),
        fc
          .constantFrom('en', 'fi', 'fr', 'de', 'pt', 'xx', 'fi-FI')
          .map(locale => `/method?locale=${locale}`),
      );
      await fc.assert(
        fc.asyncProperty(wellFormed, async url => {
          const res = await request(proxy).get(url).set('authorization', user);
          expect({ url, status: res.status }).toEqual({
            url,
            status: expect.any(Number),
          });
          expect([200, 404]).toContain(res.status);
        }),
        params({ numRuns: Math.min(RUNS, 40) }),
      );
    });

    describe('MCP actions', () => {
      const refOrGarbage = fc.oneof(
        fc.constantFrom(
          'payments-api',
          'api:default/payments-api',
          'default/payments-api',
          'payments',
          'group:default/payments',
          'component:default/x',
          'api:',
          ':/',
          'a:b:c',
          '',
        ),
        anyText(60),
        LONG,
      );
      const anyInput = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.anything());
      const pageInput = fc.record(
        {
          type: fc.oneof(
            fc.constantFrom('owner-missing', 'duplicate', 'version-sprawl'),
            fc.string({ maxLength: 20 }),
            fc.jsonValue({ maxDepth: 1 }),
          ),
          owner: fc.oneof(refOrGarbage, fc.jsonValue({ maxDepth: 1 })),
          system: fc.oneof(refOrGarbage, fc.jsonValue({ maxDepth: 1 })),
          team: fc.oneof(refOrGarbage, fc.jsonValue({ maxDepth: 1 })),
          entityRef: fc.oneof(refOrGarbage, fc.jsonValue({ maxDepth: 1 })),
          limit: fc.oneof(
            fc.integer({ min: -5, max: 200 }),
            fc.double(),
            fc.jsonValue({ maxDepth: 1 }),
          ),
          cursor: fc.oneof(
            fc.base64String({ maxLength: 100 }),
            fc.string({ maxLength: 60 }),
            fc.jsonValue({ maxDepth: 1 }),
          ),
        },
        { requiredKeys: [] },
      );

      it.each([
        'get-api-status',
        'list-ownership-gaps',
        'list-fragmentation-clusters',
        'list-team-apis',
      ])('%s: arbitrary input', async name => {
        await fc.assert(
          fc.asyncProperty(fc.oneof(pageInput, anyInput), async input => {
            const before = await writes();
            let problem: string | undefined;
            try {
              await actions.invoke({
                id: `test:${name}`,
                input: input as Json,
                credentials: mockCredentials.user('user:default/ada'),
              });
            } catch (error) {
              problem = actionErrorProblem(error as Error, input);
            }
            expect(problem).toBeUndefined();
            expect(await writes()).toEqual(before);
          }),
          params(),
        );
      });
    });
  },
);
