import type {
  FragmentationCluster,
  FragmentationClusterMember,
  PathCasing,
  VersioningScheme,
} from '@apiops-backstage/plugin-apiops-common';

/** The style dimensions a `style-inconsistency` cluster reports per member. */
export type StyleDimension = 'pathCasing' | 'versioning';

/** The role of a member in an `overlap` cluster. */
export type OverlapRole = 'contained' | 'container';

/** Whether two entity refs name the same entity (refs are case-insensitive). */
export function sameRef(a: string, b: string): boolean {
  return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}

/**
 * The members of a cluster other than the API the page is about, in the
 * cluster's order.
 */
export function otherMembers(
  cluster: FragmentationCluster,
  entityRef: string,
): FragmentationClusterMember[] {
  return cluster.members.filter(
    member => !sameRef(member.entityRef, entityRef),
  );
}

/** The member of a cluster that is the given API, if it is one. */
export function memberOf(
  cluster: FragmentationCluster,
  entityRef: string,
): FragmentationClusterMember | undefined {
  return cluster.members.find(member => sameRef(member.entityRef, entityRef));
}

/**
 * How many operations a member of a `duplicate` or `overlap` cluster has
 * (`details.operationCounts`); undefined for the other types.
 */
export function operationCountOf(
  cluster: FragmentationCluster,
  entityRef: string,
): number | undefined {
  if (cluster.type !== 'duplicate' && cluster.type !== 'overlap') {
    return undefined;
  }
  const counts = cluster.details.operationCounts;
  const key = Object.keys(counts).find(ref => sameRef(ref, entityRef));
  return key === undefined ? undefined : counts[key];
}

/**
 * The style of a member in one dimension, from the `details` of a
 * `style-inconsistency` cluster (`pathCasing` and `versioning`: the member
 * refs per style); undefined for the other types.
 */
export function styleOf(
  cluster: FragmentationCluster,
  dimension: 'pathCasing',
  entityRef: string,
): PathCasing | undefined;
export function styleOf(
  cluster: FragmentationCluster,
  dimension: 'versioning',
  entityRef: string,
): VersioningScheme | undefined;
export function styleOf(
  cluster: FragmentationCluster,
  dimension: StyleDimension,
  entityRef: string,
): PathCasing | VersioningScheme | undefined {
  if (cluster.type !== 'style-inconsistency') {
    return undefined;
  }
  const byStyle: Partial<Record<PathCasing | VersioningScheme, string[]>> =
    cluster.details[dimension];
  const styles = Object.keys(byStyle) as Array<PathCasing | VersioningScheme>;
  return styles.find(style =>
    byStyle[style]?.some(ref => sameRef(ref, entityRef)),
  );
}

/**
 * Whether a member of an `overlap` cluster is the API largely contained in
 * the other, or the one containing it (`details.contained` and
 * `details.container`); undefined for the other types.
 */
export function overlapRoleOf(
  cluster: FragmentationCluster,
  entityRef: string,
): OverlapRole | undefined {
  if (cluster.type !== 'overlap') {
    return undefined;
  }
  if (sameRef(cluster.details.contained, entityRef)) {
    return 'contained';
  }
  if (sameRef(cluster.details.container, entityRef)) {
    return 'container';
  }
  return undefined;
}

/** A score of 0..1 as a whole percentage in the locale, e.g. `91%`. */
export function formatScore(score: number, locale?: string): string {
  const value = Number.isFinite(score) ? Math.min(Math.max(score, 0), 1) : 0;
  return value.toLocaleString(locale, {
    style: 'percent',
    maximumFractionDigits: 0,
  });
}
