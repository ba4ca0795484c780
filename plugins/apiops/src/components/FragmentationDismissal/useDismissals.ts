import { useCallback, useMemo, useState } from 'react';
import type {
  FragmentationCluster,
  FragmentationDismissal,
} from '@apiops-backstage/plugin-apiops-common';

/** The dismissals of a list of clusters, as changed on this screen. */
export interface Dismissals {
  /** The dismissal that applies to a cluster now, if any. */
  dismissalOf(
    cluster: FragmentationCluster,
  ): FragmentationDismissal | undefined;
  /** Records a dismissal made (or undone, with none) on this screen. */
  setDismissal(
    clusterId: string,
    dismissal: FragmentationDismissal | undefined,
  ): void;
  /** How many of the clusters are dismissed now. */
  countDismissed(clusters: readonly FragmentationCluster[]): number;
}

/**
 * The clusters' dismissals as the backend sent them, with those made or
 * undone since on this screen, so that a dismissal shows at once without
 * reading the list again.
 */
export function useDismissals(): Dismissals {
  const [changed, setChanged] = useState<
    ReadonlyMap<string, FragmentationDismissal | undefined>
  >(new Map());
  const dismissalOf = useCallback(
    (cluster: FragmentationCluster) =>
      changed.has(cluster.id) ? changed.get(cluster.id) : cluster.dismissal,
    [changed],
  );
  const setDismissal = useCallback(
    (clusterId: string, dismissal: FragmentationDismissal | undefined) =>
      setChanged(previous => new Map(previous).set(clusterId, dismissal)),
    [],
  );
  return useMemo(
    () => ({
      dismissalOf,
      setDismissal,
      countDismissed: clusters =>
        clusters.filter(cluster => dismissalOf(cluster)).length,
    }),
    [dismissalOf, setDismissal],
  );
}
