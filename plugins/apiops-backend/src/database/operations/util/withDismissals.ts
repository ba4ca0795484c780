import type {
  FragmentationCluster,
  FragmentationDismissal,
  FragmentationDismissalVerdict,
} from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import { toIsoTimestamp } from '../../conversions';
import { readStoredCluster } from './readStoredCluster';
import { snapshotTables as T } from './snapshotTables';

/**
 * A cluster row read with the dismissal that applies to it, if any: the
 * columns {@link joinDismissals} selects.
 */
export interface ClusterRowWithDismissal {
  id: number | string;
  cluster_id: string;
  cluster: string;
  dismissal_verdict: string | null;
  dismissal_reason: string | null;
  dismissal_by: string | null;
  dismissal_at: Date | string | number | null;
}

/**
 * Selects the clusters (aliased `c`) with the dismissal that applies to each
 * (aliased `d`): one of the same cluster id and the same fingerprint. A
 * dismissal of another fingerprint (a member's definition changed since)
 * does not join, and neither does a cluster without a fingerprint.
 */
export function joinDismissals(
  query: Knex.QueryBuilder,
): Knex.QueryBuilder<any, ClusterRowWithDismissal[]> {
  return query
    .leftJoin(`${T.dismissals} as d`, join =>
      join
        .on('d.cluster_id', '=', 'c.cluster_id')
        .andOn('d.fingerprint', '=', 'c.fingerprint'),
    )
    .select(
      'c.id',
      'c.cluster_id',
      'c.cluster',
      'd.verdict as dismissal_verdict',
      'd.reason as dismissal_reason',
      'd.dismissed_by as dismissal_by',
      'd.dismissed_at as dismissal_at',
    );
}

/** The dismissal of a joined row, if one applies. */
export function dismissalOf(
  row: ClusterRowWithDismissal,
): FragmentationDismissal | undefined {
  if (
    row.dismissal_verdict === null ||
    row.dismissal_verdict === undefined ||
    row.dismissal_at === null
  ) {
    return undefined;
  }
  return {
    verdict: row.dismissal_verdict as FragmentationDismissalVerdict,
    reason: row.dismissal_reason ?? '',
    dismissedBy: row.dismissal_by ?? '',
    dismissedAt: toIsoTimestamp(row.dismissal_at),
  };
}

/** The cluster of a joined row, with its dismissal when one applies. */
export function clusterOf(row: ClusterRowWithDismissal): FragmentationCluster {
  const cluster = readStoredCluster(row.cluster);
  const dismissal = dismissalOf(row);
  return dismissal ? { ...cluster, dismissal } : cluster;
}

/** Which clusters a list keeps: all, the dismissed ones left out, or only them. */
export type DismissedFilter = 'include' | 'exclude' | 'only';

/** Applies a {@link DismissedFilter} to a query made by {@link joinDismissals}. */
export function filterDismissed(
  query: Knex.QueryBuilder,
  dismissed: DismissedFilter | undefined,
): void {
  if (dismissed === 'exclude') {
    query.whereNull('d.cluster_id');
  } else if (dismissed === 'only') {
    query.whereNotNull('d.cluster_id');
  }
}
