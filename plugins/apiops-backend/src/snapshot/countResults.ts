import {
  ApiSnapshotResult,
  FragmentationCluster,
  SnapshotCounts,
} from '@apiops-backstage/plugin-apiops-common';

/**
 * Counts by station, governance status, gap type, finding rule and
 * fragmentation type.
 *
 * @internal
 */
export function countResults(
  results: ApiSnapshotResult[],
  clusters: FragmentationCluster[],
): SnapshotCounts {
  const counts: SnapshotCounts = {
    apis: results.length,
    byStation: {},
    byStatus: {},
    byGapType: {},
    byFindingType: {},
    byFragmentationType: {},
  };
  const inc = <K extends string>(
    record: Partial<Record<K, number>>,
    key: K,
  ) => {
    record[key] = (record[key] ?? 0) + 1;
  };
  for (const result of results) {
    inc(counts.byStation, result.station.id);
    inc(counts.byStatus, result.governance.status);
    for (const gap of result.owner.gaps) inc(counts.byGapType, gap.type);
    for (const finding of result.governance.findings) {
      inc(counts.byFindingType, finding.ruleId);
    }
  }
  for (const cluster of clusters) {
    inc(counts.byFragmentationType!, cluster.type);
  }
  return counts;
}
