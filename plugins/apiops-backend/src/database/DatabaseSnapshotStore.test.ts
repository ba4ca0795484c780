import type {
  GovernanceStatus,
  OwnerGapType,
  OwnershipGapRow,
  SnapshotCounts,
  TeamRollup,
} from '@apiops-backstage/plugin-apiops-common';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import knexFactory, { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseSnapshotStore } from './DatabaseSnapshotStore';
import {
  REPORT_PAGE_MAX_LIMIT,
  ReportPage,
  SnapshotResults,
  StoredApiResult,
} from './SnapshotStore';
import { entityRefKey } from '@apiops-backstage/plugin-apiops-common';

jest.setTimeout(120_000);

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

interface ApiFixture {
  ref: string;
  owner?: string;
  declared?: string;
  ownerKind?: string;
  system?: string;
  title?: string;
  lifecycle?: string;
  station?: string;
  gaps?: OwnerGapType[];
  findings?: string[];
  status?: GovernanceStatus;
}

function statusOf(gaps: unknown[], findings: unknown[]): GovernanceStatus {
  if (gaps.length > 0) return 'non-compliant';
  return findings.length > 0 ? 'attention' : 'compliant';
}

function storedApi(fixture: ApiFixture): StoredApiResult {
  const gaps = fixture.gaps ?? [];
  const findings = fixture.findings ?? [];
  return {
    result: {
      entityRef: fixture.ref,
      title: fixture.title ?? `Title of ${fixture.ref}`,
      system: fixture.system,
      lifecycle: fixture.lifecycle ?? 'production',
      station: fixture.station
        ? {
            id: fixture.station,
            source: 'assessment',
            cycle: 'api-productization-cycle',
          }
        : {
            id: 'unassessed',
            source: 'none',
            cycle: 'api-productization-cycle',
          },
      owner: {
        ref: fixture.owner,
        declared: fixture.declared ?? fixture.owner,
        resolved: fixture.owner !== undefined,
        kind: fixture.ownerKind ?? (fixture.owner ? 'group' : undefined),
        gaps: gaps.map(type => ({
          type,
          severity: type === 'owner-mismatch' ? 'warning' : 'error',
          message: `${type} of ${fixture.ref}`,
        })),
      },
      governance: {
        status: fixture.status ?? statusOf(gaps, findings),
        findings: findings.map(ruleId => ({
          ruleId,
          severity: 'warning',
          message: `${ruleId} of ${fixture.ref}`,
        })),
      },
    },
    inputs: {
      providers: [{ ref: 'component:default/some-service', exists: true }],
      consumers: ['component:default/some-website'],
    },
  };
}

function countsOf(apis: StoredApiResult[]): SnapshotCounts {
  const counts: SnapshotCounts = {
    apis: apis.length,
    byStation: {},
    byStatus: {},
    byGapType: {},
    byFindingType: {},
  };
  for (const { result } of apis) {
    counts.byStation[result.station.id] =
      (counts.byStation[result.station.id] ?? 0) + 1;
    counts.byStatus[result.governance.status] =
      (counts.byStatus[result.governance.status] ?? 0) + 1;
    for (const gap of result.owner.gaps) {
      counts.byGapType[gap.type] = (counts.byGapType[gap.type] ?? 0) + 1;
    }
    for (const finding of result.governance.findings) {
      counts.byFindingType[finding.ruleId] =
        (counts.byFindingType[finding.ruleId] ?? 0) + 1;
    }
  }
  return counts;
}

/** The rollup of a group counting the APIs owned by `ownerRefs`. */
function team(
  groupRef: string,
  ownerRefs: string[],
  apis: StoredApiResult[],
): TeamRollup & { ownerRefs: string[] } {
  const owned = apis.filter(
    ({ result }) => result.owner.ref && ownerRefs.includes(result.owner.ref),
  );
  const rollup: TeamRollup & { ownerRefs: string[] } = {
    groupRef,
    title: `Title of ${groupRef}`,
    apis: owned.length,
    byStation: {},
    byStatus: {},
    gaps: 0,
    findings: 0,
    ownerRefs,
  };
  for (const { result } of owned) {
    rollup.byStation[result.station.id] =
      (rollup.byStation[result.station.id] ?? 0) + 1;
    rollup.byStatus[result.governance.status] =
      (rollup.byStatus[result.governance.status] ?? 0) + 1;
    rollup.gaps += result.owner.gaps.length;
    rollup.findings += result.governance.findings.length;
  }
  return rollup;
}

const ACCOUNTS = 'group:default/accounts-team';
const LEGACY = 'group:default/legacy-integration-team';
const OPEN_BANKING = 'group:default/open-banking-team';

/** A small catalog: gaps of every kind, one API with two gaps. */
function firstCatalog(): StoredApiResult[] {
  return [
    storedApi({
      ref: 'api:default/accounts-api',
      owner: ACCOUNTS,
      system: 'system:default/core-accounts',
      station: 'api-design',
    }),
    storedApi({
      ref: 'api:default/payment-limits-api',
      owner: ACCOUNTS,
      system: 'system:default/payments-hub',
      gaps: ['owner-mismatch'],
    }),
    storedApi({
      ref: 'api:default/fx-rates-api',
      owner: 'group:default/treasury-ops',
      system: 'system:default/market-data',
      gaps: ['owner-unresolved'],
      findings: ['providers-known'],
    }),
    storedApi({
      ref: 'api:default/marketing-consents-api',
      declared: 'tbd',
      system: 'system:default/customer-hub',
      gaps: ['owner-missing'],
    }),
    storedApi({
      ref: 'api:default/savings-goals-api',
      owner: 'user:default/maya.okafor',
      ownerKind: 'user',
      system: 'system:default/digital-channels',
      gaps: ['owner-not-group'],
    }),
    storedApi({
      ref: 'api:default/mainframe-gateway-api',
      owner: LEGACY,
      system: 'system:default/core-accounts',
      gaps: ['owner-orphaned', 'owner-mismatch'],
      findings: ['description-present'],
    }),
    storedApi({
      ref: 'api:partner/notifications-api',
      owner: OPEN_BANKING,
      system: 'system:default/partner-portal',
      station: 'api-publishing',
    }),
  ];
}

function teamsOf(apis: StoredApiResult[]) {
  return [
    team('group:default/kestrel-bank', [ACCOUNTS, LEGACY, OPEN_BANKING], apis),
    team('group:default/retail-banking', [ACCOUNTS], apis),
    team(ACCOUNTS, [ACCOUNTS], apis),
    team('group:default/technology', [LEGACY], apis),
    team(LEGACY, [LEGACY], apis),
    team('group:default/payments-division', [OPEN_BANKING], apis),
    team(OPEN_BANKING, [OPEN_BANKING], apis),
  ].filter(rollup => rollup.apis > 0);
}

function resultsOf(apis: StoredApiResult[]): SnapshotResults {
  return { apis, teams: teamsOf(apis), clusters: [], counts: countsOf(apis) };
}

function databaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex };
}

async function catchError(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

/** Every item of a paginated list, following nextCursor. */
async function collectPages<T>(
  fetchPage: (cursor?: string) => Promise<ReportPage<T>>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await fetchPage(cursor);
    pages += 1;
    items.push(...page.items);
    cursor = page.nextCursor;
    if (pages > 10_000) throw new Error('the cursor never ends');
  } while (cursor);
  return { items, pages };
}

function gapKeys(rows: OwnershipGapRow[]): string[] {
  return rows.map(row => `${row.entityRef} ${row.type}`);
}

const BAD_CURSORS = [
  'not-a-cursor',
  '12',
  Buffer.from('v1:abc').toString('base64url'),
  Buffer.from('v1:0').toString('base64url'),
  Buffer.from('v1:-5').toString('base64url'),
  Buffer.from('v2:12').toString('base64url'),
  'djE6MTI=/../',
];

const BAD_LIMITS = [0, -1, 1.5, REPORT_PAGE_MAX_LIMIT + 1, NaN, Infinity];

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseSnapshotStore on %p',
  (databaseId: TestDatabaseId) => {
    let store: DatabaseSnapshotStore;
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseSnapshotStore.create({
        database: databaseService(knex),
      });
    });

    // One database per test: its connections go with the test, or the file's
    // hundred-odd tests exhaust PostgreSQL's max_connections.
    afterEach(async () => {
      await knex.destroy();
    });

    async function snapshot(apis: StoredApiResult[]): Promise<string> {
      const runId = await store.startRun();
      await store.completeRun(runId, resultsOf(apis));
      return runId;
    }

    async function failedRun(error: string): Promise<string> {
      const runId = await store.startRun();
      await store.failRun(runId, error);
      return runId;
    }

    describe('runs and staleness', () => {
      it('has no results and says so before any run', async () => {
        const info = await store.getInfo();
        expect(info).toEqual({
          stale: true,
          staleReason: expect.stringMatching(/no snapshot/i),
        });
        expect(await store.getCurrentCounts()).toBeUndefined();
        expect(
          await store.getApiResult(entityRefKey('api:default/accounts-api')),
        ).toBe(undefined);
        expect(await store.listOwnershipGaps({ limit: 10 })).toEqual({
          items: [],
        });
        expect(await store.listTeams({ limit: 10 })).toEqual({ items: [] });
        expect(await store.listHistory(new Date(0))).toEqual([]);
      });

      it('does not count a run in progress as a snapshot', async () => {
        const runId = await store.startRun();
        const info = await store.getInfo();
        expect(info.stale).toBe(true);
        expect(info.id).toBeUndefined();
        expect(info.computedAt).toBeUndefined();
        expect(info.lastRun).toEqual({
          id: runId,
          status: 'running',
          startedAt: expect.stringMatching(ISO_UTC),
        });
      });

      it('writes only the API rows that changed, and deletes those of APIs gone', async () => {
        const first = firstCatalog();
        await snapshot(first);
        const same = entityRefKey('api:default/accounts-api');
        const unknownDigest = entityRefKey('api:default/payment-limits-api');
        // Marks on the stored rows: a row that is not written keeps its mark.
        await knex('apiops_api_results')
          .where({ entity_ref: same })
          .update({ lifecycle: 'marked' });
        await knex('apiops_api_results')
          .where({ entity_ref: unknownDigest })
          .update({ lifecycle: 'marked', result_digest: null });

        const changed = storedApi({
          ref: 'api:default/fx-rates-api',
          owner: ACCOUNTS,
          system: 'system:default/market-data',
          title: 'FX rates, renamed',
        });
        const added = storedApi({
          ref: 'api:default/card-controls-api',
          owner: ACCOUNTS,
        });
        const second = [
          ...first.filter(
            ({ result }) =>
              result.entityRef !== 'api:default/fx-rates-api' &&
              result.entityRef !== 'api:default/marketing-consents-api',
          ),
          changed,
          added,
        ];
        await snapshot(second);

        const rows: Array<{
          entity_ref: string;
          lifecycle: string;
          title: string;
          result_digest: string;
        }> = await knex('apiops_api_results').orderBy('entity_ref');
        expect(rows.map(row => row.entity_ref)).toEqual(
          second.map(({ result }) => entityRefKey(result.entityRef)).sort(),
        );
        expect(rows.find(row => row.entity_ref === same)?.lifecycle).toBe(
          'marked',
        );
        // A row without a digest (written before digests) is written again.
        const rewritten = rows.find(row => row.entity_ref === unknownDigest);
        expect(rewritten?.lifecycle).toBe('production');
        expect(rewritten?.result_digest).toMatch(/^[A-Za-z0-9+/]{27}=$/);
        expect(
          rows.find(
            row => row.entity_ref === entityRefKey(changed.result.entityRef),
          )?.title,
        ).toBe('FX rates, renamed');
        expect(
          await store.getApiResult(entityRefKey(changed.result.entityRef)),
        ).toEqual(changed);
        expect(
          await store.getApiResult(entityRefKey(added.result.entityRef)),
        ).toEqual(added);
        expect(
          await store.getApiResult(
            entityRefKey('api:default/marketing-consents-api'),
          ),
        ).toBeUndefined();
        expect(await store.getCurrentCounts()).toEqual(countsOf(second));
      });

      it('serves the results of a successful run, with when it finished', async () => {
        const apis = firstCatalog();
        const before = Date.now();
        const runId = await snapshot(apis);
        const after = Date.now();

        const info = await store.getInfo();
        expect(info).toEqual({
          id: runId,
          computedAt: expect.stringMatching(ISO_UTC),
          stale: false,
          lastRun: {
            id: runId,
            status: 'succeeded',
            startedAt: expect.stringMatching(ISO_UTC),
            finishedAt: info.computedAt,
          },
        });
        const computedAt = Date.parse(info.computedAt!);
        expect(computedAt).toBeGreaterThanOrEqual(before - 2000);
        expect(computedAt).toBeLessThanOrEqual(after + 2000);
        expect(Date.parse(info.lastRun!.startedAt)).toBeLessThanOrEqual(
          computedAt,
        );

        expect(
          await store.getApiResult(entityRefKey('api:default/accounts-api')),
        ).toEqual(apis[0]);
        expect(await store.getCurrentCounts()).toEqual(countsOf(apis));
      });

      it('finds an API result whatever the case of its ref', async () => {
        const apis = [
          storedApi({ ref: 'api:default/Accounts-API', owner: ACCOUNTS }),
        ];
        await snapshot(apis);
        for (const ref of [
          'api:default/accounts-api',
          'API:default/ACCOUNTS-API',
          'api:default/Accounts-API',
        ]) {
          expect(await store.getApiResult(entityRefKey(ref))).toEqual(apis[0]);
        }
        expect(
          await store.getApiResult(entityRefKey('api:default/accounts')),
        ).toBe(undefined);
      });

      it('keeps serving the previous results after a failed run, stale with the reason', async () => {
        const apis = firstCatalog();
        const goodRun = await snapshot(apis);
        const before = await store.getInfo();
        const gapsBefore = await store.listOwnershipGaps({ limit: 100 });
        const teamsBefore = await store.listTeams({ limit: 100 });

        const badRun = await failedRun(
          'connect ECONNREFUSED 127.0.0.1:7007 (catalog)',
        );

        const info = await store.getInfo();
        expect(info.stale).toBe(true);
        expect(info.staleReason).toContain(
          'connect ECONNREFUSED 127.0.0.1:7007 (catalog)',
        );
        expect(info.id).toBe(goodRun);
        expect(info.computedAt).toBe(before.computedAt);
        expect(info.lastRun).toEqual({
          id: badRun,
          status: 'failed',
          startedAt: expect.stringMatching(ISO_UTC),
          finishedAt: expect.stringMatching(ISO_UTC),
          error: 'connect ECONNREFUSED 127.0.0.1:7007 (catalog)',
        });

        expect(
          await store.getApiResult(entityRefKey('api:default/fx-rates-api')),
        ).toEqual(apis[2]);
        expect(await store.listOwnershipGaps({ limit: 100 })).toEqual(
          gapsBefore,
        );
        expect(gapsBefore.items).toHaveLength(6);
        expect(await store.listTeams({ limit: 100 })).toEqual(teamsBefore);
        expect(teamsBefore.items.length).toBeGreaterThan(0);
        expect(await store.getCurrentCounts()).toEqual(countsOf(apis));
      });

      it('is stale with the reason when the first run fails', async () => {
        await failedRun('The catalog answered 503 Service Unavailable');
        const info = await store.getInfo();
        expect(info.stale).toBe(true);
        expect(info.id).toBeUndefined();
        expect(info.computedAt).toBeUndefined();
        expect(info.staleReason).toContain(
          'The catalog answered 503 Service Unavailable',
        );
        expect(await store.getCurrentCounts()).toBeUndefined();
      });

      it('is current again after a successful run follows a failed one', async () => {
        await snapshot(firstCatalog());
        await failedRun('catalog down');
        const runId = await snapshot(firstCatalog());
        const info = await store.getInfo();
        expect(info.stale).toBe(false);
        expect(info.staleReason).toBeUndefined();
        expect(info.id).toBe(runId);
      });

      it('replaces the current results as a whole with each successful run', async () => {
        await snapshot(firstCatalog());

        // The second catalog: mainframe-gateway and fx-rates are gone,
        // accounts-api lost its owner, a new API appeared.
        const second = [
          storedApi({
            ref: 'api:default/accounts-api',
            declared: 'unknown',
            system: 'system:default/core-accounts',
            gaps: ['owner-missing'],
          }),
          storedApi({
            ref: 'api:default/payment-limits-api',
            owner: ACCOUNTS,
            system: 'system:default/payments-hub',
          }),
          storedApi({
            ref: 'api:default/statements-api',
            owner: ACCOUNTS,
            system: 'system:default/core-accounts',
          }),
        ];
        await snapshot(second);

        expect(
          await store.getApiResult(
            entityRefKey('api:default/mainframe-gateway-api'),
          ),
        ).toBe(undefined);
        expect(
          await store.getApiResult(entityRefKey('api:default/fx-rates-api')),
        ).toBe(undefined);
        expect(
          await store.getApiResult(entityRefKey('api:default/accounts-api')),
        ).toEqual(second[0]);
        expect(
          await store.getApiResult(entityRefKey('api:default/statements-api')),
        ).toEqual(second[2]);

        const gaps = await store.listOwnershipGaps({ limit: 100 });
        expect(gapKeys(gaps.items)).toEqual([
          'api:default/accounts-api owner-missing',
        ]);

        const teams = await store.listTeams({ limit: 100 });
        expect(teams.items.map(t => [t.groupRef, t.apis])).toEqual([
          ['group:default/accounts-team', 2],
          ['group:default/kestrel-bank', 2],
          ['group:default/retail-banking', 2],
        ]);
        expect(
          await store.listTeamApis(entityRefKey(LEGACY), { limit: 10 }),
        ).toBe(undefined);
        expect(await store.getCurrentCounts()).toEqual(countsOf(second));
      });

      it('replaces the results with nothing when the catalog has no API any more', async () => {
        await snapshot(firstCatalog());
        await snapshot([]);
        expect(await store.listOwnershipGaps({ limit: 10 })).toEqual({
          items: [],
        });
        expect(await store.listTeams({ limit: 10 })).toEqual({ items: [] });
        expect(
          await store.getApiResult(entityRefKey('api:default/accounts-api')),
        ).toBe(undefined);
        expect(await store.getCurrentCounts()).toMatchObject({ apis: 0 });
        expect((await store.getInfo()).stale).toBe(false);
      });

      it('stores an API whose title, lifecycle and owner are longer than 255 characters', async () => {
        const long = 'Very '.repeat(60);
        const owner = `group:default/${'a'.repeat(300)}`;
        const apis = [
          storedApi({
            ref: 'api:default/verbose-api',
            title: long,
            lifecycle: `production-${'x'.repeat(300)}`,
            owner,
            declared: owner,
            gaps: ['owner-unresolved'],
          }),
        ];
        await snapshot(apis);
        expect(
          await store.getApiResult(entityRefKey('api:default/verbose-api')),
        ).toEqual(apis[0]);
        const [row] = (await store.listOwnershipGaps({ limit: 10 })).items;
        expect(row.title).toBe(long);
        expect(row.declaredOwner).toBe(owner);
      });

      it('stores 3,000 APIs with 6,000 gaps and a team of 1,500 owners in one run', async () => {
        const owners = Array.from(
          { length: 1500 },
          (_, i) => `group:default/team-${String(i).padStart(4, '0')}`,
        );
        const apis = Array.from({ length: 3000 }, (_, i) =>
          storedApi({
            ref: `api:default/api-${String(i).padStart(4, '0')}`,
            owner: owners[i % owners.length],
            system: `system:default/system-${i % 7}`,
            gaps: ['owner-group-empty', 'owner-orphaned'],
            findings: ['description-present'],
          }),
        );
        const teams = [
          team('group:default/everyone', owners, apis),
          ...owners.map(owner => team(owner, [owner], apis)),
        ];
        const runId = await store.startRun();
        await store.completeRun(runId, {
          apis,
          teams,
          clusters: [],
          counts: countsOf(apis),
        });

        const gaps = await collectPages(cursor =>
          store.listOwnershipGaps({ limit: REPORT_PAGE_MAX_LIMIT, cursor }),
        );
        expect(gaps.items).toHaveLength(6000);
        expect(gaps.pages).toBe(6);
        expect(new Set(gapKeys(gaps.items)).size).toBe(6000);

        const rollups = await collectPages(cursor =>
          store.listTeams({ limit: REPORT_PAGE_MAX_LIMIT, cursor }),
        );
        expect(rollups.items).toHaveLength(1501);
        expect(rollups.items[0]).toMatchObject({
          groupRef: 'group:default/everyone',
          apis: 3000,
          gaps: 6000,
          findings: 3000,
        });

        const everyone = await collectPages(async cursor => {
          const found = await store.listTeamApis(
            entityRefKey('group:default/everyone'),
            {
              limit: REPORT_PAGE_MAX_LIMIT,
              cursor,
            },
          );
          return found!.page;
        });
        expect(everyone.items).toHaveLength(3000);
        expect(new Set(everyone.items.map(api => api.entityRef)).size).toBe(
          3000,
        );

        expect(
          await store.getApiResult(entityRefKey('api:default/api-2999')),
        ).toEqual(apis[2999]);
        expect((await store.getCurrentCounts())?.apis).toBe(3000);
      });
    });

    describe('one run at a time, newest wins', () => {
      const TWENTY_MINUTES = 20 * 60 * 1000;

      /** The recorded row of a run. */
      async function runRow(runId: string) {
        const row = await knex('apiops_snapshots').where({ id: runId }).first();
        return { status: row.status as string, error: row.error as string };
      }

      /** Moves a run's start back in time, as if it had run that long. */
      async function startedAgo(runId: string, ms: number) {
        await knex('apiops_snapshots')
          .where({ id: runId })
          .update({ started_at: new Date(Date.now() - ms) });
      }

      /** A catalog whose refs, owners and gaps all carry the label. */
      function labelled(label: string, size: number): StoredApiResult[] {
        return Array.from({ length: size }, (_, i) =>
          storedApi({
            ref: `api:default/${label}-${String(i).padStart(4, '0')}`,
            owner: `group:default/${label}-team-${i % 5}`,
            system: `system:default/${label}-system`,
            gaps: i % 2 ? ['owner-mismatch'] : ['owner-orphaned'],
          }),
        );
      }

      /** The current results are exactly those of `apis`, once each. */
      async function expectCurrent(apis: StoredApiResult[]) {
        const gaps = await collectPages(cursor =>
          store.listOwnershipGaps({ limit: REPORT_PAGE_MAX_LIMIT, cursor }),
        );
        const expected = apis.flatMap(({ result }) =>
          result.owner.gaps.map(
            gap => `${result.entityRef.toLocaleLowerCase('en-US')} ${gap.type}`,
          ),
        );
        expect(gapKeys(gaps.items).sort()).toEqual(expected.sort());
        const [{ count }] = await knex('apiops_api_results').count({
          count: '*',
        });
        expect(Number(count)).toBe(apis.length);
        expect(await store.getCurrentCounts()).toEqual(countsOf(apis));
      }

      it('refuses to let an older run replace the results of a newer one', async () => {
        const older = await store.startRun();
        const newer = await store.startRun();
        const newest = labelled('newer', 3);
        await store.completeRun(newer, resultsOf(newest));

        const error = await catchError(
          store.completeRun(older, resultsOf(labelled('older', 4))),
        );
        expect(error.name).toBe('ConflictError');
        expect(error.message).toBe(
          `Snapshot ${older} was not stored, the current results stay: superseded: snapshot ${newer}, started later, stored its results first`,
        );
        expect(await runRow(older)).toEqual({
          status: 'failed',
          error: `superseded: snapshot ${newer}, started later, stored its results first`,
        });

        await expectCurrent(newest);
        const info = await store.getInfo();
        expect(info).toMatchObject({ id: newer, stale: false });
        expect(info.lastRun).toMatchObject({ id: newer, status: 'succeeded' });
        expect(
          (await store.listHistory(new Date(0))).map(p => p.snapshotId),
        ).toEqual([newer]);
      });

      it('lets a newer run replace the results of an older one that finished first', async () => {
        const older = await store.startRun();
        const newer = await store.startRun();
        await store.completeRun(older, resultsOf(labelled('older', 4)));
        const newest = labelled('newer', 3);
        await store.completeRun(newer, resultsOf(newest));
        await expectCurrent(newest);
        expect((await store.getInfo()).id).toBe(newer);
      });

      it('keeps the reason of a refused run when the snapshot then fails it', async () => {
        const older = await store.startRun();
        const newer = await store.startRun();
        await store.completeRun(newer, resultsOf(labelled('newer', 1)));
        const error = await catchError(
          store.completeRun(older, resultsOf(labelled('older', 1))),
        );
        await store.failRun(older, error.message);
        expect((await runRow(older)).error).toMatch(/^superseded: snapshot/);
      });

      it('records a run past the timeout failed and keeps the current results', async () => {
        const current = labelled('current', 2);
        const currentRun = await snapshot(current);
        const slow = await store.startRun();
        await startedAgo(slow, TWENTY_MINUTES);

        const error = await catchError(
          store.completeRun(slow, resultsOf(labelled('slow', 3))),
        );
        expect(error.name).toBe('ConflictError');
        expect(await runRow(slow)).toEqual({
          status: 'failed',
          error:
            'timed out: ran longer than the snapshot timeout of 10 minutes',
        });
        await expectCurrent(current);
        const info = await store.getInfo();
        expect(info.id).toBe(currentRun);
        expect(info.stale).toBe(true);
        expect(info.staleReason).toContain('timed out');
      });

      it('takes the timeout of the schedule', async () => {
        const quick = await DatabaseSnapshotStore.create({
          database: databaseService(knex),
          runTimeout: { seconds: 30 },
        });
        const runId = await quick.startRun();
        await startedAgo(runId, 31_000);
        const error = await catchError(
          quick.completeRun(runId, resultsOf(labelled('late', 1))),
        );
        expect(error.message).toContain(
          'timed out: ran longer than the snapshot timeout of 30 seconds',
        );
      });

      it('fails the runs left past the timeout when the next run starts', async () => {
        const stuck = await store.startRun();
        await startedAgo(stuck, TWENTY_MINUTES);
        const recent = await store.startRun();
        const next = await store.startRun();
        expect(await runRow(stuck)).toEqual({
          status: 'failed',
          error: 'timed out: still running after 10 minutes',
        });
        expect((await runRow(recent)).status).toBe('running');
        await store.completeRun(next, resultsOf(labelled('next', 1)));
        expect((await store.getInfo()).id).toBe(next);
      });

      it('fails the runs a stopped backend left running, so that the reports say stale', async () => {
        const current = labelled('current', 2);
        const currentRun = await snapshot(current);
        const crashed = await store.startRun();
        const live = await store.startRun();
        await startedAgo(crashed, TWENTY_MINUTES);
        await startedAgo(live, 60_000);

        expect(await store.failInterruptedRuns()).toEqual([crashed]);
        expect(await store.failInterruptedRuns()).toEqual([]);

        expect(await runRow(crashed)).toEqual({
          status: 'failed',
          error: 'interrupted: the backend stopped during the run',
        });
        expect((await runRow(live)).status).toBe('running');
        const info = await store.getInfo();
        expect(info.id).toBe(currentRun);
        expect(info.stale).toBe(true);
        expect(info.staleReason).toContain(
          'interrupted: the backend stopped during the run',
        );
        await expectCurrent(current);

        // The run of the other replica still completes.
        await store.completeRun(live, resultsOf(current));
        expect(await store.getInfo()).toMatchObject({
          id: live,
          stale: false,
        });
        // A crashed run that comes back is not stored.
        const error = await catchError(
          store.completeRun(crashed, resultsOf(labelled('crashed', 1))),
        );
        expect(error.message).toContain(
          'the run was already recorded failed: interrupted',
        );
      });

      it('stores the cause of a database failure without the SQL', async () => {
        const previous = labelled('previous', 2);
        await snapshot(previous);
        const runId = await store.startRun();
        const apis = labelled('next', 2);
        const rollup = team(
          'group:default/next-team-0',
          ['group:default/next-team-0'],
          apis,
        );
        // Two rollups of one group: the primary key refuses the second.
        const error = await catchError(
          store.completeRun(runId, {
            ...resultsOf(apis),
            teams: [rollup, rollup],
          }),
        );
        expect(error.message).toMatch(/^insert into/);
        await store.failRun(runId, error);

        const { status, error: reason } = await runRow(runId);
        expect(status).toBe('failed');
        expect(reason).toMatch(
          databaseId.startsWith('POSTGRES')
            ? /^duplicate key value violates unique constraint .*Key \(group_ref\)=\(.+\) already exists.* \(in insert into "apiops_team_rollups"\)$/
            : /^UNIQUE constraint failed: apiops_team_rollups.group_ref.* \(in insert into `apiops_team_rollups`\)$/,
        );
        expect(reason).not.toContain('values');
        expect((await store.getInfo()).staleReason).toContain(reason);
        await expectCurrent(previous);
      });

      it('refuses results that have one API twice, and keeps the current ones', async () => {
        const previous = labelled('previous', 2);
        await snapshot(previous);
        const runId = await store.startRun();
        const duplicate = storedApi({ ref: 'api:default/twice' });

        const error = await catchError(
          store.completeRun(runId, resultsOf([duplicate, duplicate])),
        );

        expect(error.message).toBe('the results have api:default/twice twice');
        await expectCurrent(previous);
      });

      it('never mixes two completions that overlap, on two stores of one database', async () => {
        // Two replicas: separate connection pools on PostgreSQL; SQLite in
        // memory has one connection, shared.
        const otherKnex = databaseId.startsWith('POSTGRES')
          ? knexFactory({
              client: 'pg',
              connection: knex.client.config.connection,
              pool: { min: 0, max: 4 },
            })
          : knex;
        try {
          const other = await DatabaseSnapshotStore.create({
            database: databaseService(otherKnex),
            skipMigrations: true,
          });
          for (let round = 0; round < 6; round++) {
            const a = labelled(`a${round}`, 300);
            const b = labelled(`b${round}`, 250);
            const runA = await store.startRun();
            const runB = await other.startRun();
            // Both at once; the older run's asked first in even rounds,
            // the newer run's in odd ones. Whichever takes the lock first.
            const completions =
              round % 2 === 0
                ? [
                    store.completeRun(runA, resultsOf(a)),
                    other.completeRun(runB, resultsOf(b)),
                  ]
                : [
                    other.completeRun(runB, resultsOf(b)),
                    store.completeRun(runA, resultsOf(a)),
                  ];
            const settled = await Promise.allSettled(completions);
            const [settledA, settledB] =
              round % 2 === 0 ? settled : [settled[1], settled[0]];
            expect(settledB.status).toBe('fulfilled');
            // The older run either stored its results before the newer one
            // replaced them, or was refused and recorded superseded.
            const rowA = await runRow(runA);
            expect({
              settled: settledA.status,
              status: rowA.status,
              error: rowA.error ?? undefined,
            }).toEqual(
              settledA.status === 'fulfilled'
                ? {
                    settled: 'fulfilled',
                    status: 'succeeded',
                    error: undefined,
                  }
                : {
                    settled: 'rejected',
                    status: 'failed',
                    error: `superseded: snapshot ${runB}, started later, stored its results first`,
                  },
            );
            await expectCurrent(b);
            expect((await store.getInfo()).id).toBe(runB);
            expect((await other.getInfo()).id).toBe(runB);
          }
        } finally {
          if (otherKnex !== knex) await otherKnex.destroy();
        }
      });
    });

    describe('listApiLabels and getApiResults', () => {
      it('has no snapshot and no labels before the first snapshot', async () => {
        expect(await store.listApiLabels()).toEqual({ apis: [] });
        expect(
          await store.getApiResults([entityRefKey('api:default/a-api')]),
        ).toEqual(new Map());
      });

      it('lists the values of every API, with the worst gap by severity then type, of the current snapshot', async () => {
        const mixed = storedApi({
          ref: 'api:default/mixed-api',
          owner: 'user:default/ada',
          station: 'api-design',
          gaps: ['owner-not-group', 'owner-orphaned'],
        });
        // A warning of a type listed first loses to an error.
        mixed.result.owner.gaps[0].severity = 'warning';
        const started = Date.now();
        const runId = await snapshot([
          mixed,
          storedApi({
            ref: 'api:default/fine-api',
            owner: 'group:default/team',
            status: 'attention',
          }),
          storedApi({
            ref: 'api:default/two-errors-api',
            gaps: ['owner-unresolved', 'owner-missing'],
          }),
        ]);
        const labels = await store.listApiLabels();
        expect(labels.snapshot).toEqual({
          id: runId,
          startedAt: expect.any(Date),
          computedAt: expect.stringMatching(ISO_UTC),
        });
        // Whole seconds on some engines.
        expect(labels.snapshot!.startedAt.getTime()).toBeGreaterThanOrEqual(
          started - 1000,
        );
        expect(
          [...labels.apis].sort((a, b) =>
            a.entityRef.localeCompare(b.entityRef),
          ),
        ).toEqual([
          {
            entityRef: 'api:default/fine-api',
            station: 'unassessed',
            governance: 'attention',
            ownershipGap: 'none',
          },
          {
            entityRef: 'api:default/mixed-api',
            station: 'api-design',
            governance: 'non-compliant',
            ownershipGap: 'owner-orphaned',
          },
          {
            entityRef: 'api:default/two-errors-api',
            station: 'unassessed',
            governance: 'non-compliant',
            ownershipGap: 'owner-missing',
          },
        ]);

        const results = await store.getApiResults([
          entityRefKey('api:default/mixed-api'),
          entityRefKey('api:default/unknown-api'),
        ]);
        expect([...results.keys()]).toEqual(['api:default/mixed-api']);
        expect(results.get(entityRefKey('api:default/mixed-api'))).toEqual(
          mixed,
        );

        const secondId = await snapshot([
          storedApi({ ref: 'api:default/fine-api', station: 'api-delivery' }),
        ]);
        expect(await store.listApiLabels()).toEqual({
          snapshot: expect.objectContaining({ id: secondId }),
          apis: [
            {
              entityRef: 'api:default/fine-api',
              station: 'api-delivery',
              governance: 'compliant',
              ownershipGap: 'none',
            },
          ],
        });
      });
    });

    describe('listOwnershipGaps', () => {
      beforeEach(async () => {
        await snapshot(firstCatalog());
      });

      it('lists one row per gap, with what a reader of the report needs', async () => {
        const page = await store.listOwnershipGaps({ limit: 100 });
        expect(page.nextCursor).toBeUndefined();
        expect(gapKeys(page.items).sort()).toEqual([
          'api:default/fx-rates-api owner-unresolved',
          'api:default/mainframe-gateway-api owner-mismatch',
          'api:default/mainframe-gateway-api owner-orphaned',
          'api:default/marketing-consents-api owner-missing',
          'api:default/payment-limits-api owner-mismatch',
          'api:default/savings-goals-api owner-not-group',
        ]);
        expect(page.items.find(row => row.type === 'owner-unresolved')).toEqual(
          {
            entityRef: 'api:default/fx-rates-api',
            title: 'Title of api:default/fx-rates-api',
            owner: 'group:default/treasury-ops',
            declaredOwner: 'group:default/treasury-ops',
            system: 'system:default/market-data',
            type: 'owner-unresolved',
            severity: 'error',
            message: 'owner-unresolved of api:default/fx-rates-api',
          },
        );
        expect(page.items.find(row => row.type === 'owner-missing')).toEqual({
          entityRef: 'api:default/marketing-consents-api',
          title: 'Title of api:default/marketing-consents-api',
          declaredOwner: 'tbd',
          system: 'system:default/customer-hub',
          type: 'owner-missing',
          severity: 'error',
          message: 'owner-missing of api:default/marketing-consents-api',
        });
      });

      it('filters by gap type', async () => {
        const page = await store.listOwnershipGaps({
          types: ['owner-mismatch'],
          limit: 100,
        });
        expect(gapKeys(page.items).sort()).toEqual([
          'api:default/mainframe-gateway-api owner-mismatch',
          'api:default/payment-limits-api owner-mismatch',
        ]);
      });

      it('filters by several gap types, any of them', async () => {
        const page = await store.listOwnershipGaps({
          types: ['owner-missing', 'owner-unresolved', 'owner-orphaned'],
          limit: 100,
        });
        expect(gapKeys(page.items).sort()).toEqual([
          'api:default/fx-rates-api owner-unresolved',
          'api:default/mainframe-gateway-api owner-orphaned',
          'api:default/marketing-consents-api owner-missing',
        ]);
      });

      it('filters by a group with the gaps of its descendant groups, as the teams report counts them', async () => {
        const page = await store.listOwnershipGaps({
          owner: entityRefKey('group:default/kestrel-bank'),
          limit: 100,
        });
        expect(gapKeys(page.items).sort()).toEqual([
          'api:default/mainframe-gateway-api owner-mismatch',
          'api:default/mainframe-gateway-api owner-orphaned',
          'api:default/payment-limits-api owner-mismatch',
        ]);
        const technology = await store.listOwnershipGaps({
          owner: entityRefKey('Group:Default/Technology'),
          types: ['owner-orphaned'],
          limit: 100,
        });
        expect(gapKeys(technology.items)).toEqual([
          'api:default/mainframe-gateway-api owner-orphaned',
        ]);
        const teams = await store.listTeams({ limit: 100 });
        for (const row of teams.items) {
          const gaps = await store.listOwnershipGaps({
            owner: entityRefKey(row.groupRef),
            limit: 100,
          });
          expect([row.groupRef, gaps.items.length]).toEqual([
            row.groupRef,
            row.gaps,
          ]);
        }
      });

      it.each([
        'group:default/legacy-integration-team',
        'Group:Default/Legacy-Integration-Team',
        'GROUP:DEFAULT/LEGACY-INTEGRATION-TEAM',
      ])('filters by owner, whatever the case: %s', async owner => {
        const page = await store.listOwnershipGaps({
          owner: entityRefKey(owner),
          limit: 100,
        });
        expect(gapKeys(page.items).sort()).toEqual([
          'api:default/mainframe-gateway-api owner-mismatch',
          'api:default/mainframe-gateway-api owner-orphaned',
        ]);
      });

      it.each(['system:default/core-accounts', 'System:default/Core-Accounts'])(
        'filters by system, whatever the case: %s',
        async system => {
          const page = await store.listOwnershipGaps({
            system: entityRefKey(system),
            limit: 100,
          });
          expect(gapKeys(page.items).sort()).toEqual([
            'api:default/mainframe-gateway-api owner-mismatch',
            'api:default/mainframe-gateway-api owner-orphaned',
          ]);
        },
      );

      it('combines filters', async () => {
        expect(
          gapKeys(
            (
              await store.listOwnershipGaps({
                types: ['owner-mismatch'],
                owner: entityRefKey(ACCOUNTS),
                system: entityRefKey('system:default/payments-hub'),
                limit: 100,
              })
            ).items,
          ),
        ).toEqual(['api:default/payment-limits-api owner-mismatch']);
        expect(
          await store.listOwnershipGaps({
            types: ['owner-orphaned'],
            owner: entityRefKey(ACCOUNTS),
            limit: 100,
          }),
        ).toEqual({ items: [] });
        expect(
          await store.listOwnershipGaps({
            owner: entityRefKey('group:default/nobody-here'),
            limit: 100,
          }),
        ).toEqual({ items: [] });
      });

      it.each([1, 2, 3, 6])(
        'pages through every gap once with limit %d',
        async limit => {
          const all = (await store.listOwnershipGaps({ limit: 100 })).items;
          const paged = await collectPages(cursor =>
            store.listOwnershipGaps({ limit, cursor }),
          );
          expect(paged.items).toEqual(all);
          expect(paged.pages).toBe(Math.ceil(all.length / limit));
        },
      );

      it('pages through a filtered list without leaving the filter', async () => {
        const paged = await collectPages(cursor =>
          store.listOwnershipGaps({
            types: ['owner-mismatch'],
            limit: 1,
            cursor,
          }),
        );
        expect(gapKeys(paged.items).sort()).toEqual([
          'api:default/mainframe-gateway-api owner-mismatch',
          'api:default/payment-limits-api owner-mismatch',
        ]);
        expect(paged.pages).toBe(2);
      });

      it('accepts the largest page', async () => {
        const page = await store.listOwnershipGaps({
          limit: REPORT_PAGE_MAX_LIMIT,
        });
        expect(page.items).toHaveLength(6);
      });

      it.each(BAD_CURSORS)(
        'refuses the malformed cursor %p, naming the field',
        async cursor => {
          const error = await catchError(
            store.listOwnershipGaps({ limit: 10, cursor }),
          );
          expect(error).toBeInstanceOf(InputError);
          expect(error.message).toMatch(/^cursor/);
        },
      );

      it.each(BAD_LIMITS)(
        'refuses the limit %p, naming the field',
        async limit => {
          const error = await catchError(store.listOwnershipGaps({ limit }));
          expect(error).toBeInstanceOf(InputError);
          expect(error.message).toMatch(/^limit/);
        },
      );
    });

    describe('listTeams', () => {
      beforeEach(async () => {
        await snapshot(firstCatalog());
      });

      it('lists the teams with most APIs first, then by ref', async () => {
        const page = await store.listTeams({ limit: 100 });
        expect(page.nextCursor).toBeUndefined();
        expect(page.items.map(t => [t.groupRef, t.apis])).toEqual([
          ['group:default/kestrel-bank', 4],
          ['group:default/accounts-team', 2],
          ['group:default/retail-banking', 2],
          ['group:default/legacy-integration-team', 1],
          ['group:default/open-banking-team', 1],
          ['group:default/payments-division', 1],
          ['group:default/technology', 1],
        ]);
        expect(page.items[0]).toEqual({
          groupRef: 'group:default/kestrel-bank',
          title: 'Title of group:default/kestrel-bank',
          apis: 4,
          byStation: { 'api-design': 1, unassessed: 2, 'api-publishing': 1 },
          byStatus: { compliant: 2, 'non-compliant': 2 },
          gaps: 3,
          findings: 1,
        });
      });

      it.each([1, 2, 3, 7])(
        'pages through every team once with limit %d',
        async limit => {
          const all = (await store.listTeams({ limit: 100 })).items;
          const paged = await collectPages(cursor =>
            store.listTeams({ limit, cursor }),
          );
          expect(paged.items).toEqual(all);
          expect(paged.pages).toBe(Math.ceil(all.length / limit));
        },
      );

      it.each(BAD_CURSORS)(
        'refuses the malformed cursor %p, naming the field',
        async cursor => {
          const error = await catchError(
            store.listTeams({ limit: 10, cursor }),
          );
          expect(error).toBeInstanceOf(InputError);
          expect(error.message).toMatch(/^cursor/);
        },
      );

      it.each(BAD_LIMITS)(
        'refuses the limit %p, naming the field',
        async limit => {
          const error = await catchError(store.listTeams({ limit }));
          expect(error).toBeInstanceOf(InputError);
          expect(error.message).toMatch(/^limit/);
        },
      );
    });

    describe('listApis', () => {
      beforeEach(async () => {
        await snapshot(firstCatalog());
      });

      const refs = (page: ReportPage<{ entityRef: string }>) =>
        page.items.map(api => api.entityRef);

      it('lists every API of the snapshot by ref, gaps or not', async () => {
        const page = await store.listApis({ limit: 100 });
        expect(page.nextCursor).toBeUndefined();
        expect(refs(page)).toEqual(
          firstCatalog()
            .map(api => api.result.entityRef)
            .sort(),
        );
        expect(page.items[0]).toEqual(firstCatalog()[0].result);
      });

      it('filters by governance status, any of several', async () => {
        expect(
          refs(await store.listApis({ governance: ['compliant'], limit: 100 })),
        ).toEqual([
          'api:default/accounts-api',
          'api:partner/notifications-api',
        ]);
        expect(
          refs(await store.listApis({ governance: ['attention'], limit: 100 })),
        ).toEqual([]);
        expect(
          refs(
            await store.listApis({
              governance: ['attention', 'non-compliant'],
              limit: 100,
            }),
          ),
        ).toHaveLength(5);
      });

      it('combines the status with the owner (and its child groups) and the system', async () => {
        expect(
          refs(
            await store.listApis({
              governance: ['non-compliant'],
              owner: entityRefKey('group:default/kestrel-bank'),
              limit: 100,
            }),
          ),
        ).toEqual([
          'api:default/mainframe-gateway-api',
          'api:default/payment-limits-api',
        ]);
        expect(
          refs(
            await store.listApis({
              system: entityRefKey('system:default/core-accounts'),
              limit: 100,
            }),
          ),
        ).toEqual([
          'api:default/accounts-api',
          'api:default/mainframe-gateway-api',
        ]);
      });

      it.each([1, 2, 3, 7])(
        'pages through every API once with limit %d',
        async limit => {
          const all = (await store.listApis({ limit: 100 })).items;
          const paged = await collectPages(cursor =>
            store.listApis({ limit, cursor }),
          );
          expect(paged.items).toEqual(all);
          expect(paged.pages).toBe(Math.ceil(all.length / limit));
        },
      );

      it('refuses a cursor of a replaced snapshot', async () => {
        const first = await store.listApis({ limit: 2 });
        await snapshot(firstCatalog());
        const error = await catchError(
          store.listApis({ limit: 2, cursor: first.nextCursor }),
        );
        expect(error.name).toBe('ConflictError');
      });

      it.each(BAD_CURSORS)(
        'refuses the malformed cursor %p, naming the field',
        async cursor => {
          const error = await catchError(store.listApis({ limit: 10, cursor }));
          expect(error).toBeInstanceOf(InputError);
          expect(error.message).toMatch(/^cursor/);
        },
      );
    });

    describe('listTeamApis', () => {
      beforeEach(async () => {
        await snapshot(firstCatalog());
      });

      it("lists the APIs of a group's descendants, by ref, with its rollup", async () => {
        const found = await store.listTeamApis(
          entityRefKey('group:default/kestrel-bank'),
          {
            limit: 100,
          },
        );
        expect(found?.team).toMatchObject({
          groupRef: 'group:default/kestrel-bank',
          apis: 4,
        });
        expect(found?.page.nextCursor).toBeUndefined();
        expect(found?.page.items.map(api => api.entityRef)).toEqual([
          'api:default/accounts-api',
          'api:default/mainframe-gateway-api',
          'api:default/payment-limits-api',
          'api:partner/notifications-api',
        ]);
        expect(found?.page.items[0]).toEqual(firstCatalog()[0].result);
      });

      it('finds a group whatever the case of its ref', async () => {
        const found = await store.listTeamApis(
          entityRefKey('Group:Default/Retail-Banking'),
          {
            limit: 100,
          },
        );
        expect(found?.page.items.map(api => api.entityRef)).toEqual([
          'api:default/accounts-api',
          'api:default/payment-limits-api',
        ]);
      });

      it('pages through the APIs of a group', async () => {
        const paged = await collectPages(async cursor => {
          const found = await store.listTeamApis(
            entityRefKey('group:default/kestrel-bank'),
            {
              limit: 3,
              cursor,
            },
          );
          return found!.page;
        });
        expect(paged.pages).toBe(2);
        expect(paged.items.map(api => api.entityRef)).toEqual([
          'api:default/accounts-api',
          'api:default/mainframe-gateway-api',
          'api:default/payment-limits-api',
          'api:partner/notifications-api',
        ]);
      });

      it.each([
        'group:default/no-such-team',
        'group:default/treasury-ops',
        'user:default/maya.okafor',
      ])('answers undefined for %s, which owns no API', async ref => {
        expect(await store.listTeamApis(entityRefKey(ref), { limit: 10 })).toBe(
          undefined,
        );
      });

      it('refuses a malformed cursor and a bad limit', async () => {
        const badCursor = await catchError(
          store.listTeamApis(entityRefKey('group:default/kestrel-bank'), {
            limit: 10,
            cursor: 'nope',
          }),
        );
        expect(badCursor).toBeInstanceOf(InputError);
        expect(badCursor.message).toMatch(/^cursor/);
        const badLimit = await catchError(
          store.listTeamApis(entityRefKey('group:default/kestrel-bank'), {
            limit: 0,
          }),
        );
        expect(badLimit).toBeInstanceOf(InputError);
        expect(badLimit.message).toMatch(/^limit/);
      });
    });

    describe('history', () => {
      const pause = () => new Promise(resolve => setTimeout(resolve, 20));

      it('lists the successful runs since a time, oldest first, with their counts', async () => {
        const first = firstCatalog();
        const second = first.slice(0, 3);
        const third = first.slice(0, 5);

        const firstRun = await snapshot(first);
        await pause();
        const between = new Date();
        await pause();
        await failedRun('catalog down');
        const secondRun = await snapshot(second);
        await pause();
        const thirdRun = await snapshot(third);

        const all = await store.listHistory(new Date(0));
        expect(all).toEqual([
          {
            snapshotId: firstRun,
            computedAt: expect.stringMatching(ISO_UTC),
            ...countsOf(first),
          },
          {
            snapshotId: secondRun,
            computedAt: expect.stringMatching(ISO_UTC),
            ...countsOf(second),
          },
          {
            snapshotId: thirdRun,
            computedAt: expect.stringMatching(ISO_UTC),
            ...countsOf(third),
          },
        ]);
        expect(Date.parse(all[0].computedAt)).toBeLessThanOrEqual(
          Date.parse(all[1].computedAt),
        );

        expect(
          (await store.listHistory(between)).map(point => point.snapshotId),
        ).toEqual([secondRun, thirdRun]);
        expect(await store.listHistory(new Date(Date.now() + 60_000))).toEqual(
          [],
        );
        expect(await store.getCurrentCounts()).toEqual(countsOf(third));
      });

      it('gives at most maxPoints runs, the first and the latest kept, oldest first', async () => {
        const runs: string[] = [];
        for (let i = 0; i < 7; i++) {
          runs.push(await snapshot(firstCatalog().slice(0, i + 1)));
          await pause();
        }
        const points = await store.listHistory(new Date(0), 4);
        expect(points).toHaveLength(4);
        const ids = points.map(point => point.snapshotId);
        expect(ids[0]).toBe(runs[0]);
        expect(ids[3]).toBe(runs[6]);
        expect(ids.map(id => runs.indexOf(id))).toEqual(
          [...ids.map(id => runs.indexOf(id))].sort((a, b) => a - b),
        );
        expect(new Set(ids).size).toBe(4);
        expect(points[3]).toMatchObject({ apis: 7 });
        expect(await store.listHistory(new Date(0), 200)).toHaveLength(7);
      });

      it('keeps the counts of the latest successful run when a later run fails', async () => {
        const apis = firstCatalog();
        await snapshot(apis);
        await failedRun('catalog down');
        expect(await store.getCurrentCounts()).toEqual(countsOf(apis));
      });

      it('purges old runs but keeps the latest successful one', async () => {
        const apis = firstCatalog();
        await snapshot(apis.slice(0, 2));
        await failedRun('catalog down');
        const latest = await snapshot(apis);
        await failedRun('catalog down again');
        await pause();

        const purged = await store.purgeHistory(new Date(Date.now() + 60_000));
        expect(purged).toBe(3);

        expect(
          (await store.listHistory(new Date(0))).map(point => point.snapshotId),
        ).toEqual([latest]);
        const info = await store.getInfo();
        expect(info.id).toBe(latest);
        expect(
          await store.getApiResult(entityRefKey('api:default/fx-rates-api')),
        ).toEqual(apis[2]);
        expect(
          (await store.listOwnershipGaps({ limit: 100 })).items,
        ).toHaveLength(6);
        expect(await store.getCurrentCounts()).toEqual(countsOf(apis));
      });

      it('keeps the runs started after the cut-off', async () => {
        const oldRun = await snapshot(firstCatalog());
        await pause();
        const cutoff = new Date();
        await pause();
        const newer = await snapshot(firstCatalog());
        const newest = await snapshot(firstCatalog().slice(0, 1));

        expect(await store.purgeHistory(cutoff)).toBe(1);
        const left = (await store.listHistory(new Date(0))).map(
          point => point.snapshotId,
        );
        expect(left).toEqual([newer, newest]);
        expect(left).not.toContain(oldRun);
        expect(await store.purgeHistory(cutoff)).toBe(0);
      });

      it('purges everything old when no run ever succeeded', async () => {
        await failedRun('catalog down');
        await failedRun('catalog down');
        await pause();
        expect(await store.purgeHistory(new Date(Date.now() + 60_000))).toBe(2);
        expect((await store.getInfo()).lastRun).toBeUndefined();
      });
    });
  },
);
