import { Knex } from 'knex';
import { failureReason } from '../failureReason';
import { DbSnapshotRow } from '../tables';
import { snapshotTables as T } from './util/snapshotTables';

/** Fails the runs still running that started before a time; their ids. */
export async function failRunsStartedBefore(options: {
  db: Knex;
  cutoff: Date;
  reason: string;
}): Promise<string[]> {
  const { db, cutoff, reason } = options;
  const rows: Array<Pick<DbSnapshotRow, 'id'> | number | string> =
    await db<DbSnapshotRow>(T.runs)
      .where({ status: 'running' })
      .andWhere('started_at', '<', cutoff)
      .update({
        status: 'failed',
        finished_at: new Date(),
        error: failureReason(reason),
      })
      .returning('id');
  return rows
    .map(row => String(typeof row === 'object' ? row.id : row))
    .sort((a, b) => Number(a) - Number(b));
}
