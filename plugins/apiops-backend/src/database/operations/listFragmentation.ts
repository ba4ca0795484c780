import type { FragmentationCluster } from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import { FragmentationQuery, ReportPage } from '../SnapshotStore';
import { DbFragmentationClusterRow, DbFragmentationMemberRow } from '../tables';
import { checkLimit } from './util/checkLimit';
import { readInSnapshot } from './util/readInSnapshot';
import { snapshotTables as T } from './util/snapshotTables';
import { readStoredCluster } from './util/readStoredCluster';

/**
 * A page of the current fragmentation clusters, in id order: of a type,
 * and with at least one member of the owner or system when asked; its
 * cursor bound to the snapshot (see `readInSnapshot`).
 */
export async function listFragmentation(options: {
  db: Knex;
  query: FragmentationQuery;
}): Promise<ReportPage<FragmentationCluster>> {
  const { db, query } = options;
  checkLimit(query.limit);
  return readInSnapshot(
    db,
    query.cursor,
    async ({ tx, position, cursorAt }) => {
      const rows: DbFragmentationClusterRow[] =
        await tx<DbFragmentationClusterRow>(T.clusters)
          .modify(q => {
            if (query.type) q.where({ type: query.type });
            if (query.owner || query.system) {
              q.whereIn(
                'cluster_id',
                tx<DbFragmentationMemberRow>(T.members)
                  .select('cluster_id')
                  .modify(m => {
                    if (query.owner) m.where({ owner_ref: query.owner });
                    if (query.system) m.where({ system_ref: query.system });
                  }),
              );
            }
            if (position !== undefined) q.where('id', '>', position);
          })
          .orderBy('id', 'asc')
          .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      return {
        items: page.map(row => readStoredCluster(row.cluster)),
        nextCursor:
          rows.length > query.limit
            ? cursorAt(Number(page[page.length - 1].id))
            : undefined,
      };
    },
  );
}
