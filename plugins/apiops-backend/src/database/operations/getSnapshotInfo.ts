import type { SnapshotInfo } from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import { toIsoTimestamp } from '../conversions';
import { DbApiRefreshRow, DbSnapshotRow } from '../tables';
import { lastSucceeded } from './util/lastSucceeded';
import { snapshotTables as T } from './util/snapshotTables';

/**
 * The snapshot the current results come from, the last run, and whether
 * the results are stale (no success yet, or the last finished run failed).
 */
export async function getSnapshotInfo(options: {
  db: Knex;
  /**
   * The schedule's frequency, when it is a duration: the next run is
   * expected that long after the latest started.
   */
  frequencyMs?: number;
}): Promise<SnapshotInfo> {
  const { db, frequencyMs } = options;
  const [lastRun] = await db<DbSnapshotRow>(T.runs)
    .orderBy('id', 'desc')
    .limit(1);
  const lastSuccess = await lastSucceeded(db);
  const [lastFinished] = await db<DbSnapshotRow>(T.runs)
    .whereIn('status', ['succeeded', 'failed'])
    .orderBy('id', 'desc')
    .limit(1);

  let staleReason: string | undefined;
  if (!lastSuccess) {
    staleReason =
      lastFinished?.status === 'failed'
        ? `No snapshot has succeeded yet; the last run failed: ${lastFinished.error}`
        : 'No snapshot has been taken yet';
  } else if (lastFinished?.status === 'failed') {
    staleReason = `The last snapshot failed (${toIsoTimestamp(
      lastFinished.finished_at!,
    )}): ${lastFinished.error}`;
  }

  // The latest refresh applied to the current results (those before the
  // snapshot started are deleted when it completes, or superseded by it).
  const lastRefresh: Pick<DbApiRefreshRow, 'refreshed_at'> | undefined =
    lastSuccess
      ? await db<DbApiRefreshRow>(T.refreshes)
          .orderBy('refreshed_at', 'desc')
          .first('refreshed_at')
      : undefined;
  const lastRefreshAt =
    lastRefresh &&
    Date.parse(toIsoTimestamp(lastRefresh.refreshed_at)) >=
      Date.parse(toIsoTimestamp(lastSuccess!.started_at))
      ? toIsoTimestamp(lastRefresh.refreshed_at)
      : undefined;

  return {
    id: lastSuccess ? String(lastSuccess.id) : undefined,
    computedAt: lastSuccess?.finished_at
      ? toIsoTimestamp(lastSuccess.finished_at)
      : undefined,
    stale: staleReason !== undefined,
    staleReason,
    lastRun: lastRun
      ? {
          id: String(lastRun.id),
          status: lastRun.status,
          startedAt: toIsoTimestamp(lastRun.started_at),
          finishedAt: lastRun.finished_at
            ? toIsoTimestamp(lastRun.finished_at)
            : undefined,
          error: lastRun.error ?? undefined,
        }
      : undefined,
    nextRunAt:
      lastRun && frequencyMs
        ? new Date(
            Date.parse(toIsoTimestamp(lastRun.started_at)) + frequencyMs,
          ).toISOString()
        : undefined,
    lastRefreshAt,
  };
}
