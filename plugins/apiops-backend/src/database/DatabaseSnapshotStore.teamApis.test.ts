import {
  OwnershipIndex,
  TEAM_API_SORTS,
  TeamApiSort,
  entityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import { Entity } from '@backstage/catalog-model';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { countResults } from '../snapshot/countResults';
import { rollUpTeams } from '../snapshot/rollUpTeams';
import { DatabaseSnapshotStore } from './DatabaseSnapshotStore';
import { StoredApiResult } from './SnapshotStore';

jest.setTimeout(120_000);

const TEAM = 'group:default/payments';
const ownership = OwnershipIndex.fromEntities([
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  } as Entity,
]);

/** An API of the team; its title as shown, and counts of gaps and findings. */
function api(
  name: string,
  title: string,
  gaps = 0,
  findings = 0,
): StoredApiResult {
  return {
    result: {
      entityRef: `api:default/${name}`,
      title,
      station: { id: 'unassessed', source: 'none', cycle: 'c' },
      owner: {
        ref: TEAM,
        resolved: true,
        kind: 'group',
        gaps: Array.from({ length: gaps }, () => ({
          type: 'owner-mismatch' as const,
          severity: 'warning' as const,
          message: 'mismatch',
        })),
      },
      governance: {
        status: findings ? 'attention' : 'compliant',
        findings: Array.from({ length: findings }, (_, i) => ({
          ruleId: `rule-${i}`,
          severity: 'warning' as const,
          message: 'finding',
        })),
      },
    },
    inputs: { providers: [], consumers: [] },
  };
}

/**
 * Names sort one way and titles another: the table shows titles, so they
 * decide the order. One title has a `%`, one an `_`, to be searched as such.
 */
const APIS = [
  api('a-zeta-api', 'Zeta Payments', 0, 2),
  api('b-alpha-api', 'alpha refunds', 1, 0),
  api('c-mid-api', 'Mandates 100% API', 2, 1),
  api('d-beta-api', 'Beta_Cards', 0, 0),
  api('e-payouts', 'Alpha Payouts', 1, 1),
];

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseSnapshotStore team APIs on %p',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let store: DatabaseSnapshotStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseSnapshotStore.create({
        database: { getClient: async () => knex },
      });
      const runId = await store.startRun();
      const results = APIS.map(a => a.result);
      await store.completeRun(runId, {
        apis: APIS,
        teams: rollUpTeams(results, ownership),
        clusters: [],
        counts: countResults(results, []),
      });
    });

    afterAll(async () => {
      await knex.destroy();
    });

    /** Every title in order, a page of two at a time. */
    async function titles(query: { sort?: TeamApiSort; search?: string }) {
      const found: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listTeamApis(entityRefKey(TEAM), {
          limit: 2,
          cursor,
          ...query,
        });
        found.push(...page!.page.items.map(item => item.title));
        cursor = page!.page.nextCursor;
      } while (cursor);
      return found;
    }

    it('orders by the title shown, case-insensitive, not by the entity name, page after page', async () => {
      const byTitle = [
        'Alpha Payouts',
        'alpha refunds',
        'Beta_Cards',
        'Mandates 100% API',
        'Zeta Payments',
      ];
      expect(await titles({})).toEqual(byTitle);
      expect(await titles({ sort: 'title' })).toEqual(byTitle);
      expect(await titles({ sort: '-title' })).toEqual([...byTitle].reverse());
    });

    it('orders by gaps and findings, ties by title', async () => {
      expect(await titles({ sort: '-gaps' })).toEqual([
        'Mandates 100% API',
        'Alpha Payouts',
        'alpha refunds',
        'Beta_Cards',
        'Zeta Payments',
      ]);
      expect(await titles({ sort: 'findings' })).toEqual([
        'alpha refunds',
        'Beta_Cards',
        'Alpha Payouts',
        'Mandates 100% API',
        'Zeta Payments',
      ]);
      for (const sort of TEAM_API_SORTS) {
        expect((await titles({ sort })).sort()).toEqual(
          APIS.map(a => a.result.title).sort(),
        );
      }
    });

    it('finds the APIs whose title or name contains the text, case-insensitive, with % and _ as themselves', async () => {
      expect(await titles({ search: 'ALPHA' })).toEqual([
        'Alpha Payouts',
        'alpha refunds',
      ]);
      // In the name only (e-payouts), in the title only (Zeta Payments).
      expect(await titles({ search: 'payouts' })).toEqual(['Alpha Payouts']);
      expect(await titles({ search: 'zeta' })).toEqual(['Zeta Payments']);
      expect(await titles({ search: '100%' })).toEqual(['Mandates 100% API']);
      expect(await titles({ search: '%' })).toEqual(['Mandates 100% API']);
      expect(await titles({ search: '_' })).toEqual(['Beta_Cards']);
      // Not the kind or the namespace of the ref.
      expect(await titles({ search: 'default' })).toEqual([]);
      expect(await titles({ search: 'no such api' })).toEqual([]);
      // The team's counts are the team's, whatever the search.
      const page = await store.listTeamApis(entityRefKey(TEAM), {
        limit: 10,
        search: 'zeta',
      });
      expect(page?.team.apis).toBe(5);
    });
  },
);
