import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SnapshotCounts } from '@apiops-backstage/plugin-apiops-common';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { toIsoTimestamp } from '../conversions';
import { failureReason } from '../failureReason';
import { SnapshotResults, StoredApiResult } from '../SnapshotStore';
import { DbApiRefreshRow, DbApiResultRow, DbSnapshotRow } from '../tables';
import { adjustCounts, applyApiRefresh } from './refreshApi';
import { describeMs } from './util/describeMs';
import { isPostgres } from './util/isPostgres';
import { lockResults } from './util/lockResults';
import { snapshotRows } from './util/snapshotRows';
import { snapshotTables as T } from './util/snapshotTables';
import { upsertRows } from './util/upsertRows';

/** Rows per INSERT: well under SQLite's limit of bound variables. */
const BATCH_SIZE = 250;

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
    // One completion or refresh at a time, on any replica.
    await lockResults(db, tx, runId);
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
    await tx(T.teams).delete();
    await tx(T.members).delete();
    await tx(T.clusters).delete();

    await writeApiRows(tx, results.apis);
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

    const counts = await applyLaterRefreshes(tx, runId, results.counts);

    await tx<DbSnapshotRow>(T.runs)
      .where({ id: runId })
      .update({
        status: 'succeeded',
        finished_at: new Date(),
        summary: JSON.stringify(counts),
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
 * The refreshes of one API made since the run started were made with a
 * newer catalog and newer assessments than the run may have read for that
 * API: they are applied again over the run's results (rows, gaps, rollups,
 * and the counts, which this returns). The refreshes made before the run
 * started are deleted: the run read everything they did.
 */
async function applyLaterRefreshes(
  tx: Knex.Transaction,
  runId: string,
  runCounts: SnapshotCounts,
): Promise<SnapshotCounts> {
  const run = await tx<DbSnapshotRow>(T.runs).where({ id: runId }).first();
  const startedAt = Date.parse(toIsoTimestamp(run!.started_at));
  const rows: DbApiRefreshRow[] = await tx<DbApiRefreshRow>(
    T.refreshes,
  ).orderBy('id', 'asc');
  const obsolete: Array<number | string> = [];
  let counts = runCounts;
  for (const row of rows) {
    const refreshedAt = new Date(toIsoTimestamp(row.refreshed_at));
    if (refreshedAt.getTime() < startedAt) {
      obsolete.push(row.id!);
      continue;
    }
    const change = await applyApiRefresh(tx, {
      stored: JSON.parse(row.result),
      teams: JSON.parse(row.teams),
      refreshedAt,
    });
    counts = adjustCounts(counts, change);
  }
  for (let i = 0; i < obsolete.length; i += BATCH_SIZE) {
    await tx(T.refreshes)
      .whereIn('id', obsolete.slice(i, i + BATCH_SIZE))
      .delete();
  }
  return counts;
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
 * Makes the API rows those of `apis`: writes the rows whose digest differs
 * from the stored row's and deletes the rows of APIs no longer there. A
 * snapshot of a catalog that changed little writes little: rewriting all
 * rows was about 5 s of every snapshot at 200k APIs.
 */
async function writeApiRows(
  tx: Knex.Transaction,
  apis: readonly StoredApiResult[],
) {
  const stored = new Map<string, string | null>();
  const rows: Array<Pick<DbApiResultRow, 'entity_ref' | 'result_digest'>> =
    await tx<DbApiResultRow>(T.apis).select('entity_ref', 'result_digest');
  for (const row of rows) {
    stored.set(row.entity_ref, row.result_digest);
  }
  const seen = new Set<string>();
  let changed: DbApiResultRow[] = [];
  for (let i = 0; i < apis.length; i += 1) {
    const row = snapshotRows.toApiRow(apis[i]);
    if (seen.has(row.entity_ref)) {
      throw new Error(`the results have ${row.entity_ref} twice`);
    }
    seen.add(row.entity_ref);
    // A row without a digest (written before it) is written again.
    if (stored.get(row.entity_ref) !== row.result_digest) {
      changed.push(row);
    }
    stored.delete(row.entity_ref);
    if (changed.length === BATCH_SIZE) {
      await upsertApiRows(tx, changed);
      changed = [];
    }
    // Serializing and hashing every result takes seconds at 200k APIs.
    if (i % BATCH_SIZE === BATCH_SIZE - 1) await nextTurn();
  }
  await upsertApiRows(tx, changed);
  const gone = [...stored.keys()];
  for (let i = 0; i < gone.length; i += BATCH_SIZE) {
    await tx(T.apis)
      .whereIn('entity_ref', gone.slice(i, i + BATCH_SIZE))
      .delete();
  }
}

async function upsertApiRows(
  tx: Knex.Transaction,
  rows: readonly DbApiResultRow[],
) {
  await upsertRows(tx, T.apis, rows, ['entity_ref']);
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
