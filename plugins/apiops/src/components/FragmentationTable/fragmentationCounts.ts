import type { SnapshotCounts } from '@apiops-backstage/plugin-apiops-common';

/**
 * How many fragmentation clusters a snapshot found, of every type; 0 for a
 * snapshot taken before fragmentation was detected.
 */
export function countFragmentation(
  counts: Pick<SnapshotCounts, 'byFragmentationType'>,
): number {
  return Object.values(counts.byFragmentationType ?? {}).reduce<number>(
    (sum, count) => sum + (count ?? 0),
    0,
  );
}
