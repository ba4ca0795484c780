import { parseEntityRef } from '@backstage/catalog-model';
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
 * How many operations a member of a `duplicate`, `overlap` or `family`
 * cluster has (`details.operationCounts`); undefined for the other types.
 */
export function operationCountOf(
  cluster: FragmentationCluster,
  entityRef: string,
): number | undefined {
  if (
    cluster.type !== 'duplicate' &&
    cluster.type !== 'overlap' &&
    cluster.type !== 'family'
  ) {
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
 * The convention of a scope in one style dimension and how its APIs split,
 * as a `style-inconsistency` cluster reports it.
 */
export interface StyleConvention {
  /** The style of a clear majority; undefined when no style has one. */
  convention?: PathCasing | VersioningScheme;
  followerCount: number;
  /** The APIs of the scope with a clear style in this dimension. */
  apiCount: number;
  styleCounts: Partial<Record<PathCasing | VersioningScheme, number>>;
}

/**
 * The convention of the scope of a `style-inconsistency` cluster in one
 * dimension (`details.conventions`); undefined for the other types and for
 * clusters of snapshots taken before conventions were reported.
 */
export function styleConventionOf(
  cluster: FragmentationCluster,
  dimension: StyleDimension,
): StyleConvention | undefined {
  if (cluster.type !== 'style-inconsistency') {
    return undefined;
  }
  // Optional: a snapshot taken before conventions has none.
  const conventions = cluster.details.conventions as
    | typeof cluster.details.conventions
    | undefined;
  return conventions?.[dimension];
}

/** How one API breaks the convention of its scope in one dimension. */
export interface StyleBreak extends StyleConvention {
  dimension: StyleDimension;
  /** The style the API uses (`mixed`: several in its own paths). */
  style: PathCasing | VersioningScheme;
}

/**
 * How an API breaks the conventions of the scope of a `style-inconsistency`
 * cluster: one entry per dimension it is an outlier of, path casing first;
 * empty for the other types and for APIs that are not members.
 */
export function styleBreaksOf(
  cluster: FragmentationCluster,
  entityRef: string,
): StyleBreak[] {
  const breaks: StyleBreak[] = [];
  for (const dimension of ['pathCasing', 'versioning'] as const) {
    const style: PathCasing | VersioningScheme | undefined =
      dimension === 'pathCasing'
        ? styleOf(cluster, 'pathCasing', entityRef)
        : styleOf(cluster, 'versioning', entityRef);
    const convention = styleConventionOf(cluster, dimension);
    if (style && convention) {
      breaks.push({ ...convention, dimension, style });
    }
  }
  return breaks;
}

/**
 * Whether a member of an `overlap` cluster is one of the APIs largely
 * contained in another, or the one containing them (`details.contained` and
 * `details.container`); undefined for the other types.
 */
export function overlapRoleOf(
  cluster: FragmentationCluster,
  entityRef: string,
): OverlapRole | undefined {
  if (cluster.type !== 'overlap') {
    return undefined;
  }
  // `contained` was one ref in snapshots taken before overlaps were grouped.
  const contained: string[] = ([] as string[]).concat(
    cluster.details.contained as string[] | string,
  );
  if (contained.some(ref => sameRef(ref, entityRef))) {
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

/**
 * Whether a cluster of this type counts the operations its members share:
 * duplicates, overlaps and families do; the other types are found by name,
 * version or style and leave the count at 0 without computing it.
 */
export function countsSharedOperations(
  type: FragmentationCluster['type'],
): boolean {
  return type === 'duplicate' || type === 'overlap' || type === 'family';
}

/** The name in an entity ref, or the ref when it is not one. */
export function refName(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/** An entity ref as a pattern: case-insensitive, not part of a longer ref. */
function refPattern(ref: string): string {
  const escaped = ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A ref ends where no name character follows; a full stop ends it when
  // no name character follows the stop.
  return `${escaped}(?![\\w-]|\\.[\\w-])`;
}

/**
 * The message of a cluster with the entity refs of its members replaced by
 * their names (titles, else the name in the ref), and the ref of a style
 * inconsistency's system or domain by its name.
 */
export function readableMessage(
  cluster: FragmentationCluster,
  nameOf: (member: FragmentationClusterMember) => string,
): string {
  const byRef = new Map(
    cluster.members.map(member => [
      member.entityRef.toLocaleLowerCase('en-US'),
      nameOf(member),
    ]),
  );
  if (cluster.type === 'style-inconsistency') {
    byRef.set(cluster.scope.toLocaleLowerCase('en-US'), refName(cluster.scope));
  }
  if (byRef.size === 0) {
    return cluster.message;
  }
  // Longest first, so that a ref is not replaced inside a longer one.
  const refs = [...byRef.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(refs.map(refPattern).join('|'), 'gi');
  return cluster.message.replace(
    pattern,
    match => byRef.get(match.toLocaleLowerCase('en-US')) ?? match,
  );
}
