import type { SnapshotCounts } from '@apiops-backstage/plugin-apiops-common';

/**
 * How many APIs have nobody real as owner: those with an `owner-missing` or
 * an `owner-unresolved` gap. An API has at most one of the two, so the sum
 * counts APIs.
 */
export function countUnowned(counts: Pick<SnapshotCounts, 'byGapType'>) {
  return (
    (counts.byGapType['owner-missing'] ?? 0) +
    (counts.byGapType['owner-unresolved'] ?? 0)
  );
}

/** How many ownership gaps there are, of every type. */
export function countGaps(counts: Pick<SnapshotCounts, 'byGapType'>) {
  return Object.values(counts.byGapType).reduce<number>(
    (sum, count) => sum + (count ?? 0),
    0,
  );
}
