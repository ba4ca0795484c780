import type { ApiSnapshotResult } from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import { ApiQuery, ReportPage, StoredApiResult } from '../SnapshotStore';
import { DbApiResultRow } from '../tables';
import { checkLimit } from './util/checkLimit';
import { ownerRefsOf } from './util/ownerRefsOf';
import { readInSnapshot } from './util/readInSnapshot';
import { snapshotTables as T } from './util/snapshotTables';

/**
 * A page of the current APIs, filtered by governance status, owner (a group
 * with its descendant groups) and system, by entity ref; its cursor bound
 * to the snapshot (see `readInSnapshot`).
 */
export async function listApis(options: {
  db: Knex;
  query: ApiQuery;
}): Promise<ReportPage<ApiSnapshotResult>> {
  const { db, query } = options;
  checkLimit(query.limit);
  return readInSnapshot(
    db,
    query.cursor,
    async ({ tx, position, cursorAt }) => {
      const owners = query.owner && (await ownerRefsOf(tx, query.owner));
      const offset = position ?? 0;
      const rows: DbApiResultRow[] = await tx<DbApiResultRow>(T.apis)
        .modify(q => {
          if (query.governance?.length) {
            q.whereIn('governance_status', query.governance);
          }
          if (owners) q.whereIn('owner_ref', owners);
          if (query.system) q.where({ system_ref: query.system });
        })
        .orderBy('entity_ref', 'asc')
        .offset(offset)
        .limit(query.limit + 1);
      return {
        items: rows
          .slice(0, query.limit)
          .map(row => (JSON.parse(row.result) as StoredApiResult).result),
        nextCursor:
          rows.length > query.limit
            ? cursorAt(offset + query.limit)
            : undefined,
      };
    },
  );
}
