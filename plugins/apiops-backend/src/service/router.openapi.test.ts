import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  CLUSTER_MEMBERS_MAX,
  CRITERION_ANSWERS,
  FRAGMENTATION_TYPES,
  FragmentationCluster,
  fragmentationClusterSchema,
  METHOD_LOCALES,
  assessmentRequestLimits,
  parseAssessmentRequest,
  apiStatusSchema,
  builtinRules,
  createRuleset,
  reportSummarySchema,
} from '@apiops-backstage/plugin-apiops-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ConflictError } from '@backstage/errors';
import express from 'express';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { CampaignService } from '../campaigns/CampaignService';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { DatabaseCampaignStore } from '../database/DatabaseCampaignStore';
import { DatabaseFragmentationDismissalStore } from '../database/DatabaseFragmentationDismissalStore';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { StoredApiResult } from '../database/SnapshotStore';
import { RuleRegistry } from '../governance/RuleRegistry';
import { MethodCatalog } from '../method';
import { DefinitionFeatureSource } from '../fragmentation';
import { ApiRefreshService } from '../services/ApiRefreshService';
import { AssessmentService } from '../services/AssessmentService';
import { CatalogVisibility } from '../services/CatalogVisibility';
import { FragmentationDismissalService } from '../services/FragmentationDismissalService';
import { LabelService } from '../services/LabelService';
import { ReportService } from '../services/ReportService';
import { SnapshotRequestService } from '../services/SnapshotRequestService';
import { StatusService } from '../services/StatusService';
import { spec } from '../schema/openapi';
import { detectFragmentation } from '../fragmentation/detectFragmentation';
import { nameKeyOf } from '../fragmentation/normalization';
import type { FragmentationApi } from '../fragmentation/types';
import { RouterOptions, createRouter } from './router';
import { ConfigReader } from '@backstage/config';
import { readApiOpsConfig } from '../config';
import { DatabaseEvidenceStore } from '../database/DatabaseEvidenceStore';
import { createEvidence } from '../evidence/createEvidence';
import { EvidenceProviderRegistry } from '../evidence/EvidenceProviderRegistry';
import { EvidenceReportService } from '../services/EvidenceReportService';
import { ChecklistImportService } from '../services/ChecklistImportService';
import { loadAuditChecklist } from '../evidence/audit/loadAuditChecklist';
import { ChangeService } from '../changes/ChangeService';
import { DatabaseChangeStore } from '../database/DatabaseChangeStore';
import { wrapInSpecProxy } from './__testUtils__/wrapInSpecProxy';

/*
 * The router on its own, behind the proxy of wrapInSpecProxy: the router
 * validates the requests against src/schema/openapi.yaml, the proxy every
 * response (a response the spec does not describe fails the test). Every
 * route answers as the spec says, and every bad input is a 400 whose message
 * starts with the field at fault.
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

type OperationsOf = {
  paths: Record<
    string,
    Record<string, { parameters?: Array<{ $ref?: string }> }>
  >;
};

/** Every operation of the spec, as `METHOD /template`. */
const operations = Object.entries(spec.paths).flatMap(([template, item]) =>
  Object.keys(item)
    .filter(key => ['get', 'post', 'put', 'delete'].includes(key))
    .map(method => ({
      method: method as 'get' | 'post' | 'put' | 'delete',
      template,
    })),
);

/** A valid body of the dismissal of a cluster. */
const DISMISSAL = { verdict: 'intended', reason: 'On purpose' };

/** A valid body of a campaign. */
const CAMPAIGN = {
  title: 'No ownership gaps',
  conditions: [{ type: 'no-ownership-gap' }],
  startDate: '2027-01-04',
  dueDate: '2027-03-31',
};

/** A real audit report of the method's CLI (see the common package's test). */
const CHECKLIST_REPORT: Record<string, unknown> = JSON.parse(
  readFileSync(
    require.resolve(
      '@apiops-backstage/plugin-apiops-common/src/evidence/audit/__fixtures__/design-audit.full-crud.json',
    ),
    'utf8',
  ),
);

/** The report with one item's status changed. */
function withStatus(stage: number, item: number, status: string) {
  const copy = structuredClone(CHECKLIST_REPORT) as {
    stages: Array<{ items: Array<Record<string, unknown>> }>;
  };
  copy.stages[stage].items[item].currentStatus = status;
  return copy;
}

/** The body a write of the template takes (none for the others). */
function bodyOf(method: string, template: string) {
  if (template.endsWith('/evidence/checklist')) {
    return CHECKLIST_REPORT;
  }
  if (template.startsWith('/campaigns')) {
    return method === 'post' || method === 'put' ? CAMPAIGN : undefined;
  }
  return method === 'put' ? DISMISSAL : undefined;
}

/** A concrete path of a template, naming the accounts API or team. */
function pathOf(template: string, params: Record<string, string> = {}) {
  const values: Record<string, string> = {
    kind: 'api',
    namespace: 'default',
    name: template.startsWith('/reports/teams/')
      ? 'accounts-team'
      : 'accounts-api',
    campaignId: '1',
    ...params,
  };
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => values[name]);
}

describe('the spec', () => {
  it('has one operation per route of the router, and a route per operation', async () => {
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
    const documented = operations.map(
      ({ method, template }) => `${method.toUpperCase()} ${template}`,
    );
    expect(routes.length).toBeGreaterThan(0);
    // The OpenAPI router serves the spec itself at /openapi.json.
    expect([...documented, 'GET /openapi.json'].sort()).toEqual(
      [...routes].sort(),
    );
  });

  it('lists the answers and locales the server knows, no more, no fewer', () => {
    const { CriterionAnswer, MethodLocale } = spec.components.schemas;
    expect(CriterionAnswer.enum).toEqual([...CRITERION_ANSWERS]);
    expect(MethodLocale.enum).toEqual([...METHOD_LOCALES]);
  });

  it('lists every fragmentation type wherever types are listed', () => {
    const { FragmentationType, CountsByFragmentationType } =
      spec.components.schemas;
    expect(FragmentationType.enum).toEqual([...FRAGMENTATION_TYPES]);
    expect(Object.keys(CountsByFragmentationType.properties)).toEqual([
      ...FRAGMENTATION_TYPES,
    ]);
  });

  describe('describes the clusters the detection writes', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ components: spec.components }, 'spec');
    const specAccepts = ajv.compile({
      $ref: 'spec#/components/schemas/FragmentationCluster',
    });
    const api = (
      name: string,
      signatures: string[],
      owner = `group:default/${name}`,
    ): FragmentationApi => ({
      entityRef: `api:default/${name}`,
      name,
      ...(({ nameKey, version }) => ({ nameKey, versionKey: version }))(
        nameKeyOf(name),
      ),
      operations: [...signatures].sort(),
      style: {},
      owner,
    });
    const ops = (resource: string, count: number) =>
      Array.from({ length: count }, (_, i) => `GET /${resource}/${i}`);
    // A duplicate, an overlap of three APIs in one container, a family of
    // four, version sprawl and a name collision.
    const clusters = detectFragmentation([
      api('ledger', ops('ledger', 8)),
      api('ledger-copy', ops('ledger', 8)),
      api('core', [...ops('x', 10), ...ops('y', 10), ...ops('z', 10)]),
      api('x-api', ops('x', 5)),
      api('y-api', ops('y', 5)),
      api('z-api', ops('z', 4)),
      ...['acko', 'digit', 'icici', 'tata'].map((name, i) =>
        api(name, [...ops('policies', 8), ...ops(name, 4 + i)]),
      ),
      ...[1, 2, 3].map(v =>
        api(`pay-api-v${v}`, ops(`pay-${v}`, 3), 'group:default/pay'),
      ),
    ]).map(cluster => ({ ...cluster, memberCount: cluster.members.length }));

    it('writes one of each type asked for', () => {
      expect(clusters.map(cluster => cluster.type)).toEqual([
        'duplicate',
        'overlap',
        'family',
        'version-sprawl',
      ]);
    });

    it.each(clusters.map(cluster => [cluster.type, cluster] as const))(
      'accepts a %s cluster as written',
      (_type, cluster) => {
        expect(specAccepts(cluster) ? [] : specAccepts.errors).toEqual([]);
        expect(fragmentationClusterSchema.safeParse(cluster).success).toBe(
          true,
        );
      },
    );

    it('refuses an overlap naming its contained API alone, and a pair without evidence', () => {
      const overlap = clusters.find(cluster => cluster.type === 'overlap')!;
      if (overlap.type !== 'overlap') throw new Error('no overlap');
      expect(
        specAccepts({
          ...overlap,
          details: { ...overlap.details, contained: 'api:default/x-api' },
        }),
      ).toBe(false);
      const { evidence: _evidence, ...withoutEvidence } =
        overlap.details.pairs[0];
      expect(
        specAccepts({
          ...overlap,
          details: { ...overlap.details, pairs: [withoutEvidence] },
        }),
      ).toBe(false);
      const family = clusters.find(cluster => cluster.type === 'family')!;
      const { owners: _owners, ...withoutOwners } = family.details as {
        owners: string[];
      };
      expect(specAccepts({ ...family, details: withoutOwners })).toBe(false);
    });
  });

  describe('accepts exactly the assessment requests the server parses', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ components: spec.components }, 'spec');
    const schemaAccepts = ajv.compile({
      $ref: 'spec#/components/schemas/AssessmentRequest',
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
    const evidence = (value: string) => ({
      answers: answered,
      evidence: { 'market-research-done': value },
    });
    const note = (value: string) => ({
      answers: answered,
      notes: { 'market-research-done': value },
    });

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
        evidence(url(limits.maxEvidenceUrlLength)),
      ],
      [
        'an evidence URL too long',
        evidence(url(limits.maxEvidenceUrlLength + 1)),
      ],
      ['an ftp evidence URL', evidence('ftp://x.example/a')],
      ['an evidence URL with a space', evidence('https://x.example/a b')],
      ['a relative evidence URL', evidence('/wiki/goals')],
      [
        'a criterion note of the longest length',
        note('n'.repeat(limits.maxCriterionNoteLength)),
      ],
      [
        'a criterion note too long',
        note('n'.repeat(limits.maxCriterionNoteLength + 1)),
      ],
      ['a blank criterion note', note('  ')],
      [
        'a note of the longest length',
        { answers: answered, note: 'n'.repeat(limits.maxNoteLength) },
      ],
      [
        'a note too long',
        { answers: answered, note: 'n'.repeat(limits.maxNoteLength + 1) },
      ],
      ['an empty note', { answers: answered, note: '' }],
      ['a note with a NUL', { answers: answered, note: 'a\u0000b' }],
      ['a criterion note with a NUL', note('\u0000')],
      ['a note that is no string', { answers: answered, note: 42 }],
      ['an unknown field', { answers: answered, station: 'api-design' }],
      ['an array', [answered]],
      ['null', null],
      ['a string', 'met'],
    ])('%s', (_case, body) => {
      expect({ schemaAccepts: schemaAccepts(body) }).toEqual({
        schemaAccepts: parseAssessmentRequest(body).ok,
      });
    });
  });
});

describe.each(databases.eachSupportedId())(
  'router against the spec on %s',
  databaseId => {
    /**
     * The router on a fresh database: `app` itself, and `server`, the base
     * URL of the spec-checking proxy in front of it.
     */
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
      const method = await MethodCatalog.create();
      const assessments = await DatabaseAssessmentStore.create({ database });
      const snapshots = await DatabaseSnapshotStore.create({
        database,
        skipMigrations: true,
      });
      const evidenceStore = await DatabaseEvidenceStore.create({
        database,
        skipMigrations: true,
      });
      const rules = new RuleRegistry();
      for (const rule of builtinRules) rules.add(rule, 'the built-in rules');
      rules.add(
        {
          id: 'security-contact',
          title: 'Every API names its security contact',
          severity: 'warning',
          check: () => [],
        },
        'a test module',
      );
      const status = StatusService.create({
        catalog,
        assessments,
        snapshots,
        method,
        ruleset: createRuleset(rules.list()),
        permissions,
        visibility: CatalogVisibility.create({ permissions, catalog }),
      });
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
        checklistImports: ChecklistImportService.create({
          catalog,
          method,
          permissions,
          checklist: loadAuditChecklist(),
        }),
        status,
        refreshes: ApiRefreshService.create({
          catalog,
          auth: mockServices.auth(),
          permissions,
          assessments,
          snapshots,
          method,
          ruleset: createRuleset(rules.list()),
          status,
          definitions: () => DefinitionFeatureSource.create({ threads: 0 }),
        }),
        reports: ReportService.create({
          permissions,
          snapshots,
          visibility: CatalogVisibility.create({ permissions, catalog }),
          retentionDays: 90,
        }),
        labels: LabelService.create({
          catalog,
          auth: mockServices.auth(),
          assessments,
          snapshots,
          method,
          ruleset: createRuleset(rules.list()),
          permissions,
          visibility: CatalogVisibility.create({ permissions, catalog }),
        }),
        snapshotRequests: SnapshotRequestService.create({
          permissions,
          snapshots,
          trigger: async () => {},
        }),
        dismissals: FragmentationDismissalService.create({
          permissions,
          snapshots,
          store: await DatabaseFragmentationDismissalStore.create({
            database,
            skipMigrations: true,
          }),
          visibility: CatalogVisibility.create({ permissions, catalog }),
        }),
        campaigns: CampaignService.create({
          store: await DatabaseCampaignStore.create({
            database,
            skipMigrations: true,
          }),
          permissions,
          catalog,
          visibility: CatalogVisibility.create({ permissions, catalog }),
          method,
          ruleIds: () => new Set(rules.list().map(rule => rule.id)),
        }),
        changes: ChangeService.create({
          store: await DatabaseChangeStore.create({
            database,
            skipMigrations: true,
          }),
          snapshots,
          catalog,
          permissions,
          visibility: CatalogVisibility.create({ permissions, catalog }),
          logger: mockServices.logger.mock(),
          settings: readApiOpsConfig(new ConfigReader({})).changes,
        }),
        evidence: EvidenceReportService.create({
          catalog,
          permissions,
          visibility: CatalogVisibility.create({ permissions, catalog }),
          evidence: createEvidence({
            providers: new EvidenceProviderRegistry(),
            config: readApiOpsConfig(new ConfigReader({})).evidence,
            retentionDays: 90,
            store: evidenceStore,
            catalog,
            auth: mockServices.auth(),
            logger: mockServices.logger.mock(),
          }).service,
          store: evidenceStore,
        }),
      });
      const app = express().use(router).use(mockErrorHandler());
      return { app, server: await wrapInSpecProxy(app), snapshots };
    }

    it('lists at most CLUSTER_MEMBERS_MAX members of a cluster with their count, and pages the rest', async () => {
      const { app, server, snapshots } = await startServer();
      const get = (path: string) =>
        request(server).get(path).set('authorization', user);
      const refs = [
        'api:default/accounts-api',
        ...Array.from(
          { length: 39 },
          (_, i) => `api:default/member-${String(i).padStart(2, '0')}-api`,
        ),
      ];
      const clusterId = 'style-inconsistency-0123456789abcdef01234567';
      const cluster: FragmentationCluster = {
        id: clusterId,
        type: 'style-inconsistency',
        scope: 'system:default/core',
        members: refs.map(entityRef => ({ entityRef, title: entityRef })),
        score: 0.5,
        sharedOperations: [],
        sharedOperationCount: 0,
        message: '40 APIs of system:default/core mix path casings',
        details: {
          scopeKind: 'system',
          pathCasing: { kebab: refs.slice(0, 20), camel: refs.slice(20) },
          versioning: {},
          conventions: {
            pathCasing: {
              convention: 'snake',
              followerCount: 60,
              apiCount: 100,
              styleCounts: { snake: 60, kebab: 20, camel: 20 },
            },
            versioning: { followerCount: 0, apiCount: 0, styleCounts: {} },
          },
        },
      };
      const accountsResult: StoredApiResult = {
        result: {
          entityRef: 'api:default/accounts-api',
          title: 'accounts-api',
          lifecycle: 'production',
          station: {
            id: 'unassessed',
            source: 'none',
            cycle: 'api-productization-cycle',
          },
          owner: {
            ref: 'group:default/accounts-team',
            declared: 'accounts-team',
            resolved: true,
            kind: 'group',
            gaps: [],
          },
          governance: { status: 'compliant', findings: [] },
        },
        inputs: { providers: [], consumers: [] },
      };
      const store = async () =>
        snapshots.completeRun(await snapshots.startRun(), {
          apis: [accountsResult],
          teams: [],
          clusters: [cluster],
          counts: {
            apis: 1,
            byStation: {},
            byStatus: {},
            byGapType: {},
            byFindingType: {},
          },
        });
      await store();

      const report = await get('/reports/fragmentation');
      expect(report.status).toBe(200);
      const [listed] = report.body.items;
      expect(listed.memberCount).toBe(40);
      expect(
        listed.members.map((m: { entityRef: string }) => m.entityRef),
      ).toEqual(refs.slice(0, CLUSTER_MEMBERS_MAX));
      expect(listed.details.pathCasing.camel).toEqual(
        refs.slice(20, CLUSTER_MEMBERS_MAX),
      );

      const status = await get(`${accounts}/status`);
      expect(status.status).toBe(200);
      expect(status.body.fragmentation).toEqual([
        expect.objectContaining({
          memberCount: 40,
          members: listed.members,
        }),
      ]);

      const members: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await get(
          `/reports/fragmentation/clusters/${clusterId}/members?limit=15${
            cursor ? `&cursor=${cursor}` : ''
          }`,
        );
        expect(page.status).toBe(200);
        expect(page.body).toMatchObject({ clusterId, memberCount: 40 });
        members.push(
          ...page.body.items.map((m: { entityRef: string }) => m.entityRef),
        );
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(members).toEqual(refs);

      // The CSV export has a row for every member, not only the listed ones.
      const csv = await request(app)
        .get('/reports/fragmentation?format=csv')
        .set('authorization', user);
      expect(csv.status).toBe(200);
      expect(
        csv.text
          .trim()
          .split('\r\n')
          .slice(1)
          .map(line => line.split(',')[3]),
      ).toEqual(refs);

      const unknown = await get(
        '/reports/fragmentation/clusters/duplicate-ffffffffffffffffffffffff/members',
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(
        'The latest snapshot has no fragmentation cluster duplicate-ffffffffffffffffffffffff',
      );
      const malformed = await get(
        '/reports/fragmentation/clusters/not_a_cluster/members',
      );
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toMatch(/^clusterId: /);

      // A cursor of a replaced snapshot: 409, as the other pages.
      const page1 = await get(
        `/reports/fragmentation/clusters/${clusterId}/members?limit=15`,
      );
      await store();
      const stale = await get(
        `/reports/fragmentation/clusters/${clusterId}/members?limit=15&cursor=${page1.body.nextCursor}`,
      );
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toMatch(
        /^cursor: .*start again without a cursor/,
      );
    });

    it('answers every route as the spec says', async () => {
      const { app, server } = await startServer();
      const get = (path: string) =>
        request(server).get(path).set('authorization', user);

      expect((await request(server).get('/health')).status).toBe(200);
      const rules = await get('/rules');
      expect(rules.status).toBe(200);
      expect(rules.body.items).toContainEqual({
        id: 'security-contact',
        title: 'Every API names its security contact',
        severity: 'warning',
      });
      for (const query of [
        '',
        '?locale=fi',
        '?locale=fi-FI',
        '?cycle=api-productization-cycle&locale=de',
      ]) {
        const model = await get(`/method${query}`);
        expect(model.status).toBe(200);
        expect(model.body.stations).toHaveLength(8);
      }
      const status = await get(`${accounts}/status`);
      expect(status.status).toBe(200);
      expect(status.body.station.source).toBe('none');
      // REST answers the shapes the MCP tools and the frontend client share.
      expect(apiStatusSchema.strict().safeParse(status.body).success).toBe(
        true,
      );

      const created = await request(server)
        .post(`${accounts}/assessments`)
        .set('authorization', user)
        .send({ answers: { 'business-goals-defined': 'met' }, note: 'first' });
      expect(created.status).toBe(201);
      expect(created.body.note).toBe('first');
      const fromCi = await request(server)
        .post(`${accounts}/assessments`)
        .set('authorization', mockCredentials.service.header())
        .send({ answers: { 'market-research-done': 'not-met' } });
      expect(fromCi.status).toBe(201);
      expect(fromCi.body).not.toHaveProperty('note');
      expect((await get(`${accounts}/status`)).body.latestAssessment.id).toBe(
        fromCi.body.id,
      );

      const page1 = await get(`${accounts}/assessments?limit=1`);
      expect(page1.status).toBe(200);
      expect(page1.body.items).toHaveLength(1);
      expect(page1.body.nextCursor).toEqual(expect.any(String));
      const page2 = await get(
        `${accounts}/assessments?limit=1&cursor=${encodeURIComponent(
          page1.body.nextCursor,
        )}`,
      );
      expect(page2.body.items.map((a: { id: string }) => a.id)).toEqual([
        created.body.id,
      ]);
      expect(page2.body).not.toHaveProperty('nextCursor');

      const summary = await get('/reports/summary');
      expect(summary.status).toBe(200);
      expect(summary.body).toMatchObject({ apis: 0, unowned: 0, gaps: 0 });
      expect(summary.body.snapshot.stale).toBe(true);
      expect(reportSummarySchema.safeParse(summary.body).success).toBe(true);
      expect((await get('/reports/apis?limit=5')).status).toBe(200);
      expect(
        (await get('/reports/apis?governance=compliant&governance=attention'))
          .status,
      ).toBe(200);
      expect((await get('/reports/ownership?limit=5')).status).toBe(200);
      expect(
        (await get('/reports/ownership?type=owner-missing&system=core')).status,
      ).toBe(200);
      expect((await get('/reports/fragmentation')).status).toBe(200);
      for (const type of FRAGMENTATION_TYPES) {
        expect((await get(`/reports/fragmentation?type=${type}`)).status).toBe(
          200,
        );
      }
      expect((await get('/reports/teams')).status).toBe(200);
      const noTeam = await get('/reports/teams/default/nobody/apis');
      expect(noTeam.status).toBe(404);
      expect(noTeam.body.error.message).toMatch(/group:default\/nobody/);

      // The proxy would read a CSV export as JSON: these go to the app.
      const csv = await request(app)
        .get('/reports/ownership?format=csv')
        .set('authorization', user);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.text.split('\r\n')[0].split(',')).toEqual(
        Object.keys(spec.components.schemas.OwnershipGapRow.properties),
      );
      const apisCsv = await request(app)
        .get('/reports/apis?format=csv')
        .set('authorization', user);
      expect(apisCsv.status).toBe(200);
      expect(apisCsv.headers['content-type']).toMatch(/^text\/csv/);
      const fragmentationCsv = await request(app)
        .get('/reports/fragmentation?format=csv')
        .set('authorization', user);
      expect(fragmentationCsv.status).toBe(200);
      expect(fragmentationCsv.headers['content-type']).toMatch(/^text\/csv/);

      const imported = await request(server)
        .post(`${accounts}/evidence/checklist`)
        .set('authorization', user)
        .send(CHECKLIST_REPORT);
      expect(imported.status).toBe(200);
      expect(imported.body).toMatchObject({
        profile: 'full-crud',
        generatedAt: CHECKLIST_REPORT.generatedAt,
        unknownItems: [],
      });
      expect(imported.body.items).toHaveLength(46);
      expect(imported.body.criteria).toContainEqual(
        expect.objectContaining({
          criterionId: 'api-consistency',
          suggestedAnswer: 'not-met',
        }),
      );
      // The Spectral findings make real reports larger than other bodies.
      const large = await request(server)
        .post(`${accounts}/evidence/checklist?cycle=api-productization-cycle`)
        .set('authorization', user)
        .send({
          ...CHECKLIST_REPORT,
          spectral: {
            ...(CHECKLIST_REPORT.spectral as object),
            findings: Array.from({ length: 2000 }, (_, i) => ({
              code: `rule-${i}`,
              message: 'A finding of Spectral',
            })),
          },
        });
      expect(large.status).toBe(200);

      const run = await request(server)
        .post('/snapshots')
        .set('authorization', user);
      expect(run.status).toBe(202);
    });

    it('answers bad input with a 400 naming the field', async () => {
      const { server } = await startServer();
      const cases: Array<[request.Test, RegExp]> = [
        [request(server).get('/reports/ownership?limit=0'), /^limit: /],
        [request(server).get('/reports/ownership?limit=abc'), /^limit: /],
        [request(server).get('/reports/teams?limit=1001'), /^limit: /],
        [request(server).get('/reports/teams?cursor=nope'), /^cursor: /],
        [request(server).get('/reports/ownership?type=owner-lost'), /^type: /],
        [request(server).get('/reports/apis?governance=green'), /^governance/],
        [request(server).get('/reports/fragmentation?type=twin'), /^type: /],
        [request(server).get('/reports/ownership?format=xml'), /^format: /],
        [
          request(server).get('/reports/ownership?owner=%3Anot%3Aa%2Fref'),
          /^owner: /,
        ],
        // Found by router.properties.test.ts: a 500 on PostgreSQL.
        [request(server).get('/reports/ownership?owner=%00'), /^owner: /],
        [
          request(server).get('/reports/fragmentation?system=core%00'),
          /^system: /,
        ],
        [request(server).get(`${accounts}/assessments?limit=101`), /^limit: /],
        [
          request(server).get(`${accounts}/assessments?cursor=%25%25`),
          /^cursor: /,
        ],
        [request(server).get('/method?cycle='), /^cycle: /],
        [request(server).get('/method?cycle=no-such-cycle'), /^cycle/],
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
          /^answers\.no-such-criterion: not a criterion of the cycle 'api-productization-cycle'$/,
        ],
        [
          request(server).post(`${accounts}/assessments`).send({ answers: {} }),
          /^answers: must answer at least one criterion$/,
        ],
        // Found by router.properties.test.ts: a 500 on PostgreSQL.
        [
          request(server)
            .post(`${accounts}/assessments`)
            .send({
              answers: { 'business-goals-defined': 'met' },
              note: 'a\u0000b',
            }),
          /^note: /,
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
          /^body: larger than the 64kb allowed$/,
        ],
        [
          request(server)
            .post(`${accounts}/evidence/checklist`)
            .send({ ...CHECKLIST_REPORT, pad: 'x'.repeat(1100 * 1024) }),
          /^body: larger than the 1mb allowed$/,
        ],
        [
          request(server)
            .post(`${accounts}/evidence/checklist`)
            .send(withStatus(2, 0, 'failed')),
          /^stages\[2\]\.items\[0\]\.currentStatus: must be one of pass, partial, gap, na$/,
        ],
        [
          request(server)
            .post(`${accounts}/evidence/checklist`)
            .send({ profile: 'read-only', sections: [] }),
          /^sections: the file has the older checklist format/,
        ],
        [
          request(server)
            .post(`${accounts}/evidence/checklist`)
            .send({
              ...CHECKLIST_REPORT,
              stages: [
                {
                  id: 'design',
                  items: [{ id: 'v9-naming', currentStatus: 'pass' }],
                },
              ],
            }),
          /^stages: none of the 1 items of the file is an item of the audit checklist of apiops-cycles-method-data \d/,
        ],
        [
          request(server)
            .post(`${accounts}/evidence/checklist?cycle=no-such-cycle`)
            .send(CHECKLIST_REPORT),
          /^cycle: unknown cycle/,
        ],
        [
          request(server)
            .post(`${accounts}/evidence/checklist`)
            .send([CHECKLIST_REPORT]),
          /^body: /,
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

    // Found by router.properties.test.ts: express refused these with a 400
    // that named no field ("Failed to decode param '%'", "Bad Request").
    it('names the path parameter or the body it cannot decode', async () => {
      const { app } = await startServer();
      const cases: Array<[request.Test, string]> = [
        [
          request(app).get('/entities/api/%/accounts-api/status'),
          'namespace: not a valid percent-encoding',
        ],
        [
          request(app).get('/entities/%zz/default/accounts-api/assessments'),
          'kind: not a valid percent-encoding',
        ],
        [
          request(app).get('/reports/teams/default/%C0%AF/apis'),
          'name: not a valid percent-encoding',
        ],
        [
          request(app)
            .post(`${accounts}/assessments`)
            .set('content-type', 'application/json')
            .set('content-encoding', 'gzip')
            .send('{"answers": {"business-goals-defined": "met"}}'),
          'body: could not be read as its content-encoding and content-length say',
        ],
      ];
      for (const [req, message] of cases) {
        const res = await req.set('authorization', user);
        expect({
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({ status: 400, message });
      }
    });

    it('accepts the documented page limits, and no others', async () => {
      const { server } = await startServer();
      const paged = operations.filter(({ method, template }) =>
        (
          (spec as unknown as OperationsOf).paths[template][method]
            .parameters ?? []
        ).some(p => /Limit$/.test(p.$ref ?? '')),
      );
      expect(paged.map(({ template }) => template).sort()).toEqual([
        '/campaigns',
        '/campaigns/{campaignId}/failing',
        '/campaigns/{campaignId}/teams',
        '/entities/{kind}/{namespace}/{name}/assessments',
        '/entities/{kind}/{namespace}/{name}/changes',
        '/reports/apis',
        '/reports/changes',
        '/reports/fragmentation',
        '/reports/fragmentation/clusters/{clusterId}/members',
        '/reports/lint',
        '/reports/ownership',
        '/reports/teams',
        '/reports/teams/{namespace}/{name}/apis',
      ]);
      for (const { template } of paged) {
        const max = template.startsWith('/entities/') ? 100 : 1000;
        const statuses = [];
        for (const limit of [1, max, 0, max + 1]) {
          const res = await request(server)
            .get(`${pathOf(template)}?limit=${limit}`)
            .set('authorization', user);
          statuses.push(res.status);
        }
        // Before a snapshot no group owns an API and there is no cluster: a
        // valid page of a team or of a cluster's members is a 404.
        // No campaign 1 either.
        const ok =
          /^\/(reports\/(teams\/|fragmentation\/clusters)|campaigns\/)/.test(
            template,
          )
            ? 404
            : 200;
        expect({ template, statuses }).toEqual({
          template,
          statuses: [ok, ok, 400, 400],
        });
      }
    });

    it('answers 401 without credentials on every route but /health, 404 for an unknown API', async () => {
      const { server } = await startServer();
      for (const { method, template } of operations.filter(
        op => op.template !== '/health',
      )) {
        const req = request(server)
          [method](pathOf(template))
          .set('authorization', mockCredentials.none.header());
        const res = await (template.endsWith('/assessments') &&
        method === 'post'
          ? req.send({ answers: { 'business-goals-defined': 'met' } })
          : req.send(bodyOf(method, template)));
        expect({ method, template, status: res.status }).toEqual({
          method,
          template,
          status: 401,
        });
      }
      for (const { method, template } of operations.filter(op =>
        op.template.startsWith('/entities/'),
      )) {
        const req = request(server)
          [method](pathOf(template, { name: 'no-such-api' }))
          .set('authorization', user);
        const res = await (template.endsWith('/assessments') &&
        method === 'post'
          ? req.send({ answers: { 'business-goals-defined': 'met' } })
          : req.send(bodyOf(method, template)));
        expect({ method, template, status: res.status }).toEqual({
          method,
          template,
          status: 404,
        });
      }
    });

    it('answers 403 on assessments, reports and snapshots when the policy denies', async () => {
      const { server } = await startServer({
        permission: AuthorizeResult.DENY,
      });
      const denied = await request(server)
        .post(`${accounts}/assessments`)
        .set('authorization', user)
        .send({ answers: { 'business-goals-defined': 'met' } });
      expect(denied.status).toBe(403);
      const importDenied = await request(server)
        .post(`${accounts}/evidence/checklist`)
        .set('authorization', user)
        .send(CHECKLIST_REPORT);
      expect(importDenied.status).toBe(403);
      for (const { method, template } of operations.filter(op =>
        /^\/(reports|snapshots)/.test(op.template),
      )) {
        const res = await request(server)
          [method](pathOf(template))
          .set('authorization', user)
          .send(method === 'put' ? DISMISSAL : undefined);
        expect({ method, template, status: res.status }).toEqual({
          method,
          template,
          status: 403,
        });
      }
    });
  },
);

describe('a CSV export failing midway', () => {
  /** GETs a path of a server; the status, the body so far and whether it ended. */
  function download(server: http.Server, path: string) {
    const { port } = server.address() as AddressInfo;
    return new Promise<{ status?: number; body: string; complete: boolean }>(
      resolve => {
        http
          .get({ port, path, headers: { authorization: user } }, res => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', chunk => {
              body += chunk;
            });
            res.on('error', () => {});
            res.on('close', () =>
              resolve({ status: res.statusCode, body, complete: res.complete }),
            );
          })
          .on('error', () => resolve({ body: '', complete: false }));
      },
    );
  }

  it.each(['apis', 'ownership', 'fragmentation'])(
    '%s: closes the connection before the end of the body, never finishing the file cleanly',
    async report => {
      const chunks = async function* cutShort() {
        yield 'entityRef\r\n';
        yield 'api:default/a-api\r\n';
        throw new ConflictError(
          'export: a newer snapshot replaced the results during the export',
        );
      };
      const reports = {
        exportApisCsv: async () => chunks(),
        exportOwnershipGapsCsv: async () => chunks(),
        exportFragmentationCsv: async () => chunks(),
      } as unknown as ReportService;
      const router = await createRouter({
        logger: mockServices.logger.mock(),
        httpAuth: mockServices.httpAuth(),
        auditor: mockServices.auditor.mock(),
        reports,
      } as unknown as RouterOptions);
      const app = express().use(router).use(mockErrorHandler());
      const server = app.listen(0);
      try {
        await new Promise(resolve => server.once('listening', resolve));
        const res = await download(server, `/reports/${report}?format=csv`);
        expect(res.status).toBe(200);
        expect(res.body).toBe('entityRef\r\napi:default/a-api\r\n');
        expect(res.complete).toBe(false);
      } finally {
        server.close();
      }
    },
  );
});
