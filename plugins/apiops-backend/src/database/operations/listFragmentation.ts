import type { FragmentationCluster } from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import { decodeCursor, encodeCursor } from '../conversions';
import { FragmentationQuery, ReportPage } from '../SnapshotStore';
import { DbFragmentationClusterRow, DbFragmentationMemberRow } from '../tables';
import { checkLimit } from './util/checkLimit';
import { snapshotTables as T } from './util/snapshotTables';

/**
 * A page of the current fragmentation clusters, in id order: of a type,
 * and with at least one member of the owner or system when asked.
 */
export async function listFragmentation(options: {
  db: Knex;
  query: FragmentationQuery;
}): Promise<ReportPage<FragmentationCluster>> {
  const { db, query } = options;
  checkLimit(query.limit);
  const rows: DbFragmentationClusterRow[] = await db<DbFragmentationClusterRow>(
    T.clusters,
  )
    .modify(q => {
      if (query.type) q.where({ type: query.type });
      if (query.owner || query.system) {
        q.whereIn(
          'cluster_id',
          db<DbFragmentationMemberRow>(T.members)
            .select('cluster_id')
            .modify(m => {
              if (query.owner) m.where({ owner_ref: query.owner });
              if (query.system) m.where({ system_ref: query.system });
            }),
        );
      }
      if (query.cursor) q.where('id', '>', decodeCursor(query.cursor));
    })
    .orderBy('id', 'asc')
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(row => JSON.parse(row.cluster)),
    nextCursor:
      rows.length > query.limit
        ? encodeCursor(String(page[page.length - 1].id))
        : undefined,
  };
}
