import { Knex } from 'knex';
import { DbSnapshotRow } from '../tables';
import { lastSucceeded } from './util/lastSucceeded';
import { snapshotTables as T } from './util/snapshotTables';

/**
 * Deletes the runs finished before a time, keeping the latest successful
 * one (the current results come from it); the number deleted.
 */
export async function purgeHistory(options: {
  db: Knex;
  before: Date;
}): Promise<number> {
  const { db, before } = options;
  const keep = await lastSucceeded(db);
  return db<DbSnapshotRow>(T.runs)
    .whereIn('status', ['succeeded', 'failed'])
    .andWhere('finished_at', '<', before)
    .modify(q => {
      if (keep) q.whereNot({ id: keep.id });
    })
    .delete();
}
