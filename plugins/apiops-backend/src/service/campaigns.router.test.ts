import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  builtinRules,
  campaignProgressReportSchema,
  campaignWithProgressSchema,
} from '@apiops-backstage/plugin-apiops-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { CampaignService } from '../campaigns/CampaignService';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseCampaignStore } from '../database/DatabaseCampaignStore';
import { MethodCatalog } from '../method';
import { CatalogVisibility } from '../services/CatalogVisibility';
import { RouterOptions, createRouter } from './router';
import { wrapInSpecProxy } from './__testUtils__/wrapInSpecProxy';

/*
 * The campaign routes behind the spec-checking proxy: every answer is as
 * src/schema/openapi.yaml says, every bad input a 400 naming the field,
 * writes audited and refused without apiops.campaign.manage.
 */

jest.setTimeout(60_000);

const databases = createTestDatabases();
const user = mockCredentials.user.header('user:default/ada');

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments-hub', namespace: 'default' },
    spec: { owner: 'payments' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'cards-api', namespace: 'default' },
    spec: { type: 'openapi', lifecycle: 'production', owner: 'payments' },
  },
];

const CAMPAIGN = {
  title: 'No ownership gaps in production APIs',
  conditions: [{ type: 'no-ownership-gap' }],
  scope: { lifecycles: ['Production'], teams: ['payments'] },
  startDate: '2027-01-04',
  dueDate: '2027-03-31',
};

describe.each(databases.eachSupportedId())(
  'campaign routes on %s',
  databaseId => {
    async function startServer(
      options: {
        permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      } = {},
    ) {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      const catalog = catalogServiceMock({ entities });
      const permissions = mockServices.permissions(
        options.permission ? { result: options.permission } : undefined,
      );
      const store = await DatabaseCampaignStore.create({ database });
      const auditor = mockServices.auditor.mock();
      const router = await createRouter({
        logger: mockServices.logger.mock(),
        httpAuth: mockServices.httpAuth(),
        auditor,
        campaigns: CampaignService.create({
          store,
          permissions,
          catalog,
          visibility: CatalogVisibility.create({ permissions, catalog }),
          method: await MethodCatalog.create(),
          ruleIds: () => new Set(builtinRules.map(rule => rule.id)),
          now: () => new Date('2027-02-01T00:00:00Z'),
        }),
      } as unknown as RouterOptions);
      const app = express().use(router).use(mockErrorHandler());
      return { app, server: await wrapInSpecProxy(app), store, auditor, knex };
    }

    it('creates, reads, lists, changes and deletes a campaign, as the spec says', async () => {
      const { server, auditor, store } = await startServer();
      const created = await request(server)
        .post('/campaigns')
        .set('authorization', user)
        .send(CAMPAIGN);
      expect(created.status).toBe(201);
      expect(
        campaignWithProgressSchema.strict().safeParse(created.body).success,
      ).toBe(true);
      expect(created.body).toMatchObject({
        title: CAMPAIGN.title,
        // Refs as full lower-case refs, lifecycles in lower case.
        scope: {
          teams: ['group:default/payments'],
          lifecycles: ['production'],
        },
        revision: 1,
        createdBy: 'user:default/ada',
        progress: {
          state: 'active',
          inScope: 0,
          outdated: true,
          overdueTeams: 0,
        },
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'campaign-create' }),
      );
      const id = created.body.id;

      const got = await request(server)
        .get(`/campaigns/${id}`)
        .set('authorization', user);
      expect(got.status).toBe(200);
      const list = await request(server)
        .get('/campaigns')
        .set('authorization', user);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([id]);

      const changed = await request(server)
        .put(`/campaigns/${id}`)
        .set('authorization', user)
        .send({ ...CAMPAIGN, dueDate: '2027-01-31' });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        revision: 2,
        progress: { state: 'overdue' },
      });

      // Progress as a snapshot computed it.
      await store.storeSnapshotResults('5', new Date('2027-01-20T00:00:00Z'), [
        {
          campaignId: id,
          revision: 2,
          inScope: 1,
          met: 0,
          withoutTeam: { inScope: 0, met: 0 },
          teams: [
            {
              groupRef: 'group:default/payments',
              title: 'Payments',
              inScope: 1,
              met: 0,
              ownerRefs: ['group:default/payments'],
            },
          ],
          failures: [
            {
              entityRef: 'api:default/cards-api',
              title: 'cards-api',
              owner: 'group:default/payments',
              ownerRef: 'group:default/payments',
              lifecycle: 'production',
              reasons: [
                {
                  condition: 'no-ownership-gap',
                  message: 'Empty group',
                  fix: 'Add members',
                },
              ],
            },
          ],
        },
      ]);
      const progress = await request(server)
        .get(`/campaigns/${id}/progress`)
        .set('authorization', user);
      expect(progress.status).toBe(200);
      expect(
        campaignProgressReportSchema.safeParse(progress.body).success,
      ).toBe(true);
      expect(progress.body.campaign.progress).toMatchObject({
        state: 'overdue',
        inScope: 1,
        remaining: 1,
        overdueTeams: 1,
        outdated: false,
        snapshotId: '5',
      });
      expect(progress.body.points).toEqual([
        {
          snapshotId: '5',
          computedAt: '2027-01-20T00:00:00.000Z',
          inScope: 1,
          met: 0,
        },
      ]);
      const teamProgress = await request(server)
        .get(`/campaigns/${id}/progress?team=payments`)
        .set('authorization', user);
      expect(teamProgress.body.campaign.team).toMatchObject({
        groupRef: 'group:default/payments',
        remaining: 1,
        overdue: true,
      });
      const teams = await request(server)
        .get(`/campaigns/${id}/teams`)
        .set('authorization', user);
      expect(teams.status).toBe(200);
      expect(teams.body.items).toHaveLength(1);
      const failing = await request(server)
        .get(`/campaigns/${id}/failing?team=group:default/payments`)
        .set('authorization', user);
      expect(failing.status).toBe(200);
      expect(failing.body.items[0].reasons[0].fix).toBe('Add members');
      const forApi = await request(server)
        .get('/entities/api/default/cards-api/campaigns')
        .set('authorization', user);
      expect(forApi.status).toBe(200);
      expect(forApi.body.items[0]).toMatchObject({
        campaign: { id },
        reasons: [{ message: 'Empty group' }],
      });
      const forTeam = await request(server)
        .get('/campaigns?team=payments')
        .set('authorization', user);
      expect(forTeam.body.items[0].team.groupRef).toBe(
        'group:default/payments',
      );

      const deleted = await request(server)
        .delete(`/campaigns/${id}`)
        .set('authorization', user);
      expect(deleted.status).toBe(204);
      expect(
        (
          await request(server)
            .get(`/campaigns/${id}`)
            .set('authorization', user)
        ).status,
      ).toBe(404);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'campaign routes on %s: refusals',
  databaseId => {
    async function startServer(permission?: AuthorizeResult.DENY) {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      const catalog = catalogServiceMock({ entities });
      const permissions = mockServices.permissions(
        permission ? { result: permission } : undefined,
      );
      const store = await DatabaseCampaignStore.create({ database });
      const router = await createRouter({
        logger: mockServices.logger.mock(),
        httpAuth: mockServices.httpAuth(),
        auditor: mockServices.auditor.mock(),
        campaigns: CampaignService.create({
          store,
          permissions,
          catalog,
          visibility: CatalogVisibility.create({ permissions, catalog }),
          method: await MethodCatalog.create(),
          ruleIds: () => new Set(builtinRules.map(rule => rule.id)),
        }),
      } as unknown as RouterOptions);
      const app = express().use(router).use(mockErrorHandler());
      return { app, server: await wrapInSpecProxy(app), store };
    }

    it('answers bad input with a 400 naming the field, and writes nothing', async () => {
      const { app, store } = await startServer();
      const post = (body: unknown) =>
        request(app)
          .post('/campaigns')
          .set('authorization', user)
          .send(body as object);
      const cases: Array<[unknown, RegExp]> = [
        [
          { ...CAMPAIGN, dueDate: '2027-01-01' },
          /^dueDate: must be on or after startDate \(2027-01-04\)/,
        ],
        [
          { ...CAMPAIGN, startDate: '2027-13-01' },
          /^startDate: must be a date/,
        ],
        [
          {
            ...CAMPAIGN,
            conditions: [{ type: 'station-at-least', station: 'api-dezign' }],
          },
          /^conditions\[0\]\.station: 'api-dezign' is not a station of the cycle 'api-productization-cycle'/,
        ],
        [
          {
            ...CAMPAIGN,
            conditions: [
              {
                type: 'station-at-least',
                station: 'api-design',
                cycle: 'no-cycle',
              },
            ],
          },
          /^conditions\[0\]\.cycle: unknown APIOps Cycles cycle 'no-cycle'/,
        ],
        [
          {
            ...CAMPAIGN,
            conditions: [
              { type: 'no-ownership-gap' },
              { type: 'no-finding', ruleId: 'no-such-rule' },
            ],
          },
          /^conditions\[1\]\.ruleId: no governance rule 'no-such-rule'/,
        ],
        [
          { ...CAMPAIGN, conditions: [{ type: 'no-typos' }] },
          /^conditions\[0\]\.type: must be one of/,
        ],
        [
          { ...CAMPAIGN, scope: { teams: ['paymnets'] } },
          /^scope\.teams\[0\]: no group group:default\/paymnets in the catalog/,
        ],
        [
          { ...CAMPAIGN, scope: { teams: ['system:payments-hub'] } },
          /^scope\.teams\[0\]: 'system:payments-hub' is not a group/,
        ],
        [
          { ...CAMPAIGN, scope: { systems: ['payments-hub', 'nowhere'] } },
          /^scope\.systems\[1\]: no system system:default\/nowhere/,
        ],
        [{ ...CAMPAIGN, owner: 'me' }, /^owner: is not a known field/],
        [{ ...CAMPAIGN, title: '' }, /^title: must not be blank/],
      ];
      for (const [body, message] of cases) {
        const res = await post(body);
        expect({
          body,
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({
          body,
          status: 400,
          message: expect.stringMatching(message),
        });
      }
      const notJson = await request(app)
        .post('/campaigns')
        .set('authorization', user)
        .set('content-type', 'application/json')
        .send('{');
      expect(notJson.status).toBe(400);
      expect(notJson.body.error.message).toMatch(/^body: /);
      expect((await store.list({ limit: 10 })).items).toEqual([]);

      for (const [path, message] of [
        ['/campaigns/abc', /^campaignId: /],
        ['/campaigns?limit=0', /^limit: /],
        ['/campaigns?cursor=zzz', /^cursor: /],
        ['/campaigns?team=%3Anot%3Aa%2Fref', /^team: /],
        ['/campaigns?team=system:x', /^team: /],
        ['/campaigns/1/failing?format=xml', /^format: /],
        ['/entities/component/default/x/campaigns', /^kind: /],
      ] as Array<[string, RegExp]>) {
        const res = await request(app).get(path).set('authorization', user);
        expect({
          path,
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({
          path,
          status: 400,
          message: expect.stringMatching(message),
        });
      }
    });

    it('answers 404 for an unknown campaign, API or team', async () => {
      const { server } = await startServer();
      for (const path of [
        '/campaigns/42',
        '/campaigns/42/progress',
        '/campaigns/42/teams',
        '/campaigns/42/failing',
        '/entities/api/default/no-such-api/campaigns',
      ]) {
        const res = await request(server).get(path).set('authorization', user);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
      const put = await request(server)
        .put('/campaigns/42')
        .set('authorization', user)
        .send(CAMPAIGN);
      expect(put.status).toBe(404);
      expect(
        (
          await request(server)
            .delete('/campaigns/42')
            .set('authorization', user)
        ).status,
      ).toBe(404);
      // A filter by a team that owns nothing in any campaign: none.
      const noTeam = await request(server)
        .get('/campaigns?team=nobody')
        .set('authorization', user);
      expect(noTeam.body).toEqual({ items: [] });
    });

    it('refuses writes without apiops.campaign.manage, and reads still work', async () => {
      const { server, store } = await startServer(AuthorizeResult.DENY);
      const created = await store.create(
        {
          title: 'x',
          conditions: [{ type: 'no-ownership-gap' }],
          scope: {},
          startDate: '2027-01-01',
          dueDate: '2027-02-01',
        },
        'user:default/bo',
      );
      const denied = [
        request(server)
          .post('/campaigns')
          .set('authorization', user)
          .send(CAMPAIGN),
        request(server)
          .put(`/campaigns/${created.id}`)
          .set('authorization', user)
          .send(CAMPAIGN),
        request(server)
          .delete(`/campaigns/${created.id}`)
          .set('authorization', user),
        // The permission first: even bad input learns nothing.
        request(server).post('/campaigns').set('authorization', user).send({}),
      ];
      for (const res of await Promise.all(denied)) {
        expect(res.status).toBe(403);
        expect(res.body.error.message).toMatch(/apiops\.campaign\.manage/);
      }
      expect((await store.get(created.id))?.revision).toBe(1);
      const list = await request(server)
        .get('/campaigns')
        .set('authorization', user);
      expect(list.status).toBe(200);
    });

    it('answers 401 without credentials on every campaign route', async () => {
      const { server } = await startServer();
      const none = mockCredentials.none.header();
      for (const [method, path] of [
        ['get', '/campaigns'],
        ['post', '/campaigns'],
        ['get', '/campaigns/1'],
        ['put', '/campaigns/1'],
        ['delete', '/campaigns/1'],
        ['get', '/campaigns/1/progress'],
        ['get', '/campaigns/1/teams'],
        ['get', '/campaigns/1/failing'],
        ['get', '/entities/api/default/cards-api/campaigns'],
      ] as Array<['get' | 'post' | 'put' | 'delete', string]>) {
        const req = request(server)[method](path).set('authorization', none);
        const res = await (method === 'post' || method === 'put'
          ? req.send(CAMPAIGN)
          : req);
        expect({ method, path, status: res.status }).toEqual({
          method,
          path,
          status: 401,
        });
      }
    });
  },
);
