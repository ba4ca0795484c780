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

const ada = mockCredentials.user.header('user:default/ada');

const definition = (options: {
  version: string;
  tenant?: boolean;
  pins?: boolean;
}) =>
  [
    'openapi: 3.0.3',
    `info: {title: Cards, version: "${options.version}"}`,
    'paths:',
    '  /cards:',
    '    get:',
    ...(options.tenant
      ? [
          '      parameters:',
          '        - {name: tenant, in: query, required: true, schema: {type: string}}',
        ]
      : []),
    "      responses: {'200': {description: ok}}",
    ...(options.pins !== false
      ? [
          '  /cards/{id}/pin:',
          '    get:',
          '      parameters: [{name: id, in: path, required: true, schema: {type: string}}]',
          "      responses: {'200': {description: ok}}",
        ]
      : []),
  ].join('\n');

function catalog() {
  const cards: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'cards-api', namespace: 'default', description: 'Cards' },
    spec: {
      type: 'openapi',
      lifecycle: 'production',
      owner: 'payments',
      system: 'payments-hub',
      definition: definition({ version: '1.0.0' }),
    },
  };
  const group = (name: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title: `Team ${name}` },
    spec: { type: 'team', children: [] },
  });
  const user = (name: string, team: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [team] },
  });
  return {
    cards,
    entities: [
      group('payments'),
      group('channels'),
      user('ada', 'payments'),
      user('bob', 'channels'),
      cards,
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'cards-service', namespace: 'default' },
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: 'payments',
          providesApis: ['cards-api'],
        },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'web-app', namespace: 'default', title: 'Web app' },
        spec: {
          type: 'website',
          lifecycle: 'production',
          owner: 'channels',
          system: 'channels-hub',
          consumesApis: ['cards-api'],
        },
      },
    ] as Entity[],
  };
}

jest.setTimeout(120_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'the change routes on %s',
  databaseId => {
    async function startBackend(options: { denied?: string } = {}) {
      const knex = await databases.init(databaseId);
      const decide = async (
        requests: Array<{ permission: { name: string } }>,
      ) =>
        requests.map(r => ({
          result:
            r.permission.name === options.denied
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }));
      const { cards, entities } = catalog();
      const { server } = await startTestBackend({
        features: [
          apiopsPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
          mockServices.permissions.mock({
            authorize: decide as any,
            authorizeConditional: decide as any,
          }).factory,
          mockServices.rootConfig.factory({
            data: { apiops: { notifications: { enabled: false } } },
          }),
        ],
      });
      return { server: await wrapInSpecProxy(server), backend: server, cards };
    }

    type Server = Parameters<typeof request>[0];
    const get = (server: Server, path: string) =>
      request(server).get(path).set('authorization', ada);

    it('records the baseline, then a breaking change with its consumers, its finding and nothing when unchanged', async () => {
      const { server, backend, cards } = await startBackend();
      await takeSnapshot(server, ada);
      expect((await get(server, '/reports/changes')).body.items).toEqual([]);
      const baseline = await get(
        server,
        '/entities/api/default/cards-api/changes',
      );
      expect(baseline.status).toBe(200);
      expect(baseline.body).toMatchObject({ items: [], deprecations: [] });
      expect(baseline.body.baselineAt).toEqual(expect.any(String));

      // An operation removed and a required parameter added, the version kept.
      cards.spec!.definition = definition({
        version: '1.0.0',
        tenant: true,
        pins: false,
      });
      await takeSnapshot(server, ada);
      const report = await get(server, '/reports/changes?class=breaking');
      expect(report.status).toBe(200);
      expect(report.body.items).toHaveLength(1);
      const [event] = report.body.items;
      expect(event).toMatchObject({
        entityRef: 'api:default/cards-api',
        owner: 'group:default/payments',
        fromVersion: '1.0.0',
        toVersion: '1.0.0',
        counts: { breaking: 2 },
        consumers: [
          {
            entityRef: 'component:default/web-app',
            title: 'Web app',
            owner: 'group:default/channels',
            system: 'system:default/channels-hub',
          },
        ],
      });
      expect(event.changes.map((c: any) => c.operation).sort()).toEqual([
        'GET /cards',
        'GET /cards/{id}/pin',
      ]);
      const status = await get(
        server,
        '/entities/api/default/cards-api/status',
      );
      expect(status.body.governance.findings.map((f: any) => f.ruleId)).toEqual(
        expect.arrayContaining([
          'breaking-change-without-major-version',
          'operation-removed-without-deprecation',
        ]),
      );
      // Filters: the owner's team has it, another team does not.
      expect(
        (await get(server, '/reports/changes?owner=payments')).body.items,
      ).toHaveLength(1);
      expect(
        (await get(server, '/reports/changes?owner=channels')).body.items,
      ).toHaveLength(0);
      expect(
        (await get(server, '/reports/changes?class=annotation')).body.items,
      ).toHaveLength(0);

      // The CSV (sent to the backend itself: the proxy reads only JSON).
      const csv = await request(backend)
        .get('/api/apiops/reports/changes?format=csv')
        .set('authorization', ada);
      expect(csv.status).toBe(200);
      expect(csv.text.split('\n')[1]).toContain('api:default/cards-api');

      // Nothing changed: nothing recorded.
      await takeSnapshot(server, ada);
      expect((await get(server, '/reports/changes')).body.items).toHaveLength(
        1,
      );
      const history = await get(
        server,
        '/entities/api/default/cards-api/changes?limit=1',
      );
      expect(history.body.items.map((e: any) => e.id)).toEqual([event.id]);

      const versions = await get(
        server,
        '/entities/api/default/cards-api/versions',
      );
      expect(versions.status).toBe(200);
      expect(versions.body).toEqual({
        members: [
          expect.objectContaining({
            entityRef: 'api:default/cards-api',
            version: '1.0.0',
          }),
        ],
        comparisons: [],
      });
    });

    it.each([
      ['/reports/changes?class=severe', 'class'],
      ['/reports/changes?since=yesterday', 'since'],
      ['/reports/changes?limit=0', 'limit'],
      ['/reports/changes?cursor=not-a-cursor', 'cursor'],
      ['/reports/changes?owner=group:', 'owner'],
      ['/reports/changes?format=xml', 'format'],
      ['/entities/api/default/cards-api/changes?limit=101', 'limit'],
      ['/entities/api/default/cards-api/changes?cursor=x', 'cursor'],
    ])('answers 400 naming the field for %s', async (path, field) => {
      const { server } = await startBackend();
      const res = await get(server, path);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(new RegExp(`^${field}: `));
    });

    it('answers 403 without apiops.report.read, 404 for an unknown API', async () => {
      const { server } = await startBackend({ denied: 'apiops.report.read' });
      for (const path of [
        '/reports/changes',
        '/entities/api/default/cards-api/changes',
        '/entities/api/default/cards-api/versions',
      ]) {
        expect((await get(server, path)).status).toBe(403);
      }
      const open = await startBackend();
      for (const path of [
        '/entities/api/default/no-such-api/changes',
        '/entities/api/default/no-such-api/versions',
      ]) {
        expect((await get(open.server, path)).status).toBe(404);
      }
    });
  },
);
