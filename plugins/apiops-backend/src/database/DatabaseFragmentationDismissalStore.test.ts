import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseFragmentationDismissalStore } from './DatabaseFragmentationDismissalStore';
import { NewFragmentationDismissal } from './FragmentationDismissalStore';
import { migrationsDir } from './migrationsDir';

jest.setTimeout(60_000);

const TABLE = 'apiops_fragmentation_dismissals';

function databaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex };
}

function dismissal(
  overrides: Partial<NewFragmentationDismissal> = {},
): NewFragmentationDismissal {
  return {
    clusterId: 'duplicate-0123456789abcdef01234567',
    verdict: 'not-a-duplicate',
    reason: 'Payments and cards both list accounts, on purpose',
    fingerprint: 'f'.repeat(64),
    dismissedBy: 'user:default/ada',
    ...overrides,
  };
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseFragmentationDismissalStore on %p',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let store: DatabaseFragmentationDismissalStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseFragmentationDismissalStore.create({
        database: databaseService(knex),
      });
    });

    it('stores a dismissal and reads it back with its time', async () => {
      const before = Date.now();
      const stored = await store.put(dismissal());
      expect(stored).toEqual({
        clusterId: 'duplicate-0123456789abcdef01234567',
        verdict: 'not-a-duplicate',
        reason: 'Payments and cards both list accounts, on purpose',
        fingerprint: 'f'.repeat(64),
        dismissedBy: 'user:default/ada',
        dismissedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      });
      expect(Date.parse(stored.dismissedAt)).toBeGreaterThanOrEqual(
        before - 1000,
      );
      expect(await store.get(stored.clusterId)).toEqual(stored);
      expect(await store.get('duplicate-other')).toBeUndefined();
    });

    it('keeps one dismissal per cluster: a new one replaces it', async () => {
      await store.put(dismissal());
      const replaced = await store.put(
        dismissal({
          verdict: 'intended',
          reason: 'Kept on purpose',
          fingerprint: 'e'.repeat(64),
          dismissedBy: 'user:default/grace',
        }),
      );
      expect(replaced).toMatchObject({
        verdict: 'intended',
        reason: 'Kept on purpose',
        fingerprint: 'e'.repeat(64),
        dismissedBy: 'user:default/grace',
      });
      expect(Number((await knex(TABLE).count({ n: '*' }))[0].n)).toBe(1);
    });

    it('keeps a reason of 1000 characters and line breaks as written', async () => {
      const reason = `${'x'.repeat(990)}\nline two`.slice(0, 1000);
      const stored = await store.put(dismissal({ reason }));
      expect(stored.reason).toBe(reason);
    });

    it('takes concurrent dismissals of one cluster, the last one wins', async () => {
      await Promise.all(
        [1, 2, 3, 4, 5].map(i =>
          store.put(dismissal({ reason: `Reason ${i}` })),
        ),
      );
      expect(Number((await knex(TABLE).count({ n: '*' }))[0].n)).toBe(1);
      expect((await store.get(dismissal().clusterId))?.reason).toMatch(
        /^Reason [1-5]$/,
      );
    });

    it('deletes a dismissal and says whether there was one', async () => {
      await store.put(dismissal());
      await store.put(dismissal({ clusterId: 'overlap-1' }));
      expect(await store.delete(dismissal().clusterId)).toBe(true);
      expect(await store.delete(dismissal().clusterId)).toBe(false);
      expect(await store.get(dismissal().clusterId)).toBeUndefined();
      expect(await store.get('overlap-1')).toBeDefined();
    });

    it('has a migration that goes down and up again', async () => {
      await store.put(dismissal());
      expect(await knex.schema.hasTable(TABLE)).toBe(true);
      expect(
        await knex.schema.hasColumn(
          'apiops_fragmentation_clusters',
          'fingerprint',
        ),
      ).toBe(true);
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261207090000_fragmentation_dismissals.js',
      });
      expect(await knex.schema.hasTable(TABLE)).toBe(false);
      expect(
        await knex.schema.hasColumn(
          'apiops_fragmentation_clusters',
          'fingerprint',
        ),
      ).toBe(false);
      // The tables of earlier migrations stay.
      expect(await knex.schema.hasTable('apiops_fragmentation_clusters')).toBe(
        true,
      );
      await knex('apiops_fragmentation_clusters').insert({
        cluster_id: 'duplicate-1',
        type: 'duplicate',
        score: 1,
        cluster: '{}',
      });
      await knex.migrate.up({ directory: migrationsDir });
      expect(await knex.schema.hasTable(TABLE)).toBe(true);
      expect(await store.get(dismissal().clusterId)).toBeUndefined();
      await store.put(dismissal());
      expect(await store.get(dismissal().clusterId)).toBeDefined();
    });
  },
);
