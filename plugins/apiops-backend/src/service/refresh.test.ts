import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { apiopsPlugin } from '../plugin';
import { takeSnapshot } from './__testUtils__/takeSnapshot';
import { wrapInSpecProxy } from './__testUtils__/wrapInSpecProxy';

const REFRESH = 'apiops.snapshot.refresh';
const ada = mockCredentials.user.header('user:default/ada');

const api = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name, namespace: 'default', description: `The ${name}` },
  spec: {
    type: 'openapi',
    lifecycle: 'experimental',
    owner,
    system: 'payments-hub',
    definition: 'openapi: 3.0.3\ninfo: {title: x, version: "1"}\npaths: {}\n',
  },
});

/** A fresh catalog: payments owns cards-api; typo-api names no real owner. */
function catalog() {
  const typo = api('typo-api', 'paymnets');
  return {
    typo,
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'payments', namespace: 'default', title: 'Payments' },
        spec: { type: 'team', children: [] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'ada', namespace: 'default' },
        spec: { memberOf: ['payments'] },
      },
      api('cards-api', 'payments'),
      typo,
    ] as Entity[],
  };
}

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'POST /entities/{kind}/{namespace}/{name}/refresh on %s',
  databaseId => {
    async function startBackend(options: { denied?: string } = {}) {
      const knex = await databases.init(databaseId);
      const auditor = mockServices.auditor.mock();
      const decide = async (
        requests: Array<{ permission: { name: string } }>,
      ) =>
        requests.map(r => ({
          result:
            r.permission.name === options.denied
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }));
      const { typo, entities } = catalog();
      const { server } = await startTestBackend({
        features: [
          apiopsPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
          mockServices.permissions.mock({
            authorize: decide as any,
            authorizeConditional: decide as any,
          }).factory,
          auditor.factory,
        ],
      });
      return {
        server: await wrapInSpecProxy(server),
        backend: server,
        auditor,
        typo,
      };
    }

    type Server = Parameters<typeof request>[0];
    const refresh = (server: Server, name: string) =>
      request(server)
        .post(`/entities/api/default/${name}/refresh`)
        .set('authorization', ada);
    const get = (server: Server, path: string) =>
      request(server).get(path).set('authorization', ada);

    async function auditEvent(
      auditor: ReturnType<typeof mockServices.auditor.mock>,
    ) {
      const index = auditor.createEvent.mock.calls.findIndex(
        ([event]) => event.eventId === 'api-refresh',
      );
      expect(index).toBeGreaterThanOrEqual(0);
      return {
        options: auditor.createEvent.mock.calls[index][0],
        event: await auditor.createEvent.mock.results[index].value,
      };
    }

    it('computes the API again at once: a fixed owner leaves the ownership report, joins its team and the counts, before any new snapshot', async () => {
      const { server, auditor, typo } = await startBackend();
      const summary = await takeSnapshot(server, ada);
      expect(summary.unowned).toBe(1);
      expect(summary.snapshot.nextRunAt).toBeDefined();
      const gaps = await get(server, '/reports/ownership');
      expect(gaps.body.items.map((g: any) => g.entityRef)).toEqual([
        'api:default/typo-api',
      ]);

      // The owner fixes spec.owner in the catalog.
      typo.spec!.owner = 'payments';
      const res = await refresh(server, 'typo-api');
      expect(res.status).toBe(200);
      expect(res.body.outcome).toBe('applied');
      expect(res.body.status.owner).toMatchObject({
        ref: 'group:default/payments',
        gaps: [],
      });
      const refreshedAt = res.body.status.refreshedAt;
      expect(Date.parse(refreshedAt)).toBeGreaterThanOrEqual(
        Date.parse(summary.snapshot.computedAt),
      );
      expect(res.body.status.snapshotAt).toBe(summary.snapshot.computedAt);

      expect((await get(server, '/reports/ownership')).body.items).toEqual([]);
      const after = await get(server, '/reports/summary');
      expect(after.body).toMatchObject({
        unowned: 0,
        apis: 2,
        snapshot: { id: summary.snapshot.id, lastRefreshAt: refreshedAt },
      });
      const team = await get(
        server,
        '/reports/teams/default/payments/apis?sort=title',
      );
      expect(team.body.team).toMatchObject({ apis: 2, refreshedAt });
      expect(team.body.items.map((a: any) => a.entityRef)).toEqual([
        'api:default/cards-api',
        'api:default/typo-api',
      ]);
      expect(team.body.items[1].refreshedAt).toBe(refreshedAt);
      expect(team.body.snapshot.id).toBe(summary.snapshot.id);
      const status = await get(server, '/entities/api/default/typo-api/status');
      expect(status.body.refreshedAt).toBe(refreshedAt);

      const { options, event } = await auditEvent(auditor);
      expect(options).toMatchObject({
        severityLevel: 'low',
        meta: { entityRef: 'api:default/typo-api' },
      });
      expect(event.success).toHaveBeenCalledWith({
        meta: {
          entityRef: 'api:default/typo-api',
          outcome: 'applied',
          refreshedAt,
        },
      });
    });

    it('shows a new assessment in the team report once refreshed, not before', async () => {
      const { server } = await startBackend();
      await takeSnapshot(server, ada);
      const assessed = await request(server)
        .post('/entities/api/default/cards-api/assessments')
        .set('authorization', ada)
        .send({
          answers: {
            'metrics-feedback-available': 'met',
            'business-goals-defined': 'met',
            'market-research-done': 'met',
            'stakeholder-approval': 'met',
          },
        });
      expect(assessed.status).toBe(201);
      const stationIn = async () =>
        (
          await get(server, '/reports/teams/default/payments/apis')
        ).body.items.find((a: any) => a.entityRef === 'api:default/cards-api')
          .station.id;
      expect(await stationIn()).toBe('unassessed');
      expect((await refresh(server, 'cards-api')).status).toBe(200);
      expect(await stationIn()).toBe(assessed.body.station);
      expect(
        (await get(server, '/reports/summary')).body.byStation[
          assessed.body.station
        ],
      ).toBe(1);
    });

    it('refuses bad paths naming the field, unknown APIs with a 404, the permission denied with a 403, and nothing before a snapshot with a 409, writing nothing', async () => {
      const { server, backend, auditor } = await startBackend({
        denied: REFRESH,
      });
      const kind = await request(backend)
        .post('/api/apiops/entities/component/default/cards-api/refresh')
        .set('authorization', ada);
      expect(kind.status).toBe(400);
      expect(kind.body.error.message).toMatch(/^kind: /);
      const name = await request(backend)
        .post('/api/apiops/entities/api/default/-bad-/refresh')
        .set('authorization', ada);
      expect(name.status).toBe(400);
      expect(name.body.error.message).toMatch(/^name: /);
      const unknown = await refresh(server, 'no-such-api');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(
        'No entity api:default/no-such-api in the catalog',
      );
      const denied = await refresh(server, 'cards-api');
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'You may not refresh the results of api:default/cards-api',
      );
      const { event } = await auditEvent(auditor);
      expect(event.fail).toHaveBeenCalled();
      const none = await request(backend)
        .post('/api/apiops/entities/api/default/cards-api/refresh')
        .set('authorization', mockCredentials.none.header());
      expect(none.status).toBe(401);

      const allowed = await startBackend();
      const early = await refresh(allowed.server, 'cards-api');
      expect(early.status).toBe(409);
      expect(early.body.error.message).toMatch(
        /^No snapshot has succeeded yet/,
      );
    });
  },
);
