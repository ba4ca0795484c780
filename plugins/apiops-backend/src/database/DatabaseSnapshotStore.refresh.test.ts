import {
  ApiSnapshotResult,
  GovernanceStatus,
  OwnerGapType,
  OwnershipIndex,
  entityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import { Entity } from '@backstage/catalog-model';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { countResults } from '../snapshot/countResults';
import { rollUpTeams } from '../snapshot/rollUpTeams';
import { DatabaseSnapshotStore } from './DatabaseSnapshotStore';
import {
  ApiRefresh,
  ReportPage,
  SnapshotResults,
  StoredApiResult,
} from './SnapshotStore';

jest.setTimeout(120_000);

const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const TEAM_C = 'group:default/team-c';

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title: `Title of ${name}` },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});

/** A bank with three teams; team C owns nothing in the first snapshot. */
const ownership = OwnershipIndex.fromEntities([
  group('bank'),
  group('team-a', 'bank'),
  group('team-b', 'bank'),
  group('team-c', 'bank'),
]);

function api(
  name: string,
  owner: string | undefined,
  options: {
    station?: string;
    gaps?: OwnerGapType[];
    findings?: string[];
    title?: string;
  } = {},
): StoredApiResult {
  const gaps = options.gaps ?? (owner ? [] : ['owner-missing' as const]);
  const findings = options.findings ?? [];
  let status: GovernanceStatus = 'compliant';
  if (gaps.length > 0) status = 'non-compliant';
  else if (findings.length > 0) status = 'attention';
  return {
    result: {
      entityRef: `api:default/${name}`,
      title: options.title ?? `Title of ${name}`,
      station: {
        id: options.station ?? 'unassessed',
        source: options.station ? 'assessment' : 'none',
        cycle: 'api-productization-cycle',
      },
      owner: {
        ref: owner,
        resolved: owner !== undefined,
        kind: owner ? 'group' : undefined,
        gaps: gaps.map(type => ({
          type,
          severity: 'error',
          message: `${type} of ${name}`,
        })),
      },
      governance: {
        status,
        findings: findings.map(ruleId => ({
          ruleId,
          severity: 'warning',
          message: `${ruleId} of ${name}`,
        })),
      },
    },
    inputs: { providers: [], consumers: [] },
  };
}

/** What a snapshot of these APIs writes: the real rollup and counts. */
function resultsOf(apis: StoredApiResult[]): SnapshotResults {
  const results = apis.map(a => a.result);
  return {
    apis,
    teams: rollUpTeams(results, ownership),
    clusters: [],
    counts: countResults(results, []),
  };
}

/** A refresh of the API to this result, made at `at`. */
function refreshOf(stored: StoredApiResult, at = new Date()): ApiRefresh {
  const owner = stored.result.owner.ref;
  return {
    stored: {
      ...stored,
      result: { ...stored.result, refreshedAt: at.toISOString() },
    },
    teams:
      owner && stored.result.owner.kind === 'group'
        ? ownership.getGroupAndAncestors(entityRefKey(owner)).map(ref => ({
            groupRef: ref,
            title: ownership.getEntry(ref)?.title ?? ref,
          }))
        : [],
    refreshedAt: at,
    refreshedBy: 'user:default/ada',
  };
}

async function allItems<T>(
  read: (cursor?: string) => Promise<ReportPage<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const withoutRefresh = ({ refreshedAt: _r, ...rest }: ApiSnapshotResult) =>
  rest;

/**
 * The current results are exactly those a snapshot of `apis` would have
 * written: each API's row, the gaps, every team rollup (and the APIs each
 * lists), and the counts.
 */
async function expectResultsOf(
  store: DatabaseSnapshotStore,
  apis: StoredApiResult[],
) {
  const expected = resultsOf(apis);
  const stored = await store.getApiResults(
    apis.map(a => entityRefKey(a.result.entityRef)),
  );
  expect(stored.size).toBe(apis.length);
  for (const a of apis) {
    expect(
      withoutRefresh(stored.get(entityRefKey(a.result.entityRef))!.result),
    ).toEqual(withoutRefresh(a.result));
  }
  const gaps = await allItems(cursor =>
    store.listOwnershipGaps({ limit: 1000, cursor }),
  );
  expect(gaps.map(g => `${g.entityRef} ${g.type}`).sort()).toEqual(
    apis
      .flatMap(a =>
        a.result.owner.gaps.map(g => `${a.result.entityRef} ${g.type}`),
      )
      .sort(),
  );
  const teams = await allItems(cursor =>
    store.listTeams({ limit: 1000, cursor }),
  );
  const sortByRef = <T extends { groupRef: string }>(list: T[]) =>
    [...list].sort((x, y) => x.groupRef.localeCompare(y.groupRef));
  expect(sortByRef(teams).map(({ refreshedAt: _r, ...team }) => team)).toEqual(
    sortByRef(expected.teams).map(({ ownerRefs: _o, ...team }) => team),
  );
  for (const team of expected.teams) {
    const found = await store.listTeamApis(entityRefKey(team.groupRef), {
      limit: 1000,
    });
    const owners = new Set(team.ownerRefs);
    expect(found!.page.items.map(a => a.entityRef).sort()).toEqual(
      apis
        .filter(a => owners.has(a.result.owner.ref!))
        .map(a => a.result.entityRef)
        .sort(),
    );
  }
  expect(await store.getCurrentCounts()).toEqual(expected.counts);
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseSnapshotStore refreshes on %p',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let store: DatabaseSnapshotStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseSnapshotStore.create({
        database: { getClient: async () => knex },
        frequency: { minutes: 30 },
      });
    });

    afterEach(async () => {
      await knex.destroy();
    });

    async function snapshot(apis: StoredApiResult[]) {
      const runId = await store.startRun();
      await store.completeRun(runId, resultsOf(apis));
      return runId;
    }

    const first = () => [
      api('accounts-api', TEAM_A, { station: 'api-design' }),
      api('cards-api', TEAM_A, { findings: ['description-present'] }),
      api('loans-api', TEAM_B),
      api('orphan-api', undefined),
    ];

    it('refuses a refresh before the first snapshot, naming why', async () => {
      await expect(
        store.refreshApi(refreshOf(api('accounts-api', TEAM_A))),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringMatching(/^No snapshot has succeeded yet/),
      });
      expect(await store.lastRefreshId()).toBeUndefined();
    });

    it("replaces the API's row, its gaps, the rollups that count it and the counts, as a snapshot of the new results would", async () => {
      const apis = first();
      await snapshot(apis);
      const before = await store.getInfo();
      expect(before.lastRefreshAt).toBeUndefined();

      // Accounts API moves on and gets a finding; the orphan gets an owner.
      const accounts = api('accounts-api', TEAM_A, {
        station: 'api-delivery',
        findings: ['lifecycle-station-consistency'],
      });
      const orphan = api('orphan-api', TEAM_B, { station: 'api-design' });
      const at = new Date();
      expect(await store.refreshApi(refreshOf(accounts, at))).toBe('applied');
      const firstId = await store.lastRefreshId();
      expect(await store.refreshApi(refreshOf(orphan))).toBe('applied');
      expect(Number(await store.lastRefreshId())).toBeGreaterThan(
        Number(firstId),
      );

      await expectResultsOf(store, [accounts, apis[1], apis[2], orphan]);
      const refreshed = await store.getApiResult(
        entityRefKey('api:default/accounts-api'),
      );
      expect(refreshed?.result.refreshedAt).toBe(at.toISOString());
      const teamA = await store.listTeamApis(entityRefKey(TEAM_A), {
        limit: 10,
      });
      expect(teamA?.team.refreshedAt).toBe(at.toISOString());
      const info = await store.getInfo();
      expect(info.id).toBe(before.id);
      expect(Date.parse(info.lastRefreshAt!)).toBeGreaterThanOrEqual(
        at.getTime(),
      );
    });

    it('moves an API between teams, creating and deleting rollups, and counts an API the snapshot did not have', async () => {
      const apis = [
        api('accounts-api', TEAM_A),
        api('loans-api', TEAM_B),
        api('leases-api', TEAM_B),
      ];
      await snapshot(apis);
      // Team A's only API goes to team C, which had none; a new API of
      // team B shows before the next snapshot.
      const moved = api('accounts-api', TEAM_C, { gaps: ['owner-mismatch'] });
      const added = api('savings-api', TEAM_B, { station: 'api-design' });
      await store.refreshApi(refreshOf(moved));
      await store.refreshApi(refreshOf(added));

      await expectResultsOf(store, [moved, apis[1], apis[2], added]);
      expect(
        await store.listTeamApis(entityRefKey(TEAM_A), { limit: 10 }),
      ).toBeUndefined();
      expect((await store.getCurrentCounts())?.apis).toBe(4);
    });

    it('leaves the results alone when a snapshot, or a refresh of the API, started after the refresh', async () => {
      const apis = first();
      const early = new Date(Date.now() - 60_000);
      await snapshot(apis);
      expect(
        await store.refreshApi(
          refreshOf(
            api('accounts-api', TEAM_B, { station: 'api-audit' }),
            early,
          ),
        ),
      ).toBe('superseded');
      await expectResultsOf(store, apis);

      const later = api('accounts-api', TEAM_A, { station: 'api-audit' });
      await store.refreshApi(refreshOf(later, new Date()));
      const older = api('accounts-api', TEAM_A, { station: 'api-design' });
      expect(
        await store.refreshApi(refreshOf(older, new Date(Date.now() - 1_000))),
      ).toBe('superseded');
      await expectResultsOf(store, [later, ...apis.slice(1)]);
    });

    it('applies again the refreshes made while a snapshot ran, and forgets those its successor saw', async () => {
      await snapshot(first());
      const running = await store.startRun();
      // Made while the run reads the catalog, which still has the old values.
      const refreshed = api('cards-api', TEAM_B, { station: 'api-publishing' });
      await store.refreshApi(refreshOf(refreshed));
      const runResults = [
        ...first(),
        api('savings-api', TEAM_C, { station: 'api-design' }),
      ];
      await store.completeRun(running, resultsOf(runResults));

      const expected = runResults.map(a =>
        a.result.entityRef === 'api:default/cards-api' ? refreshed : a,
      );
      await expectResultsOf(store, expected);
      expect((await store.getInfo()).lastRefreshAt).toBeDefined();

      // A run that starts after the refresh saw it: its own values stand.
      await new Promise(resolve => setTimeout(resolve, 5));
      const next = first();
      await snapshot(next);
      await expectResultsOf(store, next);
      expect((await store.getInfo()).lastRefreshAt).toBeUndefined();
      const [{ n }] = await knex('apiops_api_refreshes').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it('expects the next run a frequency after the latest started', async () => {
      const runId = await snapshot(first());
      const info = await store.getInfo();
      expect(info.lastRun?.id).toBe(runId);
      expect(
        Date.parse(info.nextRunAt!) - Date.parse(info.lastRun!.startedAt),
      ).toBe(30 * 60_000);

      const cron = await DatabaseSnapshotStore.create({
        database: { getClient: async () => knex },
        skipMigrations: true,
        frequency: { cron: '*/5 * * * *' },
      });
      expect((await cron.getInfo()).nextRunAt).toBeUndefined();
    });

    if (databaseId.startsWith('POSTGRES')) {
      it('keeps the rollups exact when replicas refresh the APIs of one team at once, while a snapshot completes', async () => {
        await snapshot(first());
        const replicas = [0, 1].map(() =>
          knexFactory({
            client: 'pg',
            connection: knex.client.config.connection,
            pool: { min: 0, max: 3 },
          }),
        );
        try {
          const stores = await Promise.all(
            replicas.map(replica =>
              DatabaseSnapshotStore.create({
                database: { getClient: async () => replica },
                skipMigrations: true,
              }),
            ),
          );
          const running = await stores[0].startRun();
          const names = Array.from({ length: 12 }, (_, i) => `team-api-${i}`);
          const refreshed = names.map((name, i) =>
            api(name, i % 2 ? TEAM_A : TEAM_C, {
              station: 'api-design',
              findings: i % 3 ? [] : ['description-present'],
            }),
          );
          await Promise.all([
            ...refreshed.map((stored, i) =>
              stores[i % 2].refreshApi(refreshOf(stored)),
            ),
            stores[1].completeRun(running, resultsOf(first())),
          ]);
          await expectResultsOf(store, [...first(), ...refreshed]);
          expect((await store.getInfo()).id).toBe(running);
        } finally {
          await Promise.all(replicas.map(replica => replica.destroy()));
        }
      });
    }
  },
);
