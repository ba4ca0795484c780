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
import { clusterId } from '../fragmentation/clusterId';
import { apiopsPlugin } from '../plugin';
import { takeSnapshot } from './__testUtils__/takeSnapshot';
import { wrapInSpecProxy } from './__testUtils__/wrapInSpecProxy';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const restDefinition = (base: string, extraPath?: string) =>
  [
    'openapi: 3.0.3',
    'info: {title: x, version: "1"}',
    // A host per API: copies at another host name stay duplicates (one
    // owner's deployments at base paths of one host are a family).
    `servers: [{url: 'https://${base.split('/')[0]}.example.com/${base}'}]`,
    'paths:',
    ...[
      '/cards',
      '/cards/{id}',
      '/cards/{id}/limits',
      '/cards/{id}/pin',
      ...(extraPath ? [extraPath] : []),
    ].map(path => `  ${path}: {get: {responses: {'200': {description: ok}}}}`),
  ].join('\n');

const api = (name: string, definition: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name, namespace: 'default', description: `The ${name}` },
  spec: {
    type: 'openapi',
    lifecycle: 'production',
    owner: 'payments',
    system: 'payments-hub',
    definition,
  },
});

/** A fresh catalog: two APIs of the same operations, one duplicate cluster. */
function catalog(): Entity[] {
  return [
    group('payments'),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'ada', namespace: 'default' },
      spec: { memberOf: ['payments'] },
    },
    api('cards-api', restDefinition('cards/v1')),
    api('card-hub-api', restDefinition('hub/v2')),
  ];
}

const ada = mockCredentials.user.header('user:default/ada');
const DISMISS = 'apiops.fragmentation.dismiss';
const UNKNOWN = 'duplicate-000000000000000000000000';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'fragmentation dismissals on %s',
  databaseId => {
    async function startBackend(
      options: { denied?: Set<string>; entities?: Entity[] } = {},
    ) {
      const knex = await databases.init(databaseId);
      const denied = options.denied ?? new Set<string>();
      const auditor = mockServices.auditor.mock();
      const decide = async (
        requests: Array<{ permission: { name: string } }>,
      ) =>
        requests.map(r => ({
          result: denied.has(r.permission.name)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
        }));
      const { server } = await startTestBackend({
        features: [
          apiopsPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({
            entities: options.entities ?? catalog(),
          }),
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
      };
    }

    type Server = Parameters<typeof request>[0];

    async function onlyCluster(server: Server) {
      const res = await request(server)
        .get('/reports/fragmentation')
        .set('authorization', ada);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      return res.body.items[0];
    }

    const dismissalOf = (id: string) =>
      `/reports/fragmentation/clusters/${id}/dismissal`;

    it('dismisses a cluster: every read carries the dismissal at once and the counts leave it out', async () => {
      const { server, backend, auditor } = await startBackend();
      const summary = await takeSnapshot(server, ada);
      expect(summary.byFragmentationType).toEqual({ duplicate: 1 });
      const cluster = await onlyCluster(server);
      expect(cluster.type).toBe('duplicate');
      expect(cluster.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(cluster.dismissal).toBeUndefined();

      const put = await request(server)
        .put(dismissalOf(cluster.id))
        .set('authorization', ada)
        .send({
          verdict: 'not-a-duplicate',
          reason: '  Cards and the card hub are different products  ',
        });
      expect(put.status).toBe(200);
      const dismissal = {
        verdict: 'not-a-duplicate',
        reason: 'Cards and the card hub are different products',
        dismissedBy: 'user:default/ada',
        dismissedAt: expect.stringMatching(/Z$/),
      };
      expect(put.body).toEqual({
        ...dismissal,
        clusterId: cluster.id,
        fingerprint: cluster.fingerprint,
      });

      // The report, without a new snapshot.
      expect((await onlyCluster(server)).dismissal).toEqual(dismissal);
      const list = (dismissed: string) =>
        request(server)
          .get(`/reports/fragmentation?dismissed=${dismissed}`)
          .set('authorization', ada);
      expect((await list('exclude')).body.items).toEqual([]);
      expect((await list('only')).body.items).toHaveLength(1);
      expect((await list('include')).body.items).toHaveLength(1);

      const after = await request(server)
        .get('/reports/summary')
        .set('authorization', ada);
      expect(after.body.byFragmentationType).toEqual({});
      expect(after.body.dismissedByFragmentationType).toEqual({
        duplicate: 1,
      });

      const members = await request(server)
        .get(`/reports/fragmentation/clusters/${cluster.id}/members`)
        .set('authorization', ada);
      expect(members.status).toBe(200);
      expect(members.body.dismissal).toEqual(dismissal);

      const status = await request(server)
        .get('/entities/api/default/cards-api/status')
        .set('authorization', ada);
      expect(status.body.fragmentation[0].dismissal).toEqual(dismissal);

      // The spec proxy checks every answer as JSON: ask the backend.
      const csv = await request(backend)
        .get('/api/apiops/reports/fragmentation?format=csv')
        .set('authorization', ada);
      const [header, row] = csv.text.split('\n');
      expect(header).toContain(
        'dismissalVerdict,dismissalReason,dismissedBy,dismissedAt',
      );
      expect(row).toContain(
        'not-a-duplicate,Cards and the card hub are different products,user:default/ada,',
      );

      const state = await request(server)
        .get(dismissalOf(cluster.id))
        .set('authorization', ada);
      expect(state.status).toBe(200);
      expect(state.body).toMatchObject({ ...dismissal, stale: false });

      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'fragmentation-dismiss',
          meta: { clusterId: cluster.id },
        }),
      );
      const event = await auditor.createEvent.mock.results.find(
        (_r, i) =>
          auditor.createEvent.mock.calls[i][0].eventId ===
          'fragmentation-dismiss',
      )!.value;
      expect(event.success).toHaveBeenCalledWith({
        meta: {
          clusterId: cluster.id,
          verdict: 'not-a-duplicate',
          fingerprint: cluster.fingerprint,
        },
      });
    });

    it('undoes a dismissal: 204, and the cluster counts again', async () => {
      const { server, auditor } = await startBackend();
      await takeSnapshot(server, ada);
      const cluster = await onlyCluster(server);
      await request(server)
        .put(dismissalOf(cluster.id))
        .set('authorization', ada)
        .send({ verdict: 'intended', reason: 'Kept on purpose' })
        .expect(200);

      const del = await request(server)
        .delete(dismissalOf(cluster.id))
        .set('authorization', ada);
      expect(del.status).toBe(204);
      expect((await onlyCluster(server)).dismissal).toBeUndefined();
      const summary = await request(server)
        .get('/reports/summary')
        .set('authorization', ada);
      expect(summary.body.byFragmentationType).toEqual({ duplicate: 1 });
      expect(summary.body.dismissedByFragmentationType).toEqual({});
      await request(server)
        .get(dismissalOf(cluster.id))
        .set('authorization', ada)
        .expect(404);
      // Undoing again is not an error.
      await request(server)
        .delete(dismissalOf(cluster.id))
        .set('authorization', ada)
        .expect(204);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'fragmentation-undismiss' }),
      );
    });

    it('keeps a dismissal across snapshots while the definitions stay, and re-opens the cluster when one changes', async () => {
      const entities = catalog();
      const { server } = await startBackend({ entities });
      await takeSnapshot(server, ada);
      const cluster = await onlyCluster(server);
      await request(server)
        .put(dismissalOf(cluster.id))
        .set('authorization', ada)
        .send({ verdict: 'not-a-duplicate', reason: 'Different products' })
        .expect(200);

      const second = await takeSnapshot(server, ada);
      expect(second.dismissedByFragmentationType).toEqual({ duplicate: 1 });
      const kept = await onlyCluster(server);
      expect(kept.id).toBe(cluster.id);
      expect(kept.fingerprint).toBe(cluster.fingerprint);
      expect(kept.dismissal).toMatchObject({ reason: 'Different products' });

      // One member's definition changes; the cluster stays (same members).
      const hub = entities.find(e => e.metadata.name === 'card-hub-api')!;
      hub.spec!.definition = restDefinition('hub/v2', '/cards/{id}/status');
      const third = await takeSnapshot(server, ada);
      const reopened = await onlyCluster(server);
      expect(reopened.id).toBe(cluster.id);
      expect(reopened.fingerprint).not.toBe(cluster.fingerprint);
      expect(reopened.dismissal).toBeUndefined();
      expect(third.byFragmentationType).toEqual({ duplicate: 1 });
      expect(third.dismissedByFragmentationType).toEqual({});

      const state = await request(server)
        .get(dismissalOf(cluster.id))
        .set('authorization', ada);
      expect(state.status).toBe(200);
      expect(state.body).toMatchObject({
        reason: 'Different products',
        fingerprint: cluster.fingerprint,
        stale: true,
      });
    });

    it.each([
      { body: { reason: 'x' }, field: 'verdict' },
      { body: { verdict: 'wontfix', reason: 'x' }, field: 'verdict' },
      { body: { verdict: 'intended' }, field: 'reason' },
      {
        body: { verdict: 'intended', reason: '   ' },
        field: 'reason: must not be blank',
      },
      { body: { verdict: 'intended', reason: 'x', extra: 1 }, field: 'extra' },
      {
        body: { verdict: 'intended', reason: 'a'.repeat(1001) },
        field: 'reason: must be at most 1000',
      },
      {
        body: { verdict: 'intended', reason: 'ring \u0007' },
        field: 'reason: must not contain control',
      },
    ])(
      'refuses a bad body with a 400 naming $field, writing nothing',
      async ({ body, field }) => {
        const { server } = await startBackend();
        await takeSnapshot(server, ada);
        const cluster = await onlyCluster(server);
        const res = await request(server)
          .put(dismissalOf(cluster.id))
          .set('authorization', ada)
          .send(body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(new RegExp(`^${field}`));
        expect((await onlyCluster(server)).dismissal).toBeUndefined();
      },
    );

    it('refuses a bad cluster id and a bad dismissed filter with a 400 naming them', async () => {
      const { server } = await startBackend();
      const bad = await request(server)
        .put(dismissalOf('not_a_cluster'))
        .set('authorization', ada)
        .send({ verdict: 'intended', reason: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^clusterId/);
      const filter = await request(server)
        .get('/reports/fragmentation?dismissed=maybe')
        .set('authorization', ada);
      expect(filter.status).toBe(400);
      expect(filter.body.error.message).toMatch(/^dismissed/);
    });

    it('answers 404 for a cluster the latest snapshot does not have', async () => {
      const { server } = await startBackend();
      await takeSnapshot(server, ada);
      for (const res of [
        await request(server)
          .put(dismissalOf(UNKNOWN))
          .set('authorization', ada)
          .send({ verdict: 'intended', reason: 'x' }),
        await request(server)
          .delete(dismissalOf(UNKNOWN))
          .set('authorization', ada),
        await request(server)
          .get(dismissalOf(UNKNOWN))
          .set('authorization', ada),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.error.message).toContain(UNKNOWN);
      }
    });

    it('answers 403 without apiops.fragmentation.dismiss, and audits the refusal', async () => {
      const { server, auditor } = await startBackend({
        denied: new Set([DISMISS]),
      });
      await takeSnapshot(server, ada);
      const cluster = await onlyCluster(server);
      for (const target of [cluster.id, UNKNOWN]) {
        const put = await request(server)
          .put(dismissalOf(target))
          .set('authorization', ada)
          .send({ verdict: 'intended', reason: 'x' });
        expect(put.status).toBe(403);
        const del = await request(server)
          .delete(dismissalOf(target))
          .set('authorization', ada);
        expect(del.status).toBe(403);
      }
      const index = auditor.createEvent.mock.calls.findIndex(
        ([e]) => e.eventId === 'fragmentation-dismiss',
      );
      const event = await auditor.createEvent.mock.results[index].value;
      expect(event.fail).toHaveBeenCalledWith({
        error: expect.objectContaining({ name: 'NotAllowedError' }),
      });
      expect((await onlyCluster(server)).dismissal).toBeUndefined();
    });

    it('answers 404 when the caller may not read the members in the catalog', async () => {
      const entities = catalog();
      const { server } = await startBackend({
        entities,
        denied: new Set(['catalog.entity.read']),
      });
      // The snapshot reads the catalog with the plugin's own credentials.
      const summary = await takeSnapshot(server, ada);
      expect(summary.byFragmentationType).toEqual({ duplicate: 1 });
      const res = await request(server)
        .put(
          dismissalOf(
            // The id of the one cluster, as a reader who may see it would.
            clusterId('duplicate', [
              'api:default/cards-api',
              'api:default/card-hub-api',
            ]),
          ),
        )
        .set('authorization', ada)
        .send({ verdict: 'intended', reason: 'x' });
      expect(res.status).toBe(404);
    });

    it('needs credentials', async () => {
      const { server } = await startBackend();
      for (const req of [
        request(server)
          .put(dismissalOf(UNKNOWN))
          .send({ verdict: 'intended', reason: 'x' }),
        request(server).delete(dismissalOf(UNKNOWN)),
        request(server).get(dismissalOf(UNKNOWN)),
      ]) {
        expect(
          (await req.set('authorization', mockCredentials.none.header()))
            .status,
        ).toBe(401);
      }
    });
  },
);
