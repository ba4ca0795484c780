import { setImmediate as nextTurn } from 'node:timers/promises';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { toIsoTimestamp } from '../conversions';
import { failureReason } from '../failureReason';
import { SnapshotResults } from '../SnapshotStore';
import { DbSnapshotRow } from '../tables';
import { describeMs } from './util/describeMs';
import { isPostgres } from './util/isPostgres';
import { snapshotRows } from './util/snapshotRows';
import { snapshotTables as T } from './util/snapshotTables';

/** Rows per INSERT: well under SQLite's limit of bound variables. */
const BATCH_SIZE = 250;

/**
 * Key of the PostgreSQL advisory lock completions take (two 32-bit halves:
 * 'apop' and 1), so that one completion at a time replaces the results.
 */
const COMPLETION_LOCK = [0x61706f70, 1] as const;

/**
 * Replaces the current results with those of a run and marks it succeeded,
 * in one transaction under the completion lock; or, when the run may not
 * (see `refusalOf`), records it failed with the reason and rejects with a
 * `ConflictError`, the current results staying.
 */
export async function completeRun(options: {
  db: Knex;
  runId: string;
  results: SnapshotResults;
  runTimeoutMs: number;
}): Promise<void> {
  const { db, runId, results, runTimeoutMs } = options;
  const refusal = await db.transaction(async tx => {
    await lockCompletion(db, tx, runId);
    const refused = await refusalOf(db, tx, runId, runTimeoutMs);
    if (refused) {
      await tx<DbSnapshotRow>(T.runs)
        .where({ id: runId, status: 'running' })
        .update({
          status: 'failed',
          finished_at: new Date(),
          error: failureReason(refused),
        });
      return refused;
    }

    await tx(T.gaps).delete();
    await tx(T.apis).delete();
    await tx(T.teams).delete();
    await tx(T.members).delete();
    await tx(T.clusters).delete();

    await insertBatches(tx, T.apis, results.apis, api => [
      snapshotRows.toApiRow(api),
    ]);
    await insertBatches(tx, T.gaps, results.apis, snapshotRows.toGapRows);
    await insertBatches(tx, T.teams, results.teams, team => [
      snapshotRows.toTeamRow(team),
    ]);
    await insertBatches(tx, T.clusters, results.clusters, cluster => [
      snapshotRows.toClusterRow(cluster),
    ]);
    await insertBatches(
      tx,
      T.members,
      results.clusters,
      snapshotRows.toMemberRows,
    );

    await tx<DbSnapshotRow>(T.runs)
      .where({ id: runId })
      .update({
        status: 'succeeded',
        finished_at: new Date(),
        summary: JSON.stringify(results.counts),
      });
    return undefined;
  });
  if (refusal) {
    throw new ConflictError(
      `Snapshot ${runId} was not stored, the current results stay: ${refusal}`,
    );
  }
}

/**
 * Serialises completions: PostgreSQL's advisory lock held to the end of
 * the transaction (every replica takes the same key), SQLite's write lock,
 * taken by writing first rather than when the deletes come after the
 * reads (a deferred transaction that reads first can fail to upgrade).
 */
async function lockCompletion(db: Knex, tx: Knex.Transaction, runId: string) {
  if (isPostgres(db)) {
    await tx.raw('select pg_advisory_xact_lock(?, ?)', [...COMPLETION_LOCK]);
  } else {
    await tx(T.runs)
      .where({ id: runId })
      .update({ status: tx.ref('status') });
  }
}

/**
 * Why the run may not replace the current results, if it may not: it is
 * unknown, no longer running, past the timeout, or a run started after it
 * has stored its results (ids are in start order).
 */
async function refusalOf(
  db: Knex,
  tx: Knex.Transaction,
  runId: string,
  runTimeoutMs: number,
): Promise<string | undefined> {
  // On PostgreSQL the run's row stays locked to the commit, so that a
  // replica failing runs past the timeout waits for the outcome.
  const run = await tx<DbSnapshotRow>(T.runs)
    .where({ id: runId })
    .modify(q => {
      if (isPostgres(db)) q.forUpdate();
    })
    .first();
  if (!run) {
    return 'the run is not recorded (purged?)';
  }
  if (run.status !== 'running') {
    return `the run was already recorded ${run.status}${
      run.error ? `: ${run.error}` : ''
    }`;
  }
  const newer = await tx<DbSnapshotRow>(T.runs)
    .where({ status: 'succeeded' })
    .andWhere('id', '>', runId)
    .orderBy('id', 'desc')
    .first();
  if (newer) {
    return `superseded: snapshot ${newer.id}, started later, stored its results first`;
  }
  const startedAt = Date.parse(toIsoTimestamp(run.started_at));
  if (startedAt < Date.now() - runTimeoutMs) {
    return `timed out: ran longer than the snapshot timeout of ${describeMs(
      runTimeoutMs,
    )}`;
  }
  return undefined;
}

/**
 * Inserts the rows of `items` in batches, making the rows of one batch at a
 * time (200k APIs' rows at once would be hundreds of MB).
 */
async function insertBatches<T>(
  tx: Knex.Transaction,
  table: string,
  items: readonly T[],
  toRows: (item: T) => object[],
) {
  let batch: object[] = [];
  for (const item of items) {
    for (const row of toRows(item)) {
      batch.push(row);
      if (batch.length === BATCH_SIZE) {
        await tx(table).insert(batch);
        batch = [];
        // better-sqlite3 writes synchronously: one turn of the event loop
        // per batch keeps a large write from holding it for seconds.
        await nextTurn();
      }
    }
  }
  if (batch.length > 0) {
    await tx(table).insert(batch);
  }
}
