import type { FragmentationCluster } from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import { FragmentationQuery, ReportPage } from '../SnapshotStore';
import { DbFragmentationMemberRow } from '../tables';
import { checkLimit } from './util/checkLimit';
import { ownerRefsOf } from './util/ownerRefsOf';
import { readInSnapshot } from './util/readInSnapshot';
import { snapshotTables as T } from './util/snapshotTables';
import {
  ClusterRowWithDismissal,
  clusterOf,
  filterDismissed,
  joinDismissals,
} from './util/withDismissals';

/**
 * A page of the current fragmentation clusters, in id order: of a type,
 * with at least one member of the owner or system when asked, and with or
 * without those dismissed (see `joinDismissals`); each with the dismissal
 * that applies to it. Its cursor is bound to the snapshot (see
 * `readInSnapshot`).
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
      const owners = query.owner && (await ownerRefsOf(tx, query.owner));
      const rows: ClusterRowWithDismissal[] = await joinDismissals(
        tx(`${T.clusters} as c`),
      )
        .modify(q => {
          if (query.type) q.where('c.type', query.type);
          if (owners || query.system) {
            q.whereIn(
              'c.cluster_id',
              tx<DbFragmentationMemberRow>(T.members)
                .select('cluster_id')
                .modify(m => {
                  if (owners) m.whereIn('owner_ref', owners);
                  if (query.system) m.where({ system_ref: query.system });
                }),
            );
          }
          filterDismissed(q, query.dismissed);
          if (position !== undefined) q.where('c.id', '>', position);
        })
        .orderBy('c.id', 'asc')
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      return {
        items: page.map(clusterOf),
        nextCursor:
          rows.length > query.limit
            ? cursorAt(Number(page[page.length - 1].id))
            : undefined,
      };
    },
  );
}
