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
  // As stored, the fields added since may be missing, `contained` a ref.
  const details = cluster.details as Partial<
    Record<'pairs' | 'genericOperations' | 'contained', unknown>
  >;
  if (cluster.type === 'overlap' && !Array.isArray(details.contained)) {
    const container = cluster.details.container;
    cluster.details.contained =
      typeof details.contained === 'string' ? [details.contained] : [];
    cluster.members = [
      ...cluster.members.filter(member => member.entityRef === container),
      ...cluster.members.filter(member => member.entityRef !== container),
    ];
  }
  cluster.details.pairs = Array.isArray(details.pairs)
    ? cluster.details.pairs
    : [];
  cluster.details.genericOperations = Array.isArray(details.genericOperations)
    ? cluster.details.genericOperations
    : [];
  return cluster;
}
