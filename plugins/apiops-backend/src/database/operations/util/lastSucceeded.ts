import { Knex } from 'knex';
import { DbSnapshotRow } from '../../tables';
import { snapshotTables } from './snapshotTables';

/** The latest successful run: the one the current results come from. */
export async function lastSucceeded(
  db: Knex | Knex.Transaction,
): Promise<DbSnapshotRow | undefined> {
  return db<DbSnapshotRow>(snapshotTables.runs)
    .where({ status: 'succeeded' })
    .orderBy('id', 'desc')
    .first();
}
