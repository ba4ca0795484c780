import type {
  FragmentationDismissalRecord,
  FragmentationDismissalVerdict,
} from '@apiops-backstage/plugin-apiops-common';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { toIsoTimestamp } from './conversions';
import {
  FragmentationDismissalStore,
  NewFragmentationDismissal,
} from './FragmentationDismissalStore';
import { migrateToLatest } from './migrateToLatest';
import { snapshotTables as T } from './operations/util/snapshotTables';
import { DbFragmentationDismissalRow } from './tables';

/**
 * The dismissals of fragmentation clusters in the plugin's database (SQLite
 * or PostgreSQL). A dismissal replaces the earlier one of its cluster in one
 * `INSERT … ON CONFLICT (cluster_id) DO UPDATE`: two at once never fail,
 * the last one wins.
 *
 * @internal
 */
export class DatabaseFragmentationDismissalStore
  implements FragmentationDismissalStore
{
  /**
   * Connects to the plugin's database and brings its schema up to date,
   * unless migrations are skipped by the option or by the database service.
   */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseFragmentationDismissalStore> {
    const { database } = options;
    const client = await database.getClient();
    const skip = options.skipMigrations ?? database.migrations?.skip ?? false;
    if (!skip) {
      await migrateToLatest(client);
    }
    return new DatabaseFragmentationDismissalStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async put(
    dismissal: NewFragmentationDismissal,
  ): Promise<FragmentationDismissalRecord> {
    const row: DbFragmentationDismissalRow = {
      cluster_id: dismissal.clusterId,
      verdict: dismissal.verdict,
      reason: dismissal.reason,
      fingerprint: dismissal.fingerprint,
      dismissed_by: dismissal.dismissedBy,
      dismissed_at: new Date(),
    };
    await this.db<DbFragmentationDismissalRow>(T.dismissals)
      .insert(row)
      .onConflict('cluster_id')
      .merge();
    const stored = await this.get(dismissal.clusterId);
    if (!stored) {
      throw new Error(`The dismissal of ${dismissal.clusterId} was not stored`);
    }
    return stored;
  }

  async get(
    clusterId: string,
  ): Promise<FragmentationDismissalRecord | undefined> {
    const row = await this.db<DbFragmentationDismissalRow>(T.dismissals)
      .where({ cluster_id: clusterId })
      .first();
    return row ? fromDismissalRow(row) : undefined;
  }

  async delete(clusterId: string): Promise<boolean> {
    const deleted = await this.db<DbFragmentationDismissalRow>(T.dismissals)
      .where({ cluster_id: clusterId })
      .delete();
    return deleted > 0;
  }
}

/**
 * A stored dismissal as the API returns it.
 *
 * @internal
 */
export function fromDismissalRow(
  row: DbFragmentationDismissalRow,
): FragmentationDismissalRecord {
  return {
    clusterId: row.cluster_id,
    verdict: row.verdict as FragmentationDismissalVerdict,
    reason: row.reason,
    fingerprint: row.fingerprint,
    dismissedBy: row.dismissed_by,
    dismissedAt: toIsoTimestamp(row.dismissed_at),
  };
}
