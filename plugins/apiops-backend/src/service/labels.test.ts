import type { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  ApiLabelGroup,
  ApiLabels,
} from '@apiops-backstage/plugin-apiops-common';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { apiopsPlugin } from '../plugin';
import { takeSnapshot } from './__testUtils__/takeSnapshot';
import { wrapInSpecProxy } from './__testUtils__/wrapInSpecProxy';

const api = (
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'openapi',
    lifecycle: 'production',
    owner,
    definition: 'openapi: 3.0.3\ninfo: {title: x, version: "1"}\npaths: {}\n',
  },
});

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'ada', namespace: 'default' },
    spec: { memberOf: ['payments'] },
  },
  api('payments-api', 'payments'),
  api('nobody-api', 'tbd'),
  api('typo-api', 'paymnets'),
  api('draft-api', 'payments', { 'apiops/station': 'api-design' }),
];

const STRATEGY_MET = Object.fromEntries(
  [
    'metrics-feedback-available',
    'business-goals-defined',
    'market-research-done',
    'stakeholder-approval',
  ].map(id => [id, 'met']),
);

const reader = mockCredentials.user.header('user:default/ada');
// The first request compiles the OpenAPI validator, slow on a busy machine.
jest.setTimeout(30_000);

const databases = createTestDatabases();

/** The three values of each API, by ref, from the groups of an answer. */
function byRef(
  labels: ApiLabels,
): Record<string, Omit<ApiLabelGroup, 'entityRefs'>> {
  const result: Record<string, Omit<ApiLabelGroup, 'entityRefs'>> = {};
  for (const { entityRefs, ...values } of labels.groups) {
    for (const ref of entityRefs) {
      expect(result[ref]).toBeUndefined();
      result[ref] = values;
    }
  }
  return result;
}

describe.each(databases.eachSupportedId())(
  'GET /reports/labels on %s',
  databaseId => {
    async function startBackend(
      permissions: BackendFeature = mockServices.permissions.factory(),
    ) {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          apiopsPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
          permissions,
        ],
      });
      return wrapInSpecProxy(server);
    }

    async function statusOf(server: string, name: string) {
      const res = await request(server)
        .get(`/entities/api/default/${name}/status`)
        .set('authorization', reader);
      expect(res.status).toBe(200);
      return res.body;
    }

    it('refuses callers without credentials', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get('/reports/labels')
        .set('authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });

    it('refuses callers denied apiops.report.read', async () => {
      const server = await startBackend(
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      );
      const res = await request(server)
        .get('/reports/labels')
        .set('authorization', reader);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('apiops.report.read');
    });

    it('refuses an If-None-Match too long to be a version, naming it', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get('/reports/labels')
        .set('authorization', reader)
        .set('if-none-match', `"${'x'.repeat(1000)}"`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^if-none-match: /);
    });

    it('labels every API from the snapshot, answers 304 while nothing changed, and shows a new assessment at once', async () => {
      const server = await startBackend();

      const before = await request(server)
        .get('/reports/labels')
        .set('authorization', reader);
      expect(before.status).toBe(200);
      expect(before.body).toEqual({ groups: [] });

      await takeSnapshot(server, reader);
      const first = await request(server)
        .get('/reports/labels')
        .set('authorization', reader);
      expect(first.status).toBe(200);
      expect(first.body.snapshotId).toEqual(expect.any(String));
      const labels = byRef(first.body);
      expect(Object.keys(labels).sort()).toEqual([
        'api:default/draft-api',
        'api:default/nobody-api',
        'api:default/payments-api',
        'api:default/typo-api',
      ]);
      expect(labels['api:default/payments-api']).toMatchObject({
        station: 'unassessed',
        ownershipGap: 'none',
      });
      expect(labels['api:default/draft-api']).toMatchObject({
        station: 'api-design',
        ownershipGap: 'none',
      });
      expect(labels['api:default/nobody-api'].ownershipGap).toBe(
        'owner-missing',
      );
      expect(labels['api:default/typo-api'].ownershipGap).toBe(
        'owner-unresolved',
      );
      // The same values as the status of each API.
      for (const name of ['payments-api', 'nobody-api', 'draft-api']) {
        const status = await statusOf(server, name);
        expect(labels[`api:default/${name}`].station).toBe(status.station.id);
        expect(labels[`api:default/${name}`].governance).toBe(
          status.governance.status,
        );
      }

      const etag = first.headers.etag;
      expect(etag).toMatch(/^W\/"/);
      const unchanged = await request(server)
        .get('/reports/labels')
        .set('authorization', reader)
        .set('if-none-match', etag);
      expect(unchanged.status).toBe(304);
      expect(unchanged.text).toBe('');

      const assessment = await request(server)
        .post('/entities/api/default/payments-api/assessments')
        .set('authorization', reader)
        .send({ answers: STRATEGY_MET });
      expect(assessment.status).toBe(201);
      expect(assessment.body.station).not.toBe('unassessed');

      const after = await request(server)
        .get('/reports/labels')
        .set('authorization', reader)
        .set('if-none-match', etag);
      expect(after.status).toBe(200);
      expect(after.headers.etag).not.toBe(etag);
      const status = await statusOf(server, 'payments-api');
      expect(byRef(after.body)['api:default/payments-api']).toEqual({
        station: assessment.body.station,
        governance: status.governance.status,
        ownershipGap: 'none',
      });
      // The other APIs keep their values.
      expect(byRef(after.body)['api:default/nobody-api']).toEqual(
        labels['api:default/nobody-api'],
      );
    });

    it('gives a caller that may not read the catalog no APIs, and not the version of all', async () => {
      const server = await startBackend(
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          authorizeConditional: async requests =>
            requests.map(() => ({ result: AuthorizeResult.DENY })),
        }).factory,
      );
      await takeSnapshot(server, reader);
      const res = await request(server)
        .get('/reports/labels')
        .set('authorization', reader);
      expect(res.status).toBe(200);
      expect(res.body.groups).toEqual([]);
      // Not the version of the whole results: one of this answer's content.
      expect(res.headers.etag).not.toMatch(/labels-/);
    });
  },
);
