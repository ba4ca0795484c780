import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import path from 'node:path';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import type { DefinitionFeaturesResult } from '../fragmentation/extractDefinitionFeatures';
import {
  DEFINITION_FEATURES_READ_BATCH,
  DEFINITION_FEATURES_WRITE_BATCH,
  DatabaseDefinitionFeatureStore,
} from './DatabaseDefinitionFeatureStore';
import {
  DEFINITION_FEATURES_VERSION,
  FEATURE_TOUCH_INTERVAL_MS,
  STOPPED_RETRY_MS,
  isStoppedAnalysis,
} from './DefinitionFeatureStore';

jest.setTimeout(60_000);

const migrationsDir = path.resolve(__dirname, '../../migrations');
const TABLE = 'apiops_definition_features';
const DAY = 24 * 60 * 60 * 1000;

function databaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex };
}

function features(i: number): DefinitionFeaturesResult {
  return {
    features: {
      operations: [`GET /things${i}`, `POST /things${i}`],
      style: { pathCasing: 'kebab' },
    },
  } as unknown as DefinitionFeaturesResult;
}

const PARSE_ERROR: DefinitionFeaturesResult = {
  problem: 'spec.definition: not valid YAML',
  definitionProblem:
    'spec.definition: not valid YAML: unexpected end of the stream at line 2',
};
const TIMED_OUT: DefinitionFeaturesResult = {
  problem: 'spec.definition: analysis timed out: it took more than 60 s',
  definitionProblem:
    'spec.definition: analysis timed out: it took more than 60 s',
};

const hash = (i: number) => `hash-${String(i).padStart(6, '0')}`;

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseDefinitionFeatureStore on %p',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let store: DatabaseDefinitionFeatureStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseDefinitionFeatureStore.create({
        database: databaseService(knex),
      });
    });

    async function usedAt(h: string): Promise<number | undefined> {
      const row = await knex(TABLE).where({ hash: h }).first();
      if (!row) return undefined;
      const value = row.last_used_at;
      return value instanceof Date ? value.getTime() : Number(value);
    }

    it('gives back what was stored, features and problems with their precise message', async () => {
      await store.putMany([
        { hash: hash(1), result: features(1) },
        { hash: hash(2), result: PARSE_ERROR },
      ]);
      const found = await store.getMany([hash(1), hash(2), hash(3)]);
      expect(found.size).toBe(2);
      expect(found.get(hash(1))?.result).toEqual(features(1));
      expect(found.get(hash(2))?.result).toEqual(PARSE_ERROR);
      expect(found.has(hash(3))).toBe(false);
    });

    it('reads and writes more hashes than fit in one statement', async () => {
      const count =
        Math.max(
          DEFINITION_FEATURES_READ_BATCH,
          DEFINITION_FEATURES_WRITE_BATCH,
        ) *
          2 +
        7;
      const entries = Array.from({ length: count }, (_, i) => ({
        hash: hash(i),
        result: features(i),
      }));
      await store.putMany(entries);
      const found = await store.getMany(entries.map(e => e.hash));
      expect(found.size).toBe(count);
      expect(found.get(hash(count - 1))?.result).toEqual(features(count - 1));
    });

    it('never stores a transient result', async () => {
      await store.putMany([
        { hash: hash(1), result: { ...TIMED_OUT, transient: true } },
      ]);
      const [{ n }] = await knex(TABLE).count({ n: '*' });
      expect(Number(n)).toBe(0);
      expect((await store.getMany([hash(1)])).size).toBe(0);
    });

    it('keeps a stopped analysis until it expires, and never over a complete result', async () => {
      expect(isStoppedAnalysis(TIMED_OUT)).toBe(true);
      expect(isStoppedAnalysis(PARSE_ERROR)).toBe(false);
      const past = new Date(Date.now() - STOPPED_RETRY_MS - 1000);
      await store.putMany([{ hash: hash(1), result: TIMED_OUT }], past);
      await store.putMany([{ hash: hash(2), result: TIMED_OUT }]);
      let found = await store.getMany([hash(1), hash(2)]);
      expect([...found.keys()]).toEqual([hash(2)]);

      // Parsed again elsewhere: the complete result replaces the timeout...
      await store.putMany([{ hash: hash(2), result: features(2) }]);
      // ...and a later timeout (an overloaded replica) does not replace it.
      await store.putMany([
        { hash: hash(2), result: TIMED_OUT },
        { hash: hash(1), result: TIMED_OUT },
      ]);
      found = await store.getMany([hash(1), hash(2)]);
      expect(found.get(hash(2))?.result).toEqual(features(2));
      expect(found.get(hash(1))?.result).toEqual(TIMED_OUT);
    });

    it('does not read rows of another extraction version', async () => {
      await store.putMany([{ hash: hash(1), result: features(1) }]);
      await knex(TABLE)
        .where({ hash: hash(1) })
        .update({ version: DEFINITION_FEATURES_VERSION - 1 });
      expect((await store.getMany([hash(1)])).size).toBe(0);
      // Overwritten by the current version, even with a stopped analysis.
      await store.putMany([{ hash: hash(1), result: TIMED_OUT }]);
      expect((await store.getMany([hash(1)])).get(hash(1))?.result).toEqual(
        TIMED_OUT,
      );
    });

    it('takes concurrent writers of the same hashes (one row each, no error)', async () => {
      const entries = Array.from({ length: 450 }, (_, i) => ({
        hash: hash(i),
        result: features(i),
      }));
      const other = await DatabaseDefinitionFeatureStore.create({
        database: databaseService(knex),
        skipMigrations: true,
      });
      // The same hashes in different orders, and twice in one call.
      await Promise.all([
        store.putMany(entries),
        other.putMany([...entries].reverse()),
        store.putMany([...entries, ...entries]),
        other.putMany(entries.slice(100, 300)),
      ]);
      const [{ n }] = await knex(TABLE).count({ n: '*' });
      expect(Number(n)).toBe(450);
      const found = await other.getMany(entries.map(e => e.hash));
      expect(found.get(hash(449))?.result).toEqual(features(449));
    });

    it('marks rows read as used, at most once a day', async () => {
      const old = new Date(Date.now() - FEATURE_TOUCH_INTERVAL_MS - DAY);
      const recent = new Date(Date.now() - 60_000);
      await store.putMany([{ hash: hash(1), result: features(1) }], old);
      await store.putMany([{ hash: hash(2), result: features(2) }], recent);
      const before = Date.now();
      const found = await store.getMany([hash(1), hash(2)]);
      expect(await usedAt(hash(1))).toBeGreaterThanOrEqual(before - 1000);
      expect(found.get(hash(1))!.usedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(await usedAt(hash(2))).toBe(recent.getTime());
      expect(found.get(hash(2))!.usedAt).toBe(recent.getTime());

      await store.touch([hash(2)], new Date(before + 5000));
      expect(await usedAt(hash(2))).toBe(before + 5000);
    });

    it('prunes rows unused since the cutoff, expired and of other versions, then the least recently used beyond the cap', async () => {
      const now = Date.now();
      const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
      // 10 rows used 0..9 days ago.
      for (let i = 0; i < 10; i++) {
        await store.putMany([{ hash: hash(i), result: features(i) }], at(i));
      }
      await store.putMany([{ hash: hash(20), result: TIMED_OUT }], at(2));
      await store.putMany([{ hash: hash(21), result: features(21) }], at(0));
      await knex(TABLE)
        .where({ hash: hash(21) })
        .update({ version: DEFINITION_FEATURES_VERSION + 1 });

      // Not used for more than 7 days (8, 9), expired (20), other version (21).
      expect(
        await store.prune({
          unusedSince: at(7.5),
          maxRows: 100,
          now: new Date(now),
        }),
      ).toBe(4);
      expect(await usedAt(hash(7))).toBeDefined();
      expect(await usedAt(hash(8))).toBeUndefined();

      // Capped at 5 rows: the oldest used go first (7, 6, 5).
      expect(
        await store.prune({
          unusedSince: at(30),
          maxRows: 5,
          now: new Date(now),
        }),
      ).toBe(3);
      const left = (await knex(TABLE).select('hash').orderBy('hash')).map(
        r => r.hash,
      );
      expect(left).toEqual([hash(0), hash(1), hash(2), hash(3), hash(4)]);

      expect(
        await store.prune({
          unusedSince: at(30),
          maxRows: 0,
          now: new Date(now),
        }),
      ).toBe(5);
    });

    it('has a migration that goes down and up again', async () => {
      await store.putMany([{ hash: hash(1), result: features(1) }]);
      expect(await knex.schema.hasTable(TABLE)).toBe(true);
      // Its own migration, whichever migrations came after it.
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261206120000_definition_features.js',
      });
      expect(await knex.schema.hasTable(TABLE)).toBe(false);
      // The tables of earlier migrations stay.
      expect(await knex.schema.hasTable('apiops_snapshots')).toBe(true);
      await knex.migrate.up({ directory: migrationsDir });
      expect(await knex.schema.hasTable(TABLE)).toBe(true);
      expect((await store.getMany([hash(1)])).size).toBe(0);
      await store.putMany([{ hash: hash(1), result: features(1) }]);
      expect((await store.getMany([hash(1)])).size).toBe(1);
    });
  },
);
