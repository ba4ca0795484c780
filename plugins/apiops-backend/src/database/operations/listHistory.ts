import type { SnapshotCounts } from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import { toIsoTimestamp } from '../conversions';
import { evenlySpaced } from '../evenlySpaced';
import { DbSnapshotRow } from '../tables';
import { snapshotTables as T } from './util/snapshotTables';

/** Ids per `whereIn` when reading the chosen summaries. */
const ID_BATCH = 500;

/**
 * Counts of the successful snapshots finished since a time, oldest first, at
 * most `maxPoints` of them evenly spaced in time. The points are chosen from
 * their ids and times only, then the summaries of the chosen ones are read
 * and parsed: a long retention never parses more than maxPoints summaries.
 */
export async function listHistory(options: {
  db: Knex;
  since: Date;
  maxPoints: number;
}): Promise<
  Array<SnapshotCounts & { snapshotId: string; computedAt: string }>
> {
  const { db, since, maxPoints } = options;
  const times = await db<DbSnapshotRow>(T.runs)
    .select('id', 'finished_at')
    .where({ status: 'succeeded' })
    .andWhere('finished_at', '>=', since)
    .orderBy('id', 'asc');
  const chosen = evenlySpaced(times, maxPoints, row =>
    Date.parse(toIsoTimestamp(row.finished_at!)),
  ).map(row => row.id);
  const rows: DbSnapshotRow[] = [];
  for (let i = 0; i < chosen.length; i += ID_BATCH) {
    rows.push(
      ...(await db<DbSnapshotRow>(T.runs)
        .whereIn('id', chosen.slice(i, i + ID_BATCH))
        .orderBy('id', 'asc')),
    );
  }
  return rows.map(row => ({
    snapshotId: String(row.id),
    computedAt: toIsoTimestamp(row.finished_at!),
    ...(JSON.parse(row.summary!) as SnapshotCounts),
  }));
}
