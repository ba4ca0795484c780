import type {
  ApiSnapshotResult,
  EntityRefKey,
  TeamApiSort,
  TeamRollup,
} from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import { ReportPage, StoredApiResult, TeamApiQuery } from '../SnapshotStore';
import { DbApiResultRow, DbTeamRollupRow } from '../tables';
import { checkLimit } from './util/checkLimit';
import { teamOwnerRefs } from './util/ownerRefsOf';
import { readInSnapshot } from './util/readInSnapshot';
import { snapshotRows } from './util/snapshotRows';
import { snapshotTables as T } from './util/snapshotTables';

/** The title as shown (the stored title, else the ref), in lower case. */
const TITLE = 'lower(coalesce(title, entity_ref))';

/** The columns each order sorts by before the title. */
const SORT_COLUMNS: Record<string, string | undefined> = {
  title: undefined,
  gaps: 'gap_count',
  findings: 'finding_count',
};

/**
 * A page of the current APIs a group owns itself or through its descendant
 * groups, in the order asked (by the title shown by default; ties by title,
 * then entity ref, so the order is total), only those whose title or name
 * contains `search` when given; undefined when the group owns no API. Its
 * cursor is bound to the snapshot (see `readInSnapshot`).
 */
export async function listTeamApis(options: {
  db: Knex;
  groupRef: EntityRefKey;
  query: TeamApiQuery;
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
        .modify(q => {
          if (query.search) whereContains(q, query.search);
          orderBy(q, query.sort ?? 'title');
        })
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

/**
 * APIs whose title or name (the part of the ref after the namespace)
 * contains the text, case-insensitive (for ASCII letters on SQLite, whose
 * `lower` knows no others), `%`, `_` and `\` matching themselves.
 */
function whereContains(q: Knex.QueryBuilder, search: string) {
  const text = search
    .toLocaleLowerCase('en-US')
    .replace(/[\\%_]/g, c => `\\${c}`);
  q.where(inner =>
    inner
      .whereRaw(`${TITLE} like ? escape '\\'`, [`%${text}%`])
      .orWhereRaw(`entity_ref like ? escape '\\'`, [`%/%${text}%`]),
  );
}

/** `title` or `-title`, `gaps`, `findings`…; ties by title, then ref. */
function orderBy(q: Knex.QueryBuilder, sort: TeamApiSort) {
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  const column = SORT_COLUMNS[key];
  const direction = descending ? 'desc' : 'asc';
  if (column) {
    q.orderBy(column, direction)
      .orderByRaw(`${TITLE} asc`)
      .orderBy('entity_ref', 'asc');
  } else {
    q.orderByRaw(`${TITLE} ${direction}`).orderBy('entity_ref', direction);
  }
}
