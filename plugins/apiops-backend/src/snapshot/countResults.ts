import {
  ApiSnapshotResult,
  FragmentationCluster,
  SnapshotCounts,
} from '@apiops-backstage/plugin-apiops-common';
import { runSteps, type Steps } from '../fragmentation/EventLoopYielder';

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
  return runSteps(countResultSteps(results, clusters));
}

/**
 * {@link countResults} as {@link Steps}: pauses every 1024 APIs.
 *
 * @internal
 */
export function* countResultSteps(
  results: ApiSnapshotResult[],
  clusters: FragmentationCluster[],
): Steps<SnapshotCounts> {
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
  let count = 0;
  for (const result of results) {
    if ((++count & 1023) === 0) yield;
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
