import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import type { DefinitionFeaturesResult } from '../fragmentation/extractDefinitionFeatures';
import { toIsoTimestamp } from './conversions';
import {
  DEFINITION_FEATURES_VERSION,
  DefinitionFeatureStore,
  FEATURE_TOUCH_INTERVAL_MS,
  STOPPED_RETRY_MS,
  StoredDefinitionFeatures,
  isStoppedAnalysis,
} from './DefinitionFeatureStore';
import { migrateToLatest } from './migrateToLatest';
import { upsertRows } from './operations/util/upsertRows';
import { DbDefinitionFeaturesRow } from './tables';

const TABLE = 'apiops_definition_features';

/**
 * Hashes per read or touch: one bound parameter each, far below the limits
 * of SQLite (32,766) and PostgreSQL (65,535).
 */
export const DEFINITION_FEATURES_READ_BATCH = 500;
/** Rows per insert: 5 bound parameters each. */
export const DEFINITION_FEATURES_WRITE_BATCH = 200;

/**
 * The definition features in the plugin's database (SQLite or PostgreSQL).
 *
 * Writes are `INSERT … ON CONFLICT (hash) DO UPDATE`, one statement per
 * batch with its rows in hash order, the batches of a write in one
 * transaction: two replicas writing the same hashes at once neither fail
 * nor deadlock, and the last one wins with the same result (the extraction
 * is deterministic).
 *
 * @internal
 */
export class DatabaseDefinitionFeatureStore implements DefinitionFeatureStore {
  /**
   * Connects to the plugin's database and brings its schema up to date,
   * unless migrations are skipped by the option or by the database service
   * (`backend.database.skipMigrations`).
   */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseDefinitionFeatureStore> {
    const { database } = options;
    const client = await database.getClient();
    const skip = options.skipMigrations ?? database.migrations?.skip ?? false;
    if (!skip) {
      await migrateToLatest(client);
    }
    return new DatabaseDefinitionFeatureStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async getMany(
    hashes: readonly string[],
  ): Promise<Map<string, StoredDefinitionFeatures>> {
    const unique = [...new Set(hashes)];
    const found = new Map<string, StoredDefinitionFeatures>();
    const now = Date.now();
    const stale: string[] = [];
    for (let i = 0; i < unique.length; i += DEFINITION_FEATURES_READ_BATCH) {
      const batch = unique.slice(i, i + DEFINITION_FEATURES_READ_BATCH);
      const rows: Array<
        Pick<DbDefinitionFeaturesRow, 'hash' | 'result' | 'last_used_at'>
      > = await this.db<DbDefinitionFeaturesRow>(TABLE)
        .select('hash', 'result', 'last_used_at')
        .whereIn('hash', batch)
        .andWhere('version', DEFINITION_FEATURES_VERSION)
        .andWhere(q =>
          q.whereNull('expires_at').orWhere('expires_at', '>', new Date(now)),
        );
      for (const row of rows) {
        let usedAt = Date.parse(toIsoTimestamp(row.last_used_at));
        if (usedAt < now - FEATURE_TOUCH_INTERVAL_MS) {
          stale.push(row.hash);
          usedAt = now;
        }
        found.set(row.hash, { result: JSON.parse(row.result), usedAt });
      }
    }
    await this.touch(stale, new Date(now));
    return found;
  }

  async putMany(
    entries: ReadonlyArray<{ hash: string; result: DefinitionFeaturesResult }>,
    now: Date = new Date(),
  ): Promise<void> {
    // One row per hash (a page may hold the same definition twice: one
    // statement may not update a row twice), in hash order (concurrent
    // writers lock rows in the same order).
    const byHash = new Map<string, DbDefinitionFeaturesRow>();
    for (const { hash, result } of entries) {
      if (result.transient) {
        continue;
      }
      byHash.set(hash, {
        hash,
        version: DEFINITION_FEATURES_VERSION,
        result: JSON.stringify(result),
        expires_at: isStoppedAnalysis(result)
          ? new Date(now.getTime() + STOPPED_RETRY_MS)
          : null,
        last_used_at: now,
      });
    }
    const rows = [...byHash.keys()].sort().map(hash => byHash.get(hash)!);
    if (rows.length === 0) return;
    // One transaction: one commit (on SQLite, one sync to disk) for all
    // the rows, not one per statement. Its statements lock rows in hash
    // order, as a concurrent writer's do.
    await this.db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += DEFINITION_FEATURES_WRITE_BATCH) {
        await upsertRows(
          tx,
          TABLE,
          rows.slice(i, i + DEFINITION_FEATURES_WRITE_BATCH),
          ['hash'],
          {
            update: ['version', 'result', 'expires_at', 'last_used_at'],
            // A stopped analysis replaces only another stopped analysis or
            // a row of another version, never a complete result.
            where: {
              sql: `(excluded.expires_at is null or "${TABLE}".expires_at is not null or "${TABLE}".version <> ?)`,
              bindings: [DEFINITION_FEATURES_VERSION],
            },
          },
        );
      }
    });
  }

  async touch(
    hashes: readonly string[],
    now: Date = new Date(),
  ): Promise<void> {
    const unique = [...new Set(hashes)].sort();
    for (let i = 0; i < unique.length; i += DEFINITION_FEATURES_READ_BATCH) {
      await this.db<DbDefinitionFeaturesRow>(TABLE)
        .whereIn('hash', unique.slice(i, i + DEFINITION_FEATURES_READ_BATCH))
        .update({ last_used_at: now });
    }
  }

  async prune(options: {
    unusedSince: Date;
    maxRows: number;
    now?: Date;
  }): Promise<number> {
    const { unusedSince, maxRows } = options;
    const now = options.now ?? new Date();
    let removed = await this.db<DbDefinitionFeaturesRow>(TABLE)
      .where('last_used_at', '<', unusedSince)
      .orWhere('expires_at', '<=', now)
      .orWhere('version', '<>', DEFINITION_FEATURES_VERSION)
      .delete();
    const [{ count }] = await this.db(TABLE).count({ count: '*' });
    const excess = Number(count) - Math.max(0, maxRows);
    if (excess > 0) {
      removed += await this.db<DbDefinitionFeaturesRow>(TABLE)
        .whereIn(
          'hash',
          this.db<DbDefinitionFeaturesRow>(TABLE)
            .select('hash')
            .orderBy([
              { column: 'last_used_at', order: 'asc' },
              { column: 'hash', order: 'asc' },
            ])
            .limit(excess),
        )
        .delete();
    }
    return removed;
  }
}
