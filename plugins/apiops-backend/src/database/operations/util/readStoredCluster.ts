import type { FragmentationCluster } from '@apiops-backstage/plugin-apiops-common';

/**
 * A fragmentation cluster as stored (JSON), in the shape of today's
 * contract. A snapshot written before overlaps were grouped by container
 * stays the current one until the next snapshot succeeds; its clusters are
 * read as today's: an overlap's `contained` (one ref then) becomes a list,
 * with the container first among the members, and a duplicate or overlap
 * without `pairs` or `genericOperations` gets empty ones. Other clusters are
 * returned as stored.
 *
 * @internal
 */
export function readStoredCluster(json: string): FragmentationCluster {
  const cluster = JSON.parse(json) as FragmentationCluster;
  if (cluster.type !== 'duplicate' && cluster.type !== 'overlap') {
    return cluster;
  }
  const details = cluster.details as Partial<typeof cluster.details>;
  if (cluster.type === 'overlap' && !Array.isArray(details.contained)) {
    const container = cluster.details.container;
    const contained = details.contained as unknown;
    cluster.details.contained =
      typeof contained === 'string' ? [contained] : [];
    cluster.members = [
      ...cluster.members.filter(member => member.entityRef === container),
      ...cluster.members.filter(member => member.entityRef !== container),
    ];
  }
  cluster.details.pairs = details.pairs ?? [];
  cluster.details.genericOperations = details.genericOperations ?? [];
  return cluster;
}
