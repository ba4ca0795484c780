import type { TeamRollup } from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import { ReportPage } from '../SnapshotStore';
import { DbTeamRollupRow } from '../tables';
import { checkLimit } from './util/checkLimit';
import { readInSnapshot } from './util/readInSnapshot';
import { snapshotRows } from './util/snapshotRows';
import { snapshotTables as T } from './util/snapshotTables';

/**
 * A page of the current team rollups, most APIs first; its cursor bound to
 * the snapshot (see `readInSnapshot`).
 */
export async function listTeams(options: {
  db: Knex;
  query: { limit: number; cursor?: string };
}): Promise<ReportPage<TeamRollup>> {
  const { db, query } = options;
  checkLimit(query.limit);
  return readInSnapshot(
    db,
    query.cursor,
    async ({ tx, position, cursorAt }) => {
      const offset = position ?? 0;
      const rows: DbTeamRollupRow[] = await tx<DbTeamRollupRow>(T.teams)
        .orderBy([
          { column: 'api_count', order: 'desc' },
          { column: 'group_ref', order: 'asc' },
        ])
        .offset(offset)
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      return {
        items: page.map(snapshotRows.fromTeamRow),
        nextCursor:
          rows.length > query.limit
            ? cursorAt(offset + query.limit)
            : undefined,
      };
    },
  );
}
