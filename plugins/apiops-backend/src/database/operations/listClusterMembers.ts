import type {
  FragmentationClusterMember,
  FragmentationDismissal,
} from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import { ReportPage } from '../SnapshotStore';
import { checkLimit } from './util/checkLimit';
import { readInSnapshot } from './util/readInSnapshot';
import { snapshotTables as T } from './util/snapshotTables';
import { readStoredCluster } from './util/readStoredCluster';
import { dismissalOf, joinDismissals } from './util/withDismissals';

/**
 * A page of the members of a current cluster, in the cluster's order, and
 * the number of all its members and the dismissal that applies to it;
 * undefined when the current results have no such cluster. Its cursor is bound to the snapshot (see `readInSnapshot`).
 */
export async function listClusterMembers(options: {
  db: Knex;
  clusterId: string;
  query: { limit: number; cursor?: string };
}): Promise<
  | {
      memberCount: number;
      dismissal?: FragmentationDismissal;
      page: ReportPage<FragmentationClusterMember>;
    }
  | undefined
> {
  const { db, clusterId, query } = options;
  checkLimit(query.limit);
  return readInSnapshot(
    db,
    query.cursor,
    async ({ tx, position, cursorAt }) => {
      const row = await joinDismissals(tx(`${T.clusters} as c`))
        .where('c.cluster_id', clusterId)
        .first();
      if (!row) {
        return undefined;
      }
      const { members } = readStoredCluster(row.cluster);
      const offset = position ?? 0;
      const end = offset + query.limit;
      const dismissal = dismissalOf(row);
      return {
        memberCount: members.length,
        ...(dismissal ? { dismissal } : {}),
        page: {
          items: members.slice(offset, end),
          nextCursor: end < members.length ? cursorAt(end) : undefined,
        },
      };
    },
  );
}
