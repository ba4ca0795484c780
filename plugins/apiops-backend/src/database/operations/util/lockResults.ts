import { Knex } from 'knex';
import { isPostgres } from './isPostgres';
import { snapshotTables as T } from './snapshotTables';

/**
 * Key of the PostgreSQL advisory lock taken by whatever writes the current
 * results (two 32-bit halves: 'apop' and 1): a snapshot's completion and a
 * refresh of one API, on any replica, one at a time.
 */
const RESULTS_LOCK = [0x61706f70, 1] as const;

/**
 * Serialises the writes of the current results: PostgreSQL's advisory lock,
 * held to the end of the transaction (every replica takes the same key);
 * SQLite's write lock, taken by writing first rather than when a write
 * comes after the reads (a deferred transaction that reads first can fail
 * to upgrade). `runId` names the run row the SQLite write touches (it
 * changes nothing); without it, the latest run's.
 */
export async function lockResults(
  db: Knex,
  tx: Knex.Transaction,
  runId?: string,
): Promise<void> {
  if (isPostgres(db)) {
    await tx.raw('select pg_advisory_xact_lock(?, ?)', [...RESULTS_LOCK]);
    return;
  }
  const touch = tx(T.runs);
  if (runId === undefined) {
    touch.whereIn('id', tx(T.runs).max('id'));
  } else {
    touch.where({ id: runId });
  }
  await touch.update({ status: tx.ref('status') });
}
