import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  apiStatusSchema,
  builtinRules,
  createRuleset,
  reportSummarySchema,
} from '@apiops-backstage/plugin-apiops-common';
import express from 'express';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { RuleRegistry } from '../governance/RuleRegistry';
import { MethodCatalog } from '../method';
import { AssessmentService } from '../services/AssessmentService';
import { ReportService } from '../services/ReportService';
import { SnapshotRequestService } from '../services/SnapshotRequestService';
import { StatusService } from '../services/StatusService';
import { createRouter } from './router';

/*
 * The router on its own, validating requests against src/schema/openapi.yaml:
 * every route answers, and every bad input is a 400 whose message starts
 * with the field at fault.
 */

// The first request compiles the OpenAPI validator, slow on a busy machine.
jest.setTimeout(60_000);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'accounts-api', namespace: 'default' },
    spec: { type: 'openapi', lifecycle: 'production', owner: 'accounts-team' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/accounts-team' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'accounts-service', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'accounts-team' },
  },
];

const user = mockCredentials.user.header('user:default/ada');
const accounts = '/entities/api/default/accounts-api';
const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'router against the spec on %s',
  databaseId => {
    async function startServer() {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      const catalog = catalogServiceMock({ entities });
      const permissions = mockServices.permissions();
      const method = await MethodCatalog.create();
      const assessments = await DatabaseAssessmentStore.create({ database });
      const snapshots = await DatabaseSnapshotStore.create({
        database,
        skipMigrations: true,
      });
      const rules = new RuleRegistry();
      for (const rule of builtinRules) rules.add(rule, 'the built-in rules');
      const router = await createRouter({
        logger: mockServices.logger.mock(),
        httpAuth: mockServices.httpAuth(),
        auditor: mockServices.auditor.mock(),
        rules,
        method,
        assessments: AssessmentService.create({
          catalog,
          store: assessments,
          method,
          permissions,
        }),
        status: StatusService.create({
          catalog,
          assessments,
          snapshots,
          method,
          ruleset: createRuleset(rules.list()),
        }),
        reports: ReportService.create({
          permissions,
          snapshots,
          retentionDays: 90,
        }),
        snapshotRequests: SnapshotRequestService.create({
          permissions,
          snapshots,
          trigger: async () => {},
        }),
      });
      // Not behind wrapServer: its proxy (mockttp) cannot resolve localhost in
      // this sandbox; src/schema/openapi.test.ts checks the responses against
      // the spec instead.
      return express().use(router).use(mockErrorHandler());
    }

    it('answers every route as the spec says', async () => {
      const server = await startServer();
      const get = (path: string) =>
        request(server).get(path).set('authorization', user);

      expect((await request(server).get('/health')).status).toBe(200);
      expect((await get('/rules')).status).toBe(200);
      expect((await get('/method?locale=fi')).status).toBe(200);
      const status = await get(`${accounts}/status`);
      expect(status.status).toBe(200);
      // REST answers the shapes the MCP tools and the frontend client share.
      expect(apiStatusSchema.strict().safeParse(status.body).success).toBe(
        true,
      );

      const created = await request(server)
        .post(`${accounts}/assessments`)
        .set('authorization', user)
        .send({ answers: { 'business-goals-defined': 'met' }, note: 'first' });
      expect(created.status).toBe(201);
      const history = await get(`${accounts}/assessments?limit=1`);
      expect(history.status).toBe(200);
      expect(history.body.items).toHaveLength(1);

      const summary = await get('/reports/summary');
      expect(summary.status).toBe(200);
      expect(summary.body).toMatchObject({ apis: 0, unowned: 0, gaps: 0 });
      expect(reportSummarySchema.safeParse(summary.body).success).toBe(true);
      expect((await get('/reports/ownership?limit=5')).status).toBe(200);
      const csv = await get('/reports/ownership?format=csv');
      expect(csv.status).toBe(200);
      expect(csv.text).toMatch(/^entityRef,title,owner/);
      expect((await get('/reports/fragmentation')).status).toBe(200);
      expect((await get('/reports/teams')).status).toBe(200);
      const noTeam = await get('/reports/teams/default/nobody/apis');
      expect(noTeam.status).toBe(404);
      expect(noTeam.body.error.message).toMatch(/group:default\/nobody/);

      const run = await request(server)
        .post('/snapshots')
        .set('authorization', user);
      expect(run.status).toBe(202);
    });

    it('answers bad input with a 400 naming the field', async () => {
      const server = await startServer();
      const cases: Array<[request.Test, RegExp]> = [
        [request(server).get('/reports/ownership?limit=0'), /^limit: /],
        [request(server).get('/reports/ownership?limit=abc'), /^limit: /],
        [request(server).get('/reports/teams?limit=1001'), /^limit: /],
        [request(server).get('/reports/teams?cursor=nope'), /^cursor: /],
        [request(server).get('/reports/ownership?type=owner-lost'), /^type: /],
        [request(server).get('/reports/fragmentation?type=twin'), /^type: /],
        [request(server).get('/reports/ownership?format=xml'), /^format: /],
        [
          request(server).get('/reports/ownership?owner=%3Anot%3Aa%2Fref'),
          /^owner: /,
        ],
        [request(server).get(`${accounts}/assessments?limit=101`), /^limit: /],
        [request(server).get('/method?cycle='), /^cycle: /],
        [
          request(server).get('/entities/api/default/-not-a-name-/status'),
          /^name: /,
        ],
        [request(server).get('/reports/teams/default/-bad-/apis'), /^name: /],
        [
          request(server)
            .post('/entities/component/default/accounts-service/assessments')
            .send({ answers: { 'business-goals-defined': 'met' } }),
          /^kind: /,
        ],
        [
          request(server)
            .post(`${accounts}/assessments`)
            .send({ answers: { 'no-such-criterion': 'met' } }),
          /^answers\.no-such-criterion: /,
        ],
        [
          request(server).post(`${accounts}/assessments`).send({ answers: {} }),
          /^answers: /,
        ],
        [
          request(server)
            .post(`${accounts}/assessments`)
            .set('content-type', 'application/json')
            .send('{"answers": '),
          /^body: not valid JSON/,
        ],
        [
          request(server)
            .post(`${accounts}/assessments`)
            .send({ answers: {}, note: 'x'.repeat(70 * 1024) }),
          /^body: larger than the 64kb allowed/,
        ],
      ];
      for (const [req, message] of cases) {
        const res = await req.set('authorization', user);
        expect({
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({ status: 400, message: expect.stringMatching(message) });
      }
    });
  },
);
