import type {
  FragmentationDismissalRecord,
  FragmentationDismissalVerdict,
} from '@apiops-backstage/plugin-apiops-common';

/**
 * A dismissal to record: of the cluster with this id, as it is now (its
 * fingerprint).
 *
 * @internal
 */
export interface NewFragmentationDismissal {
  clusterId: string;
  verdict: FragmentationDismissalVerdict;
  /** Trimmed, 1..1000 characters (the service checks it). */
  reason: string;
  fingerprint: string;
  /** Entity ref of the user, or subject of the service. */
  dismissedBy: string;
}

/**
 * The dismissals of fragmentation clusters, one per cluster id, kept across
 * snapshots. The snapshot store joins them to the clusters it reads: a
 * dismissal applies while the current cluster with its id has its
 * fingerprint.
 *
 * @internal
 */
export interface FragmentationDismissalStore {
  /**
   * Records the dismissal of a cluster, replacing any earlier one of the
   * same cluster id (its time is now); resolves to the stored record.
   */
  put(
    dismissal: NewFragmentationDismissal,
  ): Promise<FragmentationDismissalRecord>;

  /** The dismissal recorded for a cluster id, whether it applies or not. */
  get(clusterId: string): Promise<FragmentationDismissalRecord | undefined>;

  /** Deletes the dismissal of a cluster id; whether there was one. */
  delete(clusterId: string): Promise<boolean>;
}
