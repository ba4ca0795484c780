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

function recordOf(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

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
 * How many operations a member has, from the cluster's `details`
 * (`operationCounts`, given for duplicates and overlaps).
 */
export function operationCountOf(
  cluster: FragmentationCluster,
  entityRef: string,
): number | undefined {
  const counts = recordOf(cluster.details?.operationCounts);
  if (!counts) {
    return undefined;
  }
  const key = Object.keys(counts).find(ref => sameRef(ref, entityRef));
  const count = key === undefined ? undefined : counts[key];
  return typeof count === 'number' ? count : undefined;
}

/**
 * The style of a member in one dimension, from the `details` of a
 * `style-inconsistency` cluster (`pathCasing` and `versioning`: the member
 * refs per style).
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
): string | undefined {
  const byStyle = recordOf(cluster.details?.[dimension]);
  if (!byStyle) {
    return undefined;
  }
  for (const [style, refs] of Object.entries(byStyle)) {
    if (
      Array.isArray(refs) &&
      refs.some(ref => typeof ref === 'string' && sameRef(ref, entityRef))
    ) {
      return style;
    }
  }
  return undefined;
}

/**
 * Whether a member of an `overlap` cluster is the API largely contained in
 * the other, or the one containing it (`details.contained` and
 * `details.container`).
 */
export function overlapRoleOf(
  cluster: FragmentationCluster,
  entityRef: string,
): OverlapRole | undefined {
  const { contained, container } = cluster.details ?? {};
  if (typeof contained === 'string' && sameRef(contained, entityRef)) {
    return 'contained';
  }
  if (typeof container === 'string' && sameRef(container, entityRef)) {
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
