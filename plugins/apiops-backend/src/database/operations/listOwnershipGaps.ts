import type { OwnershipGapRow } from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import { OwnershipGapQuery, ReportPage } from '../SnapshotStore';
import { DbOwnershipGapRow } from '../tables';
import { checkLimit } from './util/checkLimit';
import { ownerRefsOf } from './util/ownerRefsOf';
import { readInSnapshot } from './util/readInSnapshot';
import { snapshotRows } from './util/snapshotRows';
import { snapshotTables as T } from './util/snapshotTables';

/**
 * A page of the current ownership gaps, filtered, in id order; its cursor
 * bound to the snapshot (see `readInSnapshot`).
 */
export async function listOwnershipGaps(options: {
  db: Knex;
  query: OwnershipGapQuery;
}): Promise<ReportPage<OwnershipGapRow>> {
  const { db, query } = options;
  checkLimit(query.limit);
  return readInSnapshot(
    db,
    query.cursor,
    async ({ tx, position, cursorAt }) => {
      const owners = query.owner && (await ownerRefsOf(tx, query.owner));
      const rows: DbOwnershipGapRow[] = await tx<DbOwnershipGapRow>(T.gaps)
        .modify(q => {
          if (query.types?.length) q.whereIn('type', query.types);
          if (owners) q.whereIn('owner_ref', owners);
          if (query.system) q.where({ system_ref: query.system });
          if (position !== undefined) q.where('id', '>', position);
        })
        .orderBy('id', 'asc')
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      return {
        items: page.map(snapshotRows.fromGapRow),
        nextCursor:
          rows.length > query.limit
            ? cursorAt(Number(page[page.length - 1].id))
            : undefined,
      };
    },
  );
}
