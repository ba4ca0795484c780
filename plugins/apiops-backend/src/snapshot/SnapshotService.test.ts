import {
  Assessment,
  builtinRules,
  createRuleset,
  entityRefKey,
  GovernanceRule,
  OwnershipGapRow,
} from '@apiops-backstage/plugin-apiops-common';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  loadExampleEntities,
  readCleanApis,
  readPlantedOwnershipGaps,
  withCatalogRelations,
} from '../__fixtures__/exampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { ReportPage } from '../database/SnapshotStore';
import * as hostile from '../fragmentation/__testUtils__/hostileDefinitions';
import { MethodCatalog } from '../method';
import { evaluateApi } from './evaluateApi';
import { purgeSnapshotHistory } from './purgeSnapshotHistory';
import { SnapshotService } from './SnapshotService';

jest.setTimeout(120_000);

const CYCLE = 'api-productization-cycle';

/**
 * The ownership gaps planted in the example catalog, read from its README
 * (cases 1-6; `__fixtures__/exampleCatalog.test.ts` checks the reading).
 */
const PLANTED_GAPS = readPlantedOwnershipGaps();

/**
 * Every governance finding the example catalog should have, as
 * `ref ruleId`: one `valid-owner` per planted ownership gap, the planted
 * governance cases of the README (12-16), and `providers-known` for the
 * three APIs that no component provides (cases 1 and 2).
 */
const EXPECTED_FINDINGS = [
  'api:default/atm-cash-forecast-api providers-known',
  'api:default/atm-cash-forecast-api valid-owner',
  'api:default/beneficiaries-api lifecycle-station-consistency',
  'api:default/branch-locator-api valid-owner',
  'api:default/data-quality-api known-lifecycle',
  'api:default/fraud-cases-api description-present',
  'api:default/fx-rates-api providers-known',
  'api:default/fx-rates-api valid-owner',
  'api:default/mainframe-gateway-api valid-owner',
  'api:default/marketing-consents-api providers-known',
  'api:default/marketing-consents-api valid-owner',
  'api:default/mortgage-calculator-api system-present',
  'api:default/payment-limits-api valid-owner',
  'api:default/product-catalogue-api system-present',
  'api:default/rate-limit-policies-api description-present',
  'api:default/reporting-datasets-api definition-parses',
  'api:default/savings-goals-api valid-owner',
  'api:default/statements-api-v1 deprecated-still-consumed',
];

const rawCatalog = loadExampleEntities();
const servedCatalog = withCatalogRelations(rawCatalog);
const API_REFS = rawCatalog
  .filter(entity => entity.kind === 'API')
  .map(entity => stringifyEntityRef(entity));

function findEntity(entities: Entity[], ref: string): Entity {
  const entity = entities.find(e => stringifyEntityRef(e) === ref);
  if (!entity) throw new Error(`No entity ${ref} in the example catalog`);
  return entity;
}

/**
 * A catalog serving the entities in pages of `pageSize` (the in-memory
 * catalog honours the kind filter and the fields projection), failing with
 * `error` once it has served `failAfterPages` pages, if given.
 */
function catalogOf(
  entities: Entity[],
  options: {
    pageSize?: number;
    failAfterPages?: number;
    error?: Error;
    /** Called after each page served, with the number served so far. */
    onPage?: (served: number) => void;
  } = {},
) {
  const inner = catalogServiceMock({ entities });
  const { pageSize = 7, failAfterPages, error, onPage } = options;
  let served = 0;
  return catalogServiceMock.mock({
    streamEntities: (request, requestOptions) =>
      (async function* stream() {
        for await (const page of inner.streamEntities(
          { ...request, pageSize },
          requestOptions,
        )) {
          if (failAfterPages !== undefined && served >= failAfterPages) {
            throw error ?? new Error('catalog failed');
          }
          served += 1;
          onPage?.(served);
          yield page;
        }
      })(),
  });
}

function apiEntity(
  name: string,
  spec: Entity['spec'],
  metadata: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name,
      namespace: 'default',
      description: `The ${name}`,
      ...metadata,
    },
    ...(spec ? { spec } : {}),
  };
}

/** A component providing the APIs, so that they have no provider finding. */
function providerOf(apiNames: string[], owner = 'accounts-team'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'extra-apis-service', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner,
      system: 'core-accounts',
      providesApis: apiNames,
    },
  };
}

function billionLaughs(): string {
  const lines = ['openapi: 3.0.3', 'lol0: &lol0 "lol"'];
  for (let level = 1; level <= 9; level++) {
    const refs = Array.from({ length: 10 }, () => `*lol${level - 1}`);
    lines.push(`lol${level}: &lol${level} [${refs.join(', ')}]`);
  }
  return lines.join('\n');
}

async function collect<T>(
  fetchPage: (cursor?: string) => Promise<ReportPage<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

function gapKeys(rows: OwnershipGapRow[]): string[] {
  return rows.map(row => `${row.entityRef} ${row.type}`).sort();
}

function sum(values: Partial<Record<string, number>> | number[]): number {
  return Object.values(values).reduce<number>((a, b) => a + (b ?? 0), 0);
}

async function catchError(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

let method: MethodCatalog;

beforeAll(async () => {
  method = await MethodCatalog.create();
});

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'SnapshotService on %p',
  (databaseId: TestDatabaseId) => {
    /** Stores on a fresh database, and services over them. */
    async function setUp() {
      const knex = await databases.init(databaseId);
      const database: DatabaseService = { getClient: async () => knex };
      const store = await DatabaseSnapshotStore.create({ database });
      const assessments = await DatabaseAssessmentStore.create({ database });
      const logger = mockServices.logger.mock();
      const serviceOver = (
        catalog: ReturnType<typeof catalogOf>,
        parserThreads = 0,
      ) =>
        SnapshotService.create({
          catalog,
          auth: mockServices.auth(),
          logger,
          store,
          assessments,
          method,
          ruleset: createRuleset(builtinRules),
          parserThreads,
        });
      const assess = (entityRef: string, station: string) =>
        assessments.add({
          entityRef: entityRefKey(entityRef),
          cycle: CYCLE,
          station,
          answers: { 'market-research-done': 'met' },
          evidence: {},
          notes: {},
          assessedBy: 'user:default/ada.lindqvist',
        });
      return { store, assessments, logger, serviceOver, assess };
    }

    describe.each([
      ['as the catalog serves it', servedCatalog],
      ['as raw YAML, without relations', rawCatalog],
    ])('over the example catalog %s', (_, entities) => {
      let ctx: Awaited<ReturnType<typeof setUp>>;
      let runId: string;

      beforeAll(async () => {
        ctx = await setUp();
        runId = await ctx.serviceOver(catalogOf(entities)).run();
      });

      async function result(ref: string) {
        const stored = await ctx.store.getApiResult(entityRefKey(ref));
        if (!stored) throw new Error(`No result for ${ref}`);
        return stored.result;
      }

      it('evaluates all 48 APIs and serves them as the current snapshot', async () => {
        const info = await ctx.store.getInfo();
        expect(info.stale).toBe(false);
        expect(info.id).toBe(runId);
        expect(info.computedAt).toEqual(expect.any(String));
        expect((await ctx.store.getCurrentCounts())?.apis).toBe(48);
        for (const ref of API_REFS) {
          expect((await result(ref)).entityRef).toBe(ref);
        }
      });

      it('reports exactly the planted ownership gaps', async () => {
        const rows = await collect(cursor =>
          ctx.store.listOwnershipGaps({ limit: 3, cursor }),
        );
        expect(gapKeys(rows)).toEqual(
          [...PLANTED_GAPS].map(([ref, type]) => `${ref} ${type}`).sort(),
        );
      });

      it('finds no gap and no finding on the clean APIs', async () => {
        const clean = readCleanApis();
        expect(clean).toHaveLength(21);
        const dirty: Record<string, string[]> = {};
        for (const ref of clean) {
          const { owner, governance } = await result(ref);
          const problems = [
            ...owner.gaps.map(gap => gap.type),
            ...governance.findings.map(finding => finding.ruleId),
          ];
          if (problems.length > 0 || governance.status !== 'compliant') {
            dirty[ref] = problems;
          }
        }
        expect(dirty).toEqual({});
      });

      it('raises the planted governance findings, and no other', async () => {
        const found: string[] = [];
        for (const ref of API_REFS) {
          for (const finding of (await result(ref)).governance.findings) {
            found.push(`${ref} ${finding.ruleId}`);
          }
        }
        expect(found.sort()).toEqual(EXPECTED_FINDINGS);
      });

      it('explains the planted governance cases', async () => {
        const statements = await result('api:default/statements-api-v1');
        expect(statements.governance.findings).toEqual([
          expect.objectContaining({
            ruleId: 'deprecated-still-consumed',
            message:
              'The API is deprecated but still consumed by component:default/kestrel-web-banking',
          }),
        ]);

        const reporting = await result('api:default/reporting-datasets-api');
        expect(reporting.governance).toEqual({
          status: 'non-compliant',
          findings: [
            expect.objectContaining({
              ruleId: 'definition-parses',
              severity: 'error',
              message: expect.stringContaining(
                'Nested mappings are not allowed in compact mappings at line 3, column 10',
              ),
            }),
          ],
        });

        const dataQuality = await result('api:default/data-quality-api');
        expect(dataQuality.governance.findings).toEqual([
          expect.objectContaining({
            ruleId: 'known-lifecycle',
            message: expect.stringContaining("'beta-ish'"),
          }),
        ]);

        const beneficiaries = await result('api:default/beneficiaries-api');
        expect(beneficiaries.station).toMatchObject({
          id: 'api-design',
          source: 'annotation',
          lifecycleStage: 'design',
        });
        expect(beneficiaries.governance).toEqual({
          status: 'attention',
          findings: [
            expect.objectContaining({
              ruleId: 'lifecycle-station-consistency',
              message: expect.stringContaining('api-design'),
            }),
          ],
        });

        for (const ref of [
          'api:default/mortgage-calculator-api',
          'api:default/product-catalogue-api',
        ]) {
          expect((await result(ref)).system).toBeUndefined();
        }
        expect((await result('api:partner/notifications-api')).system).toBe(
          'system:default/partner-portal',
        );
      });

      it('counts what the reports list', async () => {
        const counts = (await ctx.store.getCurrentCounts())!;
        const gapRows = await collect(cursor =>
          ctx.store.listOwnershipGaps({ limit: 1000, cursor }),
        );
        expect(sum(counts.byGapType)).toBe(gapRows.length);
        expect(counts.byGapType).toEqual({
          'owner-unresolved': 1,
          'owner-missing': 2,
          'owner-not-group': 1,
          'owner-group-empty': 1,
          'owner-orphaned': 1,
          'owner-mismatch': 1,
        });
        expect(sum(counts.byStatus)).toBe(48);
        expect(sum(counts.byStation)).toBe(48);
        // The six station annotations of the README; nothing is assessed.
        expect(counts.byStation).toEqual({
          unassessed: 42,
          'monitoring-and-improving': 2,
          'api-design': 2,
          'api-publishing': 1,
          'api-delivery': 1,
        });
        expect(sum(counts.byFindingType)).toBe(EXPECTED_FINDINGS.length);
        expect(counts.byStatus).toEqual({
          compliant: 33,
          attention: 10,
          'non-compliant': 5,
        });
      });

      it('rolls the teams up through their parent groups', async () => {
        const teams = await collect(cursor =>
          ctx.store.listTeams({ limit: 5, cursor }),
        );
        const byRef = new Map(teams.map(team => [team.groupRef, team]));

        // Every API owned by a group of the organization counts for its root.
        let groupOwned = 0;
        for (const ref of API_REFS) {
          if ((await result(ref)).owner.kind === 'group') groupOwned += 1;
        }
        expect(groupOwned).toBe(44);
        expect(teams[0]).toMatchObject({
          groupRef: 'group:default/kestrel-bank',
          title: 'Kestrel Bank',
          apis: 44,
        });

        // A department counts the APIs, gaps and findings of its teams.
        const departments = rawCatalog.filter(
          e => e.kind === 'Group' && e.spec?.type === 'department',
        );
        expect(departments).toHaveLength(4);
        for (const department of departments) {
          const children = (department.spec!.children as string[]).map(
            name => `group:default/${name}`,
          );
          const own = byRef.get(stringifyEntityRef(department))!;
          const ofChildren = children
            .map(child => byRef.get(child))
            .filter(team => team !== undefined);
          expect([own.groupRef, own.apis, own.gaps, own.findings]).toEqual([
            stringifyEntityRef(department),
            sum(ofChildren.map(team => team.apis)),
            sum(ofChildren.map(team => team.gaps)),
            sum(ofChildren.map(team => team.findings)),
          ]);
        }
        expect(byRef.get('group:default/retail-banking')?.apis).toBe(16);
        expect(byRef.get('group:default/accounts-team')).toMatchObject({
          apis: 7,
          gaps: 1,
        });
        expect(byRef.get('group:default/branch-network-team')).toMatchObject({
          apis: 1,
          gaps: 1,
          byStatus: { 'non-compliant': 1 },
        });
        // Owners that are no group of the catalog have no rollup.
        expect(byRef.has('group:default/treasury-ops')).toBe(false);
        expect(byRef.has('user:default/maya.okafor')).toBe(false);

        const retail = await collect(async cursor => {
          const found = await ctx.store.listTeamApis(
            entityRefKey('group:default/retail-banking'),
            { limit: 6, cursor },
          );
          return found!.page;
        });
        expect(retail).toHaveLength(16);
        expect(new Set(retail.map(api => api.owner.ref))).toEqual(
          new Set([
            'group:default/accounts-team',
            'group:default/cards-team',
            'group:default/lending-team',
            'group:default/customer-team',
            'group:default/branch-network-team',
          ]),
        );
      });
    });

    it('shows the stations of assessments recorded before the run, and what follows from them', async () => {
      const ctx = await setUp();
      await ctx.assess('api:default/transactions-api', 'api-delivery');
      await ctx.assess('api:default/transactions-api', 'api-design');
      await ctx.assess(
        'api:default/beneficiaries-api',
        'monitoring-and-improving',
      );

      await ctx.serviceOver(catalogOf(servedCatalog)).run();

      const transactions = (await ctx.store.getApiResult(
        entityRefKey('api:default/transactions-api'),
      ))!.result;
      expect(transactions.station).toEqual({
        id: 'api-design',
        source: 'assessment',
        cycle: CYCLE,
        lifecycleStage: 'design',
      });
      // A production API still at design: no longer compliant.
      expect(transactions.governance.findings.map(f => f.ruleId)).toEqual([
        'lifecycle-station-consistency',
      ]);
      expect(transactions.governance.findings[0].message).toContain(
        'latest assessment',
      );
      // The finding names the criteria the assessment did not meet.
      expect(transactions.governance.findings[0].message).toContain(
        "which does not answer 'met' to these criteria of api-design: architecture-patterns-validated, hide-backend-discrepancies, design-reflects-business-value, api-consistency",
      );

      const beneficiaries = (await ctx.store.getApiResult(
        entityRefKey('api:default/beneficiaries-api'),
      ))!.result;
      expect(beneficiaries.station).toMatchObject({
        id: 'monitoring-and-improving',
        source: 'assessment',
        annotation: 'api-design',
        conflict: {
          assessment: 'monitoring-and-improving',
          annotation: 'api-design',
        },
      });
      expect(beneficiaries.governance.findings.map(f => f.ruleId)).toEqual([
        'station-annotation-consistency',
      ]);

      const counts = (await ctx.store.getCurrentCounts())!;
      expect(counts.byStation['monitoring-and-improving']).toBe(3);
      expect(counts.byStation['api-design']).toBe(2);
      expect(counts.byStation.unassessed).toBe(41);
      const accountsTeam = (
        await ctx.store.listTeamApis(
          entityRefKey('group:default/accounts-team'),
          {
            limit: 10,
          },
        )
      )?.team;
      expect(accountsTeam?.byStation).toMatchObject({ 'api-design': 1 });
    });

    it('rejects a run while the catalog is unreachable, keeping the previous results', async () => {
      const ctx = await setUp();
      const goodRun = await ctx.serviceOver(catalogOf(servedCatalog)).run();
      const gapsBefore = await ctx.store.listOwnershipGaps({ limit: 100 });
      const countsBefore = await ctx.store.getCurrentCounts();

      const unreachable = new Error(
        'connect ECONNREFUSED 127.0.0.1:7007 while reading the catalog',
      );
      const error = await catchError(
        ctx
          .serviceOver(
            catalogOf(servedCatalog, { failAfterPages: 0, error: unreachable }),
          )
          .run(),
      );
      expect(error).toBe(unreachable);

      const info = await ctx.store.getInfo();
      expect(info.stale).toBe(true);
      expect(info.staleReason).toContain('connect ECONNREFUSED 127.0.0.1:7007');
      expect(info.id).toBe(goodRun);
      expect(info.lastRun).toMatchObject({ status: 'failed' });
      expect(await ctx.store.listOwnershipGaps({ limit: 100 })).toEqual(
        gapsBefore,
      );
      expect(await ctx.store.getCurrentCounts()).toEqual(countsBefore);
      expect(
        await ctx.store.getApiResult(
          entityRefKey('api:default/payment-limits-api'),
        ),
      ).toBeDefined();
      expect(ctx.logger.error).toHaveBeenCalledWith(
        expect.stringContaining('connect ECONNREFUSED'),
      );
    });

    it('stores the same results when definitions are parsed on worker threads', async () => {
      const ctx = await setUp();
      const everything = async () => ({
        apis: await Promise.all(
          API_REFS.map(ref => ctx.store.getApiResult(entityRefKey(ref))),
        ),
        clusters: await collect(cursor =>
          ctx.store.listFragmentation({ limit: 100, cursor }),
        ),
        counts: await ctx.store.getCurrentCounts(),
      });
      await ctx.serviceOver(catalogOf(servedCatalog), 2).run();
      const onThreads = await everything();
      await ctx.serviceOver(catalogOf(servedCatalog), 0).run();
      expect(await everything()).toEqual(onThreads);
      expect(onThreads.clusters).toHaveLength(5);
      expect(onThreads.counts?.apis).toBe(48);
    });

    it.each([0, 2])(
      'rejects a run whose catalog stream breaks midway, writing nothing of it (parser threads: %p)',
      async parserThreads => {
        const ctx = await setUp();
        await ctx.serviceOver(catalogOf(servedCatalog)).run();
        const gapsBefore = await ctx.store.listOwnershipGaps({ limit: 100 });

        // The catalog has changed (fx-rates-api got a real owner) but the
        // stream breaks after 14 pages of 7 entities, within the APIs.
        const changed = withCatalogRelations(
          rawCatalog.map(entity =>
            entity.metadata.name === 'fx-rates-api'
              ? { ...entity, spec: { ...entity.spec, owner: 'payments-team' } }
              : entity,
          ),
        );
        const error = await catchError(
          ctx
            .serviceOver(
              catalogOf(changed, {
                failAfterPages: 14,
                error: new Error('socket hang up'),
              }),
              parserThreads,
            )
            .run(),
        );
        expect(error.message).toBe('socket hang up');

        expect(await ctx.store.listOwnershipGaps({ limit: 100 })).toEqual(
          gapsBefore,
        );
        expect(
          gapKeys(gapsBefore.items).includes(
            'api:default/fx-rates-api owner-unresolved',
          ),
        ).toBe(true);
        const info = await ctx.store.getInfo();
        expect(info.stale).toBe(true);
        expect(info.staleReason).toContain('socket hang up');
      },
    );

    it('stops an aborted run between pages, recording it as failed and keeping the previous results', async () => {
      const ctx = await setUp();
      let pagesOfARun = 0;
      const goodRun = await ctx
        .serviceOver(
          catalogOf(servedCatalog, {
            onPage: served => {
              pagesOfARun = served;
            },
          }),
        )
        .run();
      const gapsBefore = await ctx.store.listOwnershipGaps({ limit: 100 });
      const countsBefore = await ctx.store.getCurrentCounts();

      // The scheduler's timeout strikes while the APIs are being read.
      const controller = new AbortController();
      let pagesServed = 0;
      const error = await catchError(
        ctx
          .serviceOver(
            catalogOf(servedCatalog, {
              onPage: served => {
                pagesServed = served;
                if (served === 12) {
                  controller.abort();
                }
              },
            }),
            2,
          )
          .run(controller.signal),
      );
      expect(error.message).toBe('aborted');
      // Stopped at the next page, not at the end of the catalog.
      expect(pagesServed).toBeLessThan(pagesOfARun);

      const info = await ctx.store.getInfo();
      expect(info).toMatchObject({
        id: goodRun,
        stale: true,
        staleReason: expect.stringContaining('aborted'),
        lastRun: { status: 'failed' },
      });
      expect(await ctx.store.listOwnershipGaps({ limit: 100 })).toEqual(
        gapsBefore,
      );
      expect(await ctx.store.getCurrentCounts()).toEqual(countsBefore);

      // A signal aborted before the run starts stops it at once.
      await expect(
        ctx.serviceOver(catalogOf(servedCatalog)).run(AbortSignal.abort()),
      ).rejects.toThrow('aborted');
    });

    it('gives each hostile definition at most one finding, on parser threads, without hanging', async () => {
      const ctx = await setUp();
      const definitions: Record<string, [string, string]> = {
        'question-marks-api': ['openapi', hostile.manyQuestionMarks(50_000)],
        'servers-times-paths-api': [
          'openapi',
          hostile.serversTimesPaths(16_000),
        ],
        'aliased-ref-api': ['openapi', hostile.aliasedRef(20_000, 10_000)],
        'unclosed-braces-api': ['openapi', hostile.unclosedBraces(50_000)],
        'billion-laughs-api': ['openapi', hostile.billionLaughs()],
        'cyclic-ref-api': ['openapi', hostile.cyclicRef()],
        'huge-graphql-api': ['graphql', hostile.hugeGraphql(1_000_000)],
        'deep-proto-api': ['grpc', hostile.deepProto(10_000)],
        'twenty-megabytes-api': [
          'openapi',
          hostile.hugeOpenApi(20 * 1024 * 1024),
        ],
      };
      const extraApis = Object.entries(definitions).map(
        ([name, [type, definition]]) =>
          apiEntity(name, {
            type,
            lifecycle: 'production',
            owner: 'accounts-team',
            system: 'core-accounts',
            definition,
          }),
      );
      const entities = withCatalogRelations([
        ...rawCatalog,
        ...extraApis,
        providerOf(extraApis.map(api => api.metadata.name)),
      ]);
      // A hang would fail the test at Jest's timeout; time is measured by
      // bench/hostileCpu.ts, not asserted here.
      await ctx.serviceOver(catalogOf(entities), 2).run();

      const findings: Record<string, string[]> = {};
      for (const name of Object.keys(definitions)) {
        const stored = await ctx.store.getApiResult(
          entityRefKey(`api:default/${name}`),
        );
        findings[name] = stored!.result.governance.findings.map(
          f => `${f.ruleId}: ${f.message}`,
        );
      }
      expect(findings).toEqual({
        // Linear now, and valid: no finding.
        'question-marks-api': [],
        'servers-times-paths-api': [],
        'aliased-ref-api': [],
        'unclosed-braces-api': [],
        'billion-laughs-api': [
          expect.stringMatching(/^definition-parses: .*alias/i),
        ],
        'cyclic-ref-api': [
          expect.stringMatching(/^definition-parses: .*(cyclic|alias)/i),
        ],
        'huge-graphql-api': [
          // Over the cap, or out of the parser thread's memory first.
          expect.stringMatching(
            /^definition-parses: .*more tha[nt] 500000 tokens/,
          ),
        ],
        'deep-proto-api': [
          expect.stringMatching(
            /^definition-parses: .*nested more than 64 levels/,
          ),
        ],
        // Refused by the size cap on a parser thread, unparsed.
        'twenty-megabytes-api': [
          expect.stringMatching(
            /^definition-parses: .*larger than 5242880 bytes and was not parsed$/,
          ),
        ],
      });
    });

    it('is stale with the reason when the first run fails', async () => {
      const ctx = await setUp();
      await expect(
        ctx
          .serviceOver(
            catalogOf(servedCatalog, {
              failAfterPages: 3,
              error: new Error('The catalog answered 503'),
            }),
          )
          .run(),
      ).rejects.toThrow('The catalog answered 503');
      const info = await ctx.store.getInfo();
      expect(info).toMatchObject({
        stale: true,
        staleReason: expect.stringContaining('The catalog answered 503'),
      });
      expect(info.id).toBeUndefined();
      expect(await ctx.store.listOwnershipGaps({ limit: 10 })).toEqual({
        items: [],
      });
    });

    it('keeps the history within the retention once the purge has run', async () => {
      const ctx = await setUp();
      const service = ctx.serviceOver(catalogOf(servedCatalog));
      await service.run();
      await service.run();
      const last = await service.run();
      expect(await ctx.store.listHistory(new Date(0))).toHaveLength(3);
      await expect(
        purgeSnapshotHistory({
          store: ctx.store,
          retentionDays: 0,
          now: new Date(Date.now() + 1),
        }),
      ).resolves.toBe(2);
      expect(
        (await ctx.store.listHistory(new Date(0))).map(p => p.snapshotId),
      ).toEqual([last]);
      expect((await ctx.store.getInfo()).id).toBe(last);
    });

    it('turns entities that break assumptions into findings, not a failed run', async () => {
      const ctx = await setUp();
      const extraApis = [
        apiEntity('numeric-definition-api', {
          type: 'openapi',
          lifecycle: 'production',
          owner: 'accounts-team',
          system: 'core-accounts',
          definition: 42,
        }),
        apiEntity('alias-bomb-api', {
          type: 'openapi',
          lifecycle: 'production',
          owner: 'accounts-team',
          system: 'core-accounts',
          definition: billionLaughs(),
        }),
        apiEntity('object-owner-api', {
          type: 'graphql',
          lifecycle: ['production'],
          owner: { team: 'accounts-team' },
          system: 42,
          definition: 'type Query { ok: Boolean }',
        }),
        apiEntity('no-spec-api', undefined),
        apiEntity('invalid-owner-ref-api', {
          type: 'grpc',
          lifecycle: 'production',
          owner: 'group:',
          system: 'core-accounts',
          definition: 'syntax = "proto3"; message A { string a = 1; }',
        }),
        apiEntity('component-owned-api', {
          type: 'asyncapi',
          lifecycle: 'production',
          owner: 'component:default/accounts-service',
          system: 'core-accounts',
          definition: 'asyncapi: 3.0.0\ninfo: { title: A, version: "1" }',
        }),
        apiEntity(
          'unknown-station-api',
          {
            type: 'openapi',
            lifecycle: 'production',
            owner: 'loop-a',
            system: 'core-accounts',
            definition: 'openapi: 3.0.3\ninfo: { title: A, version: "1" }',
          },
          {
            annotations: {
              'apiops/station': 'somewhere-else',
              'apiops/cycle': 'no-such-cycle',
            },
          },
        ),
      ];
      const loop: Entity[] = [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'loop-a', namespace: 'default' },
          spec: { type: 'team', parent: 'loop-b', children: [] },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'loop-b', namespace: 'default' },
          spec: { type: 'team', parent: 'loop-a', children: [] },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: { name: 'lou.loop', namespace: 'default' },
          spec: { memberOf: ['loop-a'] },
        },
      ];
      const entities = withCatalogRelations([
        ...rawCatalog,
        ...loop,
        ...extraApis,
        providerOf(extraApis.map(api => api.metadata.name)),
      ]);

      await ctx.serviceOver(catalogOf(entities)).run();

      expect((await ctx.store.getInfo()).stale).toBe(false);
      expect((await ctx.store.getCurrentCounts())?.apis).toBe(
        48 + extraApis.length,
      );
      const findingsOf = async (name: string) => {
        const stored = await ctx.store.getApiResult(
          entityRefKey(`api:default/${name}`),
        );
        return {
          gaps: stored!.result.owner.gaps.map(gap => gap.type),
          rules: stored!.result.governance.findings.map(f => f.ruleId).sort(),
          station: stored!.result.station.id,
        };
      };
      expect(await findingsOf('numeric-definition-api')).toEqual({
        gaps: [],
        rules: ['definition-parses'],
        station: 'unassessed',
      });
      expect(await findingsOf('alias-bomb-api')).toEqual({
        gaps: [],
        rules: ['definition-parses'],
        station: 'unassessed',
      });
      expect(await findingsOf('object-owner-api')).toEqual({
        gaps: ['owner-missing'],
        rules: ['known-lifecycle', 'system-present', 'valid-owner'],
        station: 'unassessed',
      });
      expect(await findingsOf('no-spec-api')).toEqual({
        gaps: ['owner-missing'],
        rules: [
          'definition-parses',
          'known-lifecycle',
          'system-present',
          'valid-owner',
        ],
        station: 'unassessed',
      });
      expect(await findingsOf('invalid-owner-ref-api')).toEqual({
        gaps: ['owner-unresolved'],
        rules: ['valid-owner'],
        station: 'unassessed',
      });
      expect(await findingsOf('component-owned-api')).toEqual({
        gaps: ['owner-not-group', 'owner-mismatch'],
        rules: ['valid-owner', 'valid-owner'],
        station: 'unassessed',
      });
      expect(await findingsOf('unknown-station-api')).toEqual({
        gaps: ['owner-mismatch'],
        rules: ['valid-owner'],
        station: 'unassessed',
      });

      // A cycle in the group hierarchy counts each API once per group.
      const teams = await collect(cursor =>
        ctx.store.listTeams({ limit: 100, cursor }),
      );
      expect(
        teams
          .filter(team => team.groupRef.startsWith('group:default/loop-'))
          .map(team => [team.groupRef, team.apis]),
      ).toEqual([
        ['group:default/loop-a', 1],
        ['group:default/loop-b', 1],
      ]);

      // The rest of the catalog is evaluated as usual.
      const gaps = await collect(cursor =>
        ctx.store.listOwnershipGaps({ limit: 100, cursor }),
      );
      expect(gapKeys(gaps)).toEqual(
        expect.arrayContaining(
          [...PLANTED_GAPS].map(([ref, type]) => `${ref} ${type}`),
        ),
      );
    });

    it('reports an API owned by an existing entity of another kind as not a group, not as unresolved', async () => {
      const ctx = await setUp();
      const api = apiEntity('system-owned-api', {
        type: 'openapi',
        lifecycle: 'production',
        owner: 'system:default/core-accounts',
        system: 'core-accounts',
        definition: 'openapi: 3.0.3\ninfo: { title: A, version: "1" }',
      });
      await ctx
        .serviceOver(catalogOf(withCatalogRelations([...rawCatalog, api])))
        .run();
      const stored = await ctx.store.getApiResult(
        entityRefKey('api:default/system-owned-api'),
      );
      expect(stored?.result.owner).toMatchObject({
        ref: 'system:default/core-accounts',
        resolved: true,
        kind: 'system',
      });
      expect(stored?.result.owner.gaps.map(gap => gap.type)).toEqual([
        'owner-not-group',
      ]);
    });

    it('stores an API whose title is longer than 255 characters', async () => {
      const ctx = await setUp();
      const title = `Customer ${'and account '.repeat(30)}API`;
      const api = apiEntity(
        'long-title-api',
        {
          type: 'openapi',
          lifecycle: 'production',
          owner: 'accounts-team',
          system: 'core-accounts',
          definition: 'openapi: 3.0.3\ninfo: { title: A, version: "1" }',
        },
        { title },
      );
      await ctx
        .serviceOver(
          catalogOf(
            withCatalogRelations([
              ...rawCatalog,
              api,
              providerOf(['long-title-api']),
            ]),
          ),
        )
        .run();
      const stored = await ctx.store.getApiResult(
        entityRefKey('api:default/long-title-api'),
      );
      expect(stored?.result.title).toBe(title);
      expect((await ctx.store.getInfo()).stale).toBe(false);
    });

    it('shows rules each API without its definition, and whether the definition parses', async () => {
      const ctx = await setUp();
      const seen = new Map<
        string,
        { spec: Entity['spec']; definitionProblem?: string }
      >();
      const recorder: GovernanceRule = {
        id: 'records-its-context',
        title: 'Records what a rule sees',
        severity: 'info',
        appliesTo: entity => entity.spec?.definition === undefined,
        check: ({ entity, definitionProblem }) => {
          seen.set(stringifyEntityRef(entity), {
            spec: entity.spec,
            definitionProblem,
          });
          return [];
        },
      };
      const broken = apiEntity('broken-definition-api', {
        type: 'openapi',
        lifecycle: 'production',
        owner: 'accounts-team',
        system: 'core-accounts',
        definition: 'openapi: [3.0.3',
      });
      const catalog = catalogOf(withCatalogRelations([...rawCatalog, broken]));
      await SnapshotService.create({
        catalog,
        auth: mockServices.auth(),
        logger: ctx.logger,
        store: ctx.store,
        assessments: ctx.assessments,
        method,
        ruleset: createRuleset([...builtinRules, recorder]),
        parserThreads: 0,
      }).run();

      expect(seen.size).toBe(API_REFS.length + 1);
      expect(
        [...seen.values()].filter(({ spec }) => spec && 'definition' in spec),
      ).toEqual([]);
      expect(seen.get('api:default/broken-definition-api')).toEqual({
        spec: {
          type: 'openapi',
          lifecycle: 'production',
          owner: 'accounts-team',
          system: 'core-accounts',
        },
        definitionProblem: expect.stringContaining('must be sufficiently indented'),
      });
      const { findings } = (await ctx.store.getApiResult(
        entityRefKey('api:default/broken-definition-api'),
      ))!.result.governance;
      expect(findings.map(finding => finding.ruleId)).toContain(
        'definition-parses',
      );
    });

    describe('evaluateApi', () => {
      let ctx: Awaited<ReturnType<typeof setUp>>;
      let service: SnapshotService;

      beforeAll(async () => {
        ctx = await setUp();
        service = ctx.serviceOver(catalogOf(servedCatalog));
        await service.run();
      });

      async function evaluate(ref: string, latest: Assessment | undefined) {
        const stored = await ctx.store.getApiResult(entityRefKey(ref));
        return {
          stored: stored!.result,
          fresh: evaluateApi({
            entity: findEntity(servedCatalog, ref),
            latest,
            ownership: stored!.result.owner,
            inputs: stored!.inputs,
            method,
            ruleset: createRuleset(builtinRules),
            now: new Date(),
          }).result,
        };
      }

      it('gives the station of a new assessment and the findings that follow from it', async () => {
        const ref = 'api:default/beneficiaries-api';
        const latest = await ctx.assess(ref, 'monitoring-and-improving');
        const { stored, fresh } = await evaluate(ref, latest);

        expect(stored.station.id).toBe('api-design');
        expect(fresh.station).toMatchObject({
          id: 'monitoring-and-improving',
          source: 'assessment',
          lifecycleStage: 'improving',
          annotation: 'api-design',
        });
        expect(fresh.governance.findings.map(f => f.ruleId)).toEqual([
          'station-annotation-consistency',
        ]);
        expect(fresh.governance.status).toBe('attention');
        expect(fresh.owner).toEqual(stored.owner);
      });

      it('turns a compliant production API non-compliant with an assessment at design', async () => {
        const ref = 'api:default/accounts-api';
        const latest = await ctx.assess(ref, 'api-design');
        const { stored, fresh } = await evaluate(ref, latest);
        expect(stored.governance).toEqual({
          status: 'compliant',
          findings: [],
        });
        expect(fresh.station.id).toBe('api-design');
        expect(fresh.governance.findings.map(f => f.ruleId).sort()).toEqual([
          'lifecycle-station-consistency',
          'station-annotation-consistency',
        ]);
      });

      it('keeps the ownership and catalog inputs of the snapshot', async () => {
        const limits = await evaluate(
          'api:default/payment-limits-api',
          await ctx.assess('api:default/payment-limits-api', 'api-delivery'),
        );
        expect(limits.fresh.station.id).toBe('api-delivery');
        expect(limits.fresh.owner.gaps.map(gap => gap.type)).toEqual([
          'owner-mismatch',
        ]);
        expect(limits.fresh.governance.findings.map(f => f.ruleId)).toEqual([
          'valid-owner',
        ]);

        const statements = await evaluate(
          'api:default/statements-api-v1',
          await ctx.assess('api:default/statements-api-v1', 'api-delivery'),
        );
        expect(statements.fresh.governance.findings.map(f => f.ruleId)).toEqual(
          ['deprecated-still-consumed'],
        );
        expect(statements.fresh.governance.findings[0].message).toContain(
          'component:default/kestrel-web-banking',
        );
      });

      it('gives the stored result again without a new assessment', async () => {
        const { stored, fresh } = await evaluate(
          'api:default/reporting-datasets-api',
          undefined,
        );
        expect(fresh).toEqual(stored);
      });
    });
  },
);

it('reads the 48 APIs and 7 planted gaps of the example catalog', () => {
  expect(PLANTED_GAPS.size).toBe(7);
  expect(API_REFS).toHaveLength(48);
});
