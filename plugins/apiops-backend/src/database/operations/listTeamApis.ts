import type {
  ApiSnapshotResult,
  EntityRefKey,
  TeamRollup,
} from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import { ReportPage, StoredApiResult } from '../SnapshotStore';
import { DbApiResultRow, DbTeamRollupRow } from '../tables';
import { checkLimit } from './util/checkLimit';
import { teamOwnerRefs } from './util/ownerRefsOf';
import { readInSnapshot } from './util/readInSnapshot';
import { snapshotRows } from './util/snapshotRows';
import { snapshotTables as T } from './util/snapshotTables';

/**
 * A page of the current APIs a group owns itself or through its descendant
 * groups, by entity ref; undefined when the group owns no API. Its cursor
 * is bound to the snapshot (see `readInSnapshot`).
 */
export async function listTeamApis(options: {
  db: Knex;
  groupRef: EntityRefKey;
  query: { limit: number; cursor?: string };
}): Promise<
  { team: TeamRollup; page: ReportPage<ApiSnapshotResult> } | undefined
> {
  const { db, groupRef, query } = options;
  checkLimit(query.limit);
  return readInSnapshot(
    db,
    query.cursor,
    async ({ tx, position, cursorAt }) => {
      const teamRow = await tx<DbTeamRollupRow>(T.teams)
        .where({ group_ref: groupRef })
        .first();
      if (!teamRow) {
        return undefined;
      }
      const ownerRefs = teamOwnerRefs(teamRow);
      const offset = position ?? 0;
      const rows: DbApiResultRow[] = await tx<DbApiResultRow>(T.apis)
        .whereIn('owner_ref', ownerRefs)
        .orderBy('entity_ref', 'asc')
        .offset(offset)
        .limit(query.limit + 1);
      const items = rows
        .slice(0, query.limit)
        .map(row => (JSON.parse(row.result) as StoredApiResult).result);
      return {
        team: snapshotRows.fromTeamRow(teamRow),
        page: {
          items,
          nextCursor:
            rows.length > query.limit
              ? cursorAt(offset + query.limit)
              : undefined,
        },
      };
    },
  );
}
