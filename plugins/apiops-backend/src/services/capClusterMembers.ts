import {
  CLUSTER_MEMBERS_MAX,
  FragmentationCluster,
} from '@apiops-backstage/plugin-apiops-common';

/**
 * A cluster as the API returns it: its first `max` members (in the
 * cluster's order), `memberCount` giving the number of all the members it is
 * given, and the per-member parts of its details (operations per member,
 * members per style: each style stays, with only the members listed), so
 * that a cluster of hundreds of APIs stays small wherever it is repeated
 * (each member's status). To list only the members a caller may see, filter the members
 * first and cap the result: the count is then of the members they may see.
 *
 * @internal
 */
export function capClusterMembers(
  cluster: FragmentationCluster,
  max: number = CLUSTER_MEMBERS_MAX,
): FragmentationCluster & { memberCount: number } {
  const memberCount = cluster.members.length;
  if (memberCount <= max) {
    return { ...cluster, memberCount };
  }
  const members = cluster.members.slice(0, max);
  const listed = new Set(members.map(member => key(member.entityRef)));
  const capped = { ...cluster, members, memberCount };
  /** The pairs of two listed members. */
  const pairsListed = <T extends { from: string; to: string }>(pairs: T[]) =>
    pairs.filter(
      pair => listed.has(key(pair.from)) && listed.has(key(pair.to)),
    );
  switch (capped.type) {
    case 'duplicate':
      return {
        ...capped,
        details: {
          ...capped.details,
          operationCounts: onlyListed(capped.details.operationCounts, listed),
          pairs: pairsListed(capped.details.pairs),
        },
      };
    case 'family':
      return {
        ...capped,
        details: {
          ...capped.details,
          operationCounts: onlyListed(capped.details.operationCounts, listed),
        },
      };
    case 'overlap':
      return {
        ...capped,
        details: {
          ...capped.details,
          contained: capped.details.contained.filter(ref =>
            listed.has(key(ref)),
          ),
          operationCounts: onlyListed(capped.details.operationCounts, listed),
          pairs: pairsListed(capped.details.pairs),
        },
      };
    case 'style-inconsistency':
      return {
        ...capped,
        details: {
          ...capped.details,
          pathCasing: refsListed(capped.details.pathCasing, listed),
          versioning: refsListed(capped.details.versioning, listed),
        },
      };
    default:
      return capped;
  }
}

function key(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

function onlyListed<T>(
  byRef: Record<string, T>,
  listed: Set<string>,
): Record<string, T> {
  return Object.fromEntries(
    Object.entries(byRef).filter(([ref]) => listed.has(key(ref))),
  );
}

function refsListed<S extends string>(
  byStyle: Partial<Record<S, string[]>>,
  listed: Set<string>,
): Partial<Record<S, string[]>> {
  const kept: Partial<Record<S, string[]>> = {};
  for (const [style, refs] of Object.entries(byStyle) as Array<
    [S, string[] | undefined]
  >) {
    const shown = (refs ?? []).filter(ref => listed.has(key(ref)));
    kept[style] = shown;
  }
  return kept;
}
