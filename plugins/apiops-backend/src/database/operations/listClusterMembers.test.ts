import { InputError } from '@backstage/errors';
import {
  nameCollision,
  snapshotResults,
} from '../../__testUtils__/snapshotResults';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { DatabaseSnapshotStore } from '../DatabaseSnapshotStore';

jest.setTimeout(120_000);

const refs = Array.from({ length: 7 }, (_, i) => `api:default/member-${i}-api`);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'listClusterMembers on %p',
  databaseId => {
    it('pages through the members of a cluster, in its order, and nothing else', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSnapshotStore.create({
        database: { getClient: async () => knex },
      });
      const runId = await store.startRun();
      await store.completeRun(
        runId,
        snapshotResults(2, [
          nameCollision('big', refs),
          nameCollision('small', ['api:default/a-api', 'api:default/b-api']),
        ]),
      );

      for (const limit of [1, 3, 7, 100]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const found = await store.listClusterMembers('big', {
            limit,
            cursor,
          });
          expect(found?.memberCount).toBe(7);
          seen.push(...found!.page.items.map(member => member.entityRef));
          cursor = found!.page.nextCursor;
          pages += 1;
        } while (cursor);
        expect({ limit, seen, pages }).toEqual({
          limit,
          seen: refs,
          pages: Math.ceil(refs.length / limit),
        });
      }

      expect(await store.listClusterMembers('small', { limit: 10 })).toEqual({
        memberCount: 2,
        page: {
          items: [
            expect.objectContaining({ entityRef: 'api:default/a-api' }),
            expect.objectContaining({ entityRef: 'api:default/b-api' }),
          ],
        },
      });
      expect(
        await store.listClusterMembers('no-such-cluster', { limit: 10 }),
      ).toBeUndefined();

      await expect(
        store.listClusterMembers('big', { limit: 1, cursor: 'nope' }),
      ).rejects.toThrow(InputError);
      await expect(
        store.listClusterMembers('big', { limit: 1, cursor: 'nope' }),
      ).rejects.toThrow(/^cursor: /);
      await expect(
        store.listClusterMembers('big', { limit: 0 }),
      ).rejects.toThrow(/^limit: /);
    });
  },
);
