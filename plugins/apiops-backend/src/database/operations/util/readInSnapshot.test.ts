import { ConflictError, InputError } from '@backstage/errors';
import { entityRefKey } from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import {
  nameCollision,
  snapshotResults,
  WALLET_TEAM,
} from '../../../__testUtils__/snapshotResults';
import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { DatabaseSnapshotStore } from '../../DatabaseSnapshotStore';
import { ReportPage } from '../../SnapshotStore';

jest.setTimeout(120_000);

async function catchError(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

const clusters = [
  nameCollision('c1', ['api:default/a-api', 'api:default/b-api']),
  nameCollision('c2', ['api:default/c-api', 'api:default/d-api']),
  nameCollision('c3', ['api:default/e-api', 'api:default/f-api']),
];

const databases = createTestDatabases();

/*
 * Every paged report of the store binds its cursors to the snapshot of the
 * page (see readInSnapshot). Few tests, each on one database: every test is
 * a database to drop on PostgreSQL afterwards.
 */
describe.each(databases.eachSupportedId())(
  'cursors bound to their snapshot on %p',
  databaseId => {
    let store: DatabaseSnapshotStore;
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseSnapshotStore.create({
        database: { getClient: async () => knex },
      });
    });

    async function snapshot(): Promise<string> {
      const runId = await store.startRun();
      await store.completeRun(runId, snapshotResults(6, clusters));
      return runId;
    }

    /** Each paged list: its first page, and the next page of a cursor. */
    const lists: Array<
      [string, (cursor?: string) => Promise<ReportPage<unknown>>]
    > = [
      [
        'ownership gaps',
        cursor => store.listOwnershipGaps({ limit: 2, cursor }),
      ],
      [
        'fragmentation',
        cursor => store.listFragmentation({ limit: 1, cursor }),
      ],
      ['teams', cursor => store.listTeams({ limit: 1, cursor })],
      [
        'team APIs',
        async cursor =>
          (await store.listTeamApis(entityRefKey(WALLET_TEAM), {
            limit: 1,
            cursor,
          }))!.page,
      ],
      [
        'cluster members',
        async cursor =>
          (await store.listClusterMembers('c1', { limit: 1, cursor }))!.page,
      ],
    ];

    it('answers a conflict naming the cursor to a page after a new snapshot, on every list', async () => {
      const first = await snapshot();
      const pages1 = await Promise.all(lists.map(([, list]) => list()));
      for (const [index, [name, list]] of lists.entries()) {
        const cursor = pages1[index].nextCursor;
        expect({ name, cursor }).toEqual({ name, cursor: expect.any(String) });
        // Still the same snapshot: the cursor goes on.
        expect((await list(cursor)).items.length).toBeGreaterThan(0);
      }

      const second = await snapshot();
      for (const [index, [name, list]] of lists.entries()) {
        const error = await catchError(list(pages1[index].nextCursor));
        expect({ name, error }).toEqual({
          name,
          error: expect.any(ConflictError),
        });
        expect(error.message).toBe(
          `cursor: the results of snapshot ${first}, which this cursor pages through, have been replaced by snapshot ${second}; start again without a cursor to page through the current results`,
        );
        // Starting again pages through the new snapshot.
        const again = await list();
        expect((await list(again.nextCursor)).items.length).toBeGreaterThan(0);
      }
    });

    it('keeps the cursors valid through a failed run and a running one, and refuses malformed ones', async () => {
      await snapshot();
      const pages1 = await Promise.all(lists.map(([, list]) => list()));
      const failed = await store.startRun();
      await store.failRun(failed, new Error('boom'));
      await store.startRun();
      for (const [index, [name, list]] of lists.entries()) {
        const next = await list(pages1[index].nextCursor);
        expect({ name, items: next.items.length > 0 }).toEqual({
          name,
          items: true,
        });
      }

      for (const cursor of [
        Buffer.from('v1:12').toString('base64url'),
        Buffer.from('s1:12').toString('base64url'),
        Buffer.from('s1:0:5').toString('base64url'),
        Buffer.from('s1:3:0').toString('base64url'),
        Buffer.from('s1:3:x').toString('base64url'),
        Buffer.from('s1:99999999999999999:1').toString('base64url'),
      ]) {
        for (const [name, list] of lists) {
          const error = await catchError(list(cursor));
          expect({ name, cursor, error }).toEqual({
            name,
            cursor,
            error: expect.any(InputError),
          });
          expect(error.message).toMatch(/^cursor: /);
        }
      }
    });

    it('answers a conflict to a cursor of a snapshot no longer kept', async () => {
      await snapshot();
      const page1 = await store.listOwnershipGaps({ limit: 2 });
      await knex('apiops_snapshots').delete();
      const error = await catchError(
        store.listOwnershipGaps({ limit: 2, cursor: page1.nextCursor }),
      );
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.message).toMatch(
        /^cursor: .* are no longer kept; start again without a cursor/,
      );
    });

    it('never mixes two snapshots while snapshots complete between the pages', async () => {
      // Page through (three pages a walk) while a snapshot completes alongside
      // every fifth read: each walk is either complete and of one snapshot,
      // or stops with a conflict. The first walk meets a snapshot at its
      // second read, so it conflicts; the next one fits before the next.
      await snapshot();
      const all = (await store.listOwnershipGaps({ limit: 100 })).items;
      const asError = (error: Error) => error;
      const walks: unknown[][] = [];
      const errors: Error[] = [];
      let seen: unknown[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 30; i++) {
        const [page] = await Promise.all([
          store.listOwnershipGaps({ limit: 2, cursor }).catch(asError),
          i % 5 === 1 ? snapshot() : Promise.resolve(''),
        ]);
        if (page instanceof Error) {
          errors.push(page);
          cursor = undefined;
          seen = [];
          continue;
        }
        seen = [...seen, ...page.items];
        cursor = page.nextCursor;
        if (!cursor) {
          walks.push(seen);
          seen = [];
        }
      }
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.map(error => error.name)).toEqual(
        errors.map(() => 'ConflictError'),
      );
      expect(walks.length).toBeGreaterThan(0);
      expect(walks).toEqual(walks.map(() => all));
    });
  },
);
