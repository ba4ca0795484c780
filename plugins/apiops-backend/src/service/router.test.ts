import { Entity } from '@backstage/catalog-model';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { apiopsPlugin } from '../plugin';
import { wrapInSpecProxy } from './__testUtils__/wrapInSpecProxy';

const STRATEGY_CRITERIA = [
  'metrics-feedback-available',
  'business-goals-defined',
  'market-research-done',
  'stakeholder-approval',
];

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
    relations: [{ type: 'ownedBy', targetRef: 'group:default/accounts-team' }],
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
    spec: { type: 'service', lifecycle: 'production', owner: 'accounts-team' },
  },
];

const user = mockCredentials.user.header('user:default/liam.oconnell');
const allStrategyMet = Object.fromEntries(
  STRATEGY_CRITERIA.map(id => [id, 'met']),
);
const accounts = '/entities/api/default/accounts-api';

// The first request compiles the OpenAPI validator, slow on a busy machine.
jest.setTimeout(30_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('router on %s', databaseId => {
  async function startBackend(
    options: { permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY } = {},
  ) {
    const knex = await databases.init(databaseId);
    const auditor = mockServices.auditor.mock();
    const { server } = await startTestBackend({
      features: [
        apiopsPlugin,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities }),
        mockServices.permissions.factory({
          result: options.permission ?? AuthorizeResult.ALLOW,
        }),
        auditor.factory,
      ],
    });
    return { server: await wrapInSpecProxy(server), backend: server, auditor };
  }

  async function history(server: Parameters<typeof request>[0]) {
    const res = await request(server)
      .get(`${accounts}/assessments`)
      .set('authorization', user);
    expect(res.status).toBe(200);
    return res.body.items as Array<{ id: string; station: string }>;
  }

  it('refuses every route but /health without credentials', async () => {
    const { server, backend } = await startBackend();
    for (const req of [
      request(server).get('/method'),
      request(server).get(`${accounts}/status`),
      request(server).get(`${accounts}/assessments`),
      // The credentials are checked before the body: a bad body is a 401 too.
      // The spec proxy checks the body of any answer but a 400: ask the backend.
      request(backend)
        .post(`/api/apiops${accounts}/assessments`)
        .send({ answers: {} }),
    ]) {
      expect(
        (await req.set('authorization', mockCredentials.none.header())).status,
      ).toBe(401);
    }
    expect((await request(server).get('/health')).status).toBe(200);
  });

  it('serves the method: stations in cycle order, localized, unknown cycle 400', async () => {
    const { server } = await startBackend();

    const en = await request(server).get('/method').set('authorization', user);
    expect(en.status).toBe(200);
    expect(en.body.cycle).toBe('api-productization-cycle');
    expect(en.body.stations.map((s: { id: string }) => s.id)).toEqual([
      'api-product-strategy',
      'api-consumer-experience',
      'api-platform-architecture',
      'api-design',
      'api-delivery',
      'api-audit',
      'api-publishing',
      'monitoring-and-improving',
    ]);

    const fi = await request(server)
      .get('/method?locale=fi')
      .set('authorization', user);
    expect(fi.body.locale).toBe('fi');
    expect(fi.body.stations[0].title).not.toBe(en.body.stations[0].title);

    const unknownLocale = await request(server)
      .get('/method?locale=xx')
      .set('authorization', user);
    expect(unknownLocale.body.locale).toBe('en');

    const unknownCycle = await request(server)
      .get('/method?cycle=no-such-cycle')
      .set('authorization', user);
    expect(unknownCycle.status).toBe(400);
    expect(unknownCycle.body.error.message).toMatch(/cycle/);
  });

  it('records assessments, derives the station and keeps the history newest first', async () => {
    const { server, auditor } = await startBackend();

    const unassessed = await request(server)
      .get(`${accounts}/status`)
      .set('authorization', user);
    expect(unassessed.status).toBe(200);
    expect(unassessed.body.station).toEqual({
      id: 'unassessed',
      source: 'none',
      cycle: 'api-productization-cycle',
    });
    expect(unassessed.body.owner).toEqual({
      ref: 'group:default/accounts-team',
      declared: 'accounts-team',
    });
    expect(unassessed.body.lifecycle).toBe('production');

    const first = await request(server)
      .post(`${accounts}/assessments`)
      .set('authorization', user)
      .send({
        answers: allStrategyMet,
        evidence: { 'business-goals-defined': 'https://wiki.example/goals' },
        notes: { 'market-research-done': 'Survey of 40 partners' },
        note: 'Kick-off',
      });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      entityRef: 'api:default/accounts-api',
      cycle: 'api-productization-cycle',
      station: 'api-consumer-experience',
      assessedBy: 'user:default/liam.oconnell',
      evidence: { 'business-goals-defined': 'https://wiki.example/goals' },
      notes: { 'market-research-done': 'Survey of 40 partners' },
      note: 'Kick-off',
    });
    expect(first.body.answers['api-opportunity-documented']).toBe('unknown');
    expect(Object.keys(first.body.answers)).toHaveLength(21);
    expect(new Date(first.body.createdAt).toISOString()).toBe(
      first.body.createdAt,
    );

    const status = await request(server)
      .get(`${accounts}/status`)
      .set('authorization', user);
    expect(status.body.station).toMatchObject({
      id: 'api-consumer-experience',
      source: 'assessment',
      lifecycleStage: 'strategy',
    });
    expect(status.body.latestAssessment.id).toBe(first.body.id);

    const second = await request(server)
      .post(`${accounts}/assessments`)
      .set('authorization', user)
      .send({ answers: { 'market-research-done': 'not-met' } });
    expect(second.status).toBe(201);
    expect(second.body.station).toBe('api-product-strategy');

    expect((await history(server)).map(a => a.id)).toEqual([
      second.body.id,
      first.body.id,
    ]);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'assessment-create' }),
    );
  });

  it('records assessments from a service (CI pipeline)', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .post(`${accounts}/assessments`)
      .set('authorization', mockCredentials.service.header())
      .send({ answers: allStrategyMet });
    expect(res.status).toBe(201);
    expect(res.body.assessedBy).toBe('external:test-service');
  });

  it.each([
    [
      'an unknown criterion',
      { answers: { 'no-such-criterion': 'met' } },
      /answers\.no-such-criterion/,
    ],
    [
      'an unknown answer',
      { answers: { 'market-research-done': 'yes' } },
      /answers\.market-research-done/,
    ],
    [
      'a bad evidence URL',
      {
        answers: allStrategyMet,
        evidence: { 'market-research-done': 'not a url' },
      },
      /evidence\.market-research-done/,
    ],
    [
      'evidence for an unknown criterion',
      {
        answers: allStrategyMet,
        evidence: { 'no-such-criterion': 'https://x.example' },
      },
      /evidence\.no-such-criterion/,
    ],
    [
      'an unknown cycle',
      { cycle: 'no-such-cycle', answers: allStrategyMet },
      /cycle/,
    ],
    ['no answers', {}, /answers/],
    [
      'an unknown field',
      { answers: allStrategyMet, station: 'api-design' },
      /station/,
    ],
  ])('answers 400 to %s and writes nothing', async (_case, body, field) => {
    const { server } = await startBackend();
    const res = await request(server)
      .post(`${accounts}/assessments`)
      .set('authorization', user)
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(field);
    expect(await history(server)).toEqual([]);
  });

  it('answers 400 to a body over 64 KiB, or not JSON, and writes nothing', async () => {
    const { server } = await startBackend();
    const big = await request(server)
      .post(`${accounts}/assessments`)
      .set('authorization', user)
      .send({ answers: allStrategyMet, note: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(400);
    expect(big.body.error.message).toMatch(/^body: larger than/);

    const broken = await request(server)
      .post(`${accounts}/assessments`)
      .set('authorization', user)
      .set('content-type', 'application/json')
      .send('{"answers": ');
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/^body: not valid JSON/);
    expect(await history(server)).toEqual([]);
  });

  it('answers 400 naming kind for a non-API entity, 404 for an unknown one', async () => {
    const { server } = await startBackend();
    const component = await request(server)
      .post('/entities/component/default/accounts-service/assessments')
      .set('authorization', user)
      .send({ answers: allStrategyMet });
    expect(component.status).toBe(400);
    expect(component.body.error.message).toMatch(/^kind:/);

    for (const req of [
      request(server)
        .post('/entities/api/default/no-such-api/assessments')
        .send({ answers: allStrategyMet }),
      request(server).get('/entities/api/default/no-such-api/status'),
      request(server).get('/entities/api/default/no-such-api/assessments'),
    ]) {
      const res = await req.set('authorization', user);
      expect(res.status).toBe(404);
    }
  });

  it('answers 403 when the policy denies, and writes nothing', async () => {
    const { server, auditor } = await startBackend({
      permission: AuthorizeResult.DENY,
    });
    const res = await request(server)
      .post(`${accounts}/assessments`)
      .set('authorization', user)
      .send({ answers: allStrategyMet });
    expect(res.status).toBe(403);
    expect(await history(server)).toEqual([]);
    const event = await auditor.createEvent.mock.results[0].value;
    expect(event.fail).toHaveBeenCalled();
  });

  it('loses nothing under concurrent writes', async () => {
    const { server } = await startBackend();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(server)
          .post(`${accounts}/assessments`)
          .set('authorization', user)
          .send({ answers: allStrategyMet }),
      ),
    );
    expect(results.map(r => r.status)).toEqual(Array(20).fill(201));
    const res = await request(server)
      .get(`${accounts}/assessments?limit=100`)
      .set('authorization', user);
    expect(new Set(res.body.items.map((a: { id: string }) => a.id)).size).toBe(
      20,
    );
  });

  it('pages the history with limit and cursor', async () => {
    const { server } = await startBackend();
    for (let i = 0; i < 5; i++) {
      await request(server)
        .post(`${accounts}/assessments`)
        .set('authorization', user)
        .send({ answers: allStrategyMet, note: `#${i}` });
    }
    const page1 = await request(server)
      .get(`${accounts}/assessments?limit=2`)
      .set('authorization', user);
    expect(page1.body.items.map((a: { note: string }) => a.note)).toEqual([
      '#4',
      '#3',
    ]);
    const page2 = await request(server)
      .get(`${accounts}/assessments?limit=2&cursor=${page1.body.nextCursor}`)
      .set('authorization', user);
    expect(page2.body.items.map((a: { note: string }) => a.note)).toEqual([
      '#2',
      '#1',
    ]);

    for (const query of [
      'limit=0',
      'limit=101',
      'limit=abc',
      'cursor=%25%25',
    ]) {
      const res = await request(server)
        .get(`${accounts}/assessments?${query}`)
        .set('authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^(limit|cursor)/);
    }
  });

  it('takes the station from the annotation, and shows a disagreement', async () => {
    const { server } = await startBackend();
    const path_ = '/entities/api/default/beneficiaries-api';

    const annotated = await request(server)
      .get(`${path_}/status`)
      .set('authorization', user);
    expect(annotated.body.station).toEqual({
      id: 'api-design',
      source: 'annotation',
      cycle: 'api-productization-cycle',
      lifecycleStage: 'design',
      annotation: 'api-design',
    });

    await request(server)
      .post(`${path_}/assessments`)
      .set('authorization', user)
      .send({ answers: allStrategyMet });
    const both = await request(server)
      .get(`${path_}/status`)
      .set('authorization', user);
    expect(both.body.station).toMatchObject({
      id: 'api-consumer-experience',
      source: 'assessment',
      annotation: 'api-design',
      conflict: {
        assessment: 'api-consumer-experience',
        annotation: 'api-design',
      },
    });
  });
});

describe('with the default embedded database', () => {
  it('keeps the history across a backend restart', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'apiops-'));
    const features = () => [
      apiopsPlugin,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: { client: 'better-sqlite3', connection: { directory } },
          },
        },
      }),
      catalogServiceMock.factory({ entities }),
    ];
    try {
      const first = await startTestBackend({ features: features() });
      const created = await request(first.server)
        .post(`/api/apiops${accounts}/assessments`)
        .set('authorization', user)
        .send({ answers: allStrategyMet });
      expect(created.status).toBe(201);
      await first.stop();

      const second = await startTestBackend({ features: features() });
      const res = await request(second.server)
        .get(`/api/apiops${accounts}/assessments`)
        .set('authorization', user);
      expect(res.body.items.map((a: { id: string }) => a.id)).toEqual([
        created.body.id,
      ]);
      await second.stop();
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
