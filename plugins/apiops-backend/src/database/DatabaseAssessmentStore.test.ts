import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  ASSESSMENT_LATEST_BATCH_SIZE,
  ASSESSMENT_PAGE_MAX_LIMIT,
  NewAssessment,
} from './AssessmentStore';
import { DatabaseAssessmentStore } from './DatabaseAssessmentStore';
import { entityRefKey } from '@apiops-backstage/plugin-apiops-common';

jest.setTimeout(60_000);

const migrationsDir = path.resolve(__dirname, '../../migrations');

const PETSTORE = entityRefKey('api:default/petstore');

function databaseService(
  knex: Knex,
  migrations?: DatabaseService['migrations'],
): DatabaseService {
  return { getClient: async () => knex, migrations };
}

function newAssessment(overrides: Partial<NewAssessment> = {}): NewAssessment {
  return {
    entityRef: PETSTORE,
    cycle: 'api-productization-cycle',
    station: 'api-design',
    answers: {
      'market-research-done': 'met',
      'api-design-reviewed': 'not-met',
    },
    evidence: { 'market-research-done': 'https://wiki.example.com/research' },
    notes: { 'api-design-reviewed': 'Review booked for next sprint' },
    assessedBy: 'user:default/jane',
    ...overrides,
  };
}

async function catchError(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseAssessmentStore on %p',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let store: DatabaseAssessmentStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseAssessmentStore.create({
        database: databaseService(knex),
      });
    });

    describe('latestSince and lastId', () => {
      const pause = () => new Promise(resolve => setTimeout(resolve, 50));

      it('has no last id and nothing recent before any assessment', async () => {
        expect(await store.lastId()).toBeUndefined();
        expect(await store.latestSince(new Date(0))).toEqual([]);
      });

      it('returns the latest assessment of each entity assessed at or after a time', async () => {
        const ledger = entityRefKey('api:default/ledger');
        const first = await store.add(newAssessment({ station: 'api-design' }));
        await store.add(newAssessment({ entityRef: ledger }));
        expect(await store.lastId()).not.toBe(first.id);
        await pause();
        const since = new Date();
        await pause();
        const second = await store.add(
          newAssessment({ station: 'api-delivery' }),
        );
        expect(await store.lastId()).toBe(second.id);

        // The ledger was assessed before the time only.
        expect(await store.latestSince(since)).toEqual([second]);
        expect(
          (await store.latestSince(new Date(0)))
            .map(a => `${a.entityRef} ${a.station}`)
            .sort(),
        ).toEqual([
          'api:default/ledger api-design',
          'api:default/petstore api-delivery',
        ]);
        expect(await store.latestSince(new Date(Date.now() + 60_000))).toEqual(
          [],
        );
      });
    });

    describe('add', () => {
      it('returns the stored record with an id and an ISO 8601 UTC createdAt', async () => {
        const before = Date.now();
        const stored = await store.add(newAssessment({ note: 'First pass' }));
        const after = Date.now();

        expect(stored).toEqual({
          id: expect.stringMatching(/^[1-9][0-9]*$/),
          entityRef: PETSTORE,
          cycle: 'api-productization-cycle',
          station: 'api-design',
          answers: {
            'market-research-done': 'met',
            'api-design-reviewed': 'not-met',
          },
          evidence: {
            'market-research-done': 'https://wiki.example.com/research',
          },
          notes: { 'api-design-reviewed': 'Review booked for next sprint' },
          note: 'First pass',
          assessedBy: 'user:default/jane',
          createdAt: expect.stringMatching(
            /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
          ),
        });
        const createdAt = Date.parse(stored.createdAt);
        expect(createdAt).toBeGreaterThanOrEqual(before - 2000);
        expect(createdAt).toBeLessThanOrEqual(after + 2000);
        expect(await store.latest(PETSTORE)).toEqual(stored);
      });

      it('omits note when none was given and keeps empty maps', async () => {
        const stored = await store.add(
          newAssessment({ evidence: {}, notes: {} }),
        );
        expect(stored).not.toHaveProperty('note');
        expect(stored.evidence).toEqual({});
        expect(stored.notes).toEqual({});
        expect((await store.list(PETSTORE, { limit: 10 })).items).toEqual([
          stored,
        ]);
      });

      it('keeps unicode text intact', async () => {
        const stored = await store.add(
          newAssessment({
            notes: { 'api-design-reviewed': 'Prüfung 🚀 ändert "alles"' },
            note: 'ÅÄÖ\nzweite Zeile',
          }),
        );
        const [read] = (await store.list(PETSTORE, { limit: 1 })).items;
        expect(read.notes).toEqual({
          'api-design-reviewed': 'Prüfung 🚀 ändert "alles"',
        });
        expect(read.note).toBe('ÅÄÖ\nzweite Zeile');
        expect(read).toEqual(stored);
      });

      it('stores every one of 50 concurrent adds for one entity', async () => {
        const added = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            store.add(newAssessment({ note: `parallel ${i}` })),
          ),
        );

        expect(new Set(added.map(a => a.id)).size).toBe(50);
        const [{ count }] = await knex('apiops_assessments')
          .where({ entity_ref: PETSTORE })
          .count({ count: '*' });
        expect(Number(count)).toBe(50);
        const listed = await store.list(PETSTORE, { limit: 50 });
        expect(listed.nextCursor).toBeUndefined();
        expect(listed.items.map(a => a.note).sort()).toEqual(
          added.map(a => a.note).sort(),
        );
      });
    });

    describe('list', () => {
      it('returns the history newest first, only of the given entity', async () => {
        const first = await store.add(newAssessment({ station: 'one' }));
        await store.add(
          newAssessment({ entityRef: entityRefKey('api:default/other') }),
        );
        const second = await store.add(newAssessment({ station: 'two' }));
        const third = await store.add(newAssessment({ station: 'three' }));

        const page = await store.list(PETSTORE, { limit: 10 });
        expect(page.items.map(a => a.id)).toEqual([
          third.id,
          second.id,
          first.id,
        ]);
        expect(page.items.map(a => a.station)).toEqual(['three', 'two', 'one']);
        expect(page.nextCursor).toBeUndefined();
      });

      it('returns an empty page for an entity without assessments', async () => {
        await store.add(newAssessment());
        await expect(
          store.list(entityRefKey('api:default/unknown'), { limit: 10 }),
        ).resolves.toEqual({ items: [] });
      });

      it('pages through the whole history without duplicates or gaps', async () => {
        const added: string[] = [];
        for (let i = 0; i < 25; i++) {
          added.push((await store.add(newAssessment({ note: `#${i}` }))).id);
          if (i % 5 === 0) {
            await store.add(
              newAssessment({ entityRef: entityRefKey('api:default/noise') }),
            );
          }
        }

        const pages: string[][] = [];
        let cursor: string | undefined;
        do {
          const page = await store.list(PETSTORE, { limit: 10, cursor });
          pages.push(page.items.map(a => a.id));
          cursor = page.nextCursor;
        } while (cursor && pages.length < 10);

        expect(pages.map(p => p.length)).toEqual([10, 10, 5]);
        expect(pages.flat()).toEqual([...added].reverse());
      });

      it('has no next cursor when the last page is exactly full', async () => {
        for (let i = 0; i < 4; i++) await store.add(newAssessment());
        const first = await store.list(PETSTORE, { limit: 2 });
        expect(first.items).toHaveLength(2);
        expect(first.nextCursor).toEqual(expect.any(String));
        const second = await store.list(PETSTORE, {
          limit: 2,
          cursor: first.nextCursor,
        });
        expect(second.items).toHaveLength(2);
        expect(second.nextCursor).toBeUndefined();
      });

      it('gives opaque cursors: no raw ids', async () => {
        const stored = await store.add(newAssessment());
        await store.add(newAssessment());
        const { nextCursor } = await store.list(PETSTORE, { limit: 1 });
        expect(nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(nextCursor).not.toBe(stored.id);
        expect(nextCursor).not.toContain(':');
      });

      it.each([
        ['garbage with spaces', 'not a cursor'],
        ['an empty string', ''],
        ['base64 of a number without the version', 'MTIz'],
        ['base64url of an unknown version', 'djI6MTIz'],
        ['base64url of a non-numeric id', 'djE6YWJj'],
        ['base64url of id zero', 'djE6MA'],
        ['base64url of a negative id', 'djE6LTE'],
        ['an oversized value', 'A'.repeat(10_000)],
      ])(
        'rejects a malformed cursor (%s) with an InputError naming cursor',
        async (_, cursor) => {
          await store.add(newAssessment());
          const error = await catchError(
            store.list(PETSTORE, { limit: 10, cursor }),
          );
          expect(error).toBeInstanceOf(InputError);
          expect(error.message).toMatch(/^cursor: /);
        },
      );

      it.each([0, -1, 1.5, ASSESSMENT_PAGE_MAX_LIMIT + 1, Number.NaN])(
        'rejects limit %p with an InputError naming limit',
        async limit => {
          const error = await catchError(store.list(PETSTORE, { limit }));
          expect(error).toBeInstanceOf(InputError);
          expect(error.message).toMatch(/^limit: /);
        },
      );

      it(`accepts the maximum limit of ${ASSESSMENT_PAGE_MAX_LIMIT}`, async () => {
        await store.add(newAssessment());
        const page = await store.list(PETSTORE, {
          limit: ASSESSMENT_PAGE_MAX_LIMIT,
        });
        expect(page.items).toHaveLength(1);
      });
    });

    describe('latest', () => {
      it('is undefined for an entity without assessments', async () => {
        await store.add(
          newAssessment({ entityRef: entityRefKey('api:default/other') }),
        );
        await expect(store.latest(PETSTORE)).resolves.toBeUndefined();
      });

      it('returns the most recent assessment of the entity', async () => {
        await store.add(newAssessment({ station: 'api-design' }));
        const newest = await store.add(
          newAssessment({ station: 'api-delivery' }),
        );
        await store.add(
          newAssessment({
            entityRef: entityRefKey('api:default/other'),
            station: 'x',
          }),
        );
        await expect(store.latest(PETSTORE)).resolves.toEqual(newest);
      });
    });

    describe('entity refs', () => {
      it('are stored in lower case and compared case-insensitively', async () => {
        const stored = await store.add(
          newAssessment({ entityRef: entityRefKey('API:Default/PetStore') }),
        );
        expect(stored.entityRef).toBe(PETSTORE);

        await expect(store.latest(PETSTORE)).resolves.toEqual(stored);
        await expect(
          store.latest(entityRefKey('api:DEFAULT/petSTORE')),
        ).resolves.toEqual(stored);
        const again = await store.add(newAssessment({ entityRef: PETSTORE }));
        const page = await store.list(entityRefKey('Api:Default/Petstore'), {
          limit: 10,
        });
        expect(page.items.map(a => a.id)).toEqual([again.id, stored.id]);
      });
    });

    describe('latestForMany', () => {
      it('returns the newest assessment per entity, keyed by lower-case ref', async () => {
        await store.add(
          newAssessment({ entityRef: entityRefKey('api:default/a') }),
        );
        const a = await store.add(
          newAssessment({
            entityRef: entityRefKey('API:default/A'),
            station: 'newest-a',
          }),
        );
        const b = await store.add(
          newAssessment({ entityRef: entityRefKey('api:default/b') }),
        );
        await store.add(
          newAssessment({ entityRef: entityRefKey('api:default/not-asked') }),
        );

        const latest = await store.latestForMany([
          entityRefKey('api:default/a'),
          entityRefKey('API:DEFAULT/B'),
          entityRefKey('api:default/b'),
          entityRefKey('api:default/none'),
        ]);
        expect([...latest.keys()].sort()).toEqual([
          entityRefKey('api:default/a'),
          entityRefKey('api:default/b'),
        ]);
        expect(latest.get(entityRefKey('api:default/a'))).toEqual(a);
        expect(latest.get(entityRefKey('api:default/b'))).toEqual(b);
      });

      it('is empty for no refs', async () => {
        await store.add(newAssessment());
        await expect(store.latestForMany([])).resolves.toEqual(new Map());
      });

      it('reads more refs than fit in one batch', async () => {
        const count = ASSESSMENT_LATEST_BATCH_SIZE + 20;
        const refs = Array.from({ length: count }, (_, i) =>
          entityRefKey(`api:default/${i}`),
        );
        const first = await store.add(newAssessment({ entityRef: refs[0] }));
        const last = await store.add(
          newAssessment({ entityRef: refs[count - 1] }),
        );

        const latest = await store.latestForMany(refs);
        expect(latest.size).toBe(2);
        expect(latest.get(refs[0])).toEqual(first);
        expect(latest.get(refs[count - 1])).toEqual(last);
      });
    });

    describe('query plans', () => {
      /** The plan of each query the store runs while `run` runs. */
      async function plansOf(run: () => Promise<unknown>): Promise<string[]> {
        const queries: { sql: string; bindings: readonly unknown[] }[] = [];
        const listener = (query: { sql: string; bindings?: unknown[] }) => {
          queries.push({ sql: query.sql, bindings: query.bindings ?? [] });
        };
        knex.on('query', listener);
        try {
          await run();
        } finally {
          knex.off('query', listener);
        }
        const plans: string[] = [];
        for (const { sql, bindings } of queries) {
          const placeholders = sql.replace(/\$\d+/g, '?');
          plans.push(
            await knex.transaction(async trx => {
              if (databaseId === 'SQLITE_3') {
                const rows = await trx.raw(
                  `EXPLAIN QUERY PLAN ${placeholders}`,
                  bindings as Knex.RawBinding[],
                );
                return rows
                  .map((row: { detail: string }) => row.detail)
                  .join('\n');
              }
              // Planners pick a sequential scan on a tiny table; ask which
              // plan they would use on a large one.
              await trx.raw('SET LOCAL enable_seqscan = off');
              const result = await trx.raw(
                `EXPLAIN ${placeholders}`,
                bindings as Knex.RawBinding[],
              );
              return result.rows
                .map((row: Record<string, string>) => row['QUERY PLAN'])
                .join('\n');
            }),
          );
        }
        return plans;
      }

      it('reads the latest assessment and history pages through the (entity_ref, id) index, without sorting', async () => {
        for (let i = 0; i < 3; i++) await store.add(newAssessment());
        const { nextCursor } = await store.list(PETSTORE, { limit: 1 });

        const plans = await plansOf(async () => {
          await store.latest(PETSTORE);
          await store.list(PETSTORE, { limit: 1 });
          await store.list(PETSTORE, { limit: 1, cursor: nextCursor });
        });

        expect(plans).toHaveLength(3);
        for (const plan of plans) {
          expect(plan).toContain('apiops_assessments_entity_ref_id_idx');
          expect(plan).not.toMatch(/TEMP B-TREE|Sort|Seq Scan/);
        }
      });
    });

    describe('migrations', () => {
      it('can be rolled back and applied again', async () => {
        await store.add(newAssessment());
        expect(await knex.schema.hasTable('apiops_assessments')).toBe(true);

        await knex.migrate.rollback({ directory: migrationsDir }, true);
        expect(await knex.schema.hasTable('apiops_assessments')).toBe(false);

        await knex.migrate.latest({ directory: migrationsDir });
        const fresh = await DatabaseAssessmentStore.create({
          database: databaseService(knex),
        });
        await expect(fresh.latest(PETSTORE)).resolves.toBeUndefined();
        const stored = await fresh.add(newAssessment());
        await expect(fresh.latest(PETSTORE)).resolves.toEqual(stored);
      });

      it('runs each migration down and up again', async () => {
        const migrations = (await fs.readdir(migrationsDir))
          .filter(name => name.endsWith('.js'))
          .sort();
        for (let i = 0; i < migrations.length; i++) {
          await knex.migrate.down({ directory: migrationsDir });
        }
        expect(await knex.schema.hasTable('apiops_assessments')).toBe(false);
        for (let i = 0; i < migrations.length; i++) {
          await knex.migrate.up({ directory: migrationsDir });
        }
        expect(await knex.schema.hasTable('apiops_assessments')).toBe(true);
        await expect(store.add(newAssessment())).resolves.toHaveProperty('id');
      });

      it('are not run when the database service says to skip them', async () => {
        const other = await databases.init(databaseId);
        await DatabaseAssessmentStore.create({
          database: databaseService(other, { skip: true }),
        });
        expect(await other.schema.hasTable('apiops_assessments')).toBe(false);

        await DatabaseAssessmentStore.create({
          database: databaseService(other),
          skipMigrations: true,
        });
        expect(await other.schema.hasTable('apiops_assessments')).toBe(false);
      });
    });
  },
);

describe('DatabaseAssessmentStore on SQLite in a file', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'apiops-assessments-'));
  });

  afterEach(async () => {
    await fs.rm(directory, { recursive: true, force: true });
  });

  function connect(filename: string): Knex {
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    });
  }

  it('keeps the history across a restart', async () => {
    const filename = path.join(directory, 'apiops.sqlite');

    const firstKnex = connect(filename);
    const firstStore = await DatabaseAssessmentStore.create({
      database: databaseService(firstKnex),
    });
    const older = await firstStore.add(newAssessment({ station: 'one' }));
    const newer = await firstStore.add(
      newAssessment({ station: 'two', note: 'kept' }),
    );
    await firstKnex.destroy();

    const secondKnex = connect(filename);
    try {
      const secondStore = await DatabaseAssessmentStore.create({
        database: databaseService(secondKnex),
      });
      await expect(secondStore.list(PETSTORE, { limit: 10 })).resolves.toEqual({
        items: [newer, older],
      });
      const next = await secondStore.add(newAssessment({ station: 'three' }));
      expect(Number(next.id)).toBeGreaterThan(Number(newer.id));
    } finally {
      await secondKnex.destroy();
    }
  });
});
