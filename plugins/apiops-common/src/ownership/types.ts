import type { FindingSeverity } from '../governance/types';
import type { EntityRefKey } from '../refs';

/**
 * The kinds of ownership gap an API can have.
 *
 * - `owner-missing`: no owner, or a placeholder such as `unknown` or `tbd`
 * - `owner-unresolved`: the owner ref matches no catalog entity
 * - `owner-not-group`: the owner is a person (or another non-group entity), not a team
 * - `owner-group-empty`: the owner group has no members, counting child groups
 * - `owner-orphaned`: the owner entity itself is orphaned in the catalog
 * - `owner-mismatch`: the owner differs from the owners of every component providing the API
 *
 * @public
 */
export const OWNER_GAP_TYPES = Object.freeze([
  'owner-missing',
  'owner-unresolved',
  'owner-not-group',
  'owner-group-empty',
  'owner-orphaned',
  'owner-mismatch',
] as const);

/**
 * The kinds of ownership gap, see {@link OWNER_GAP_TYPES}.
 *
 * @public
 */
export type OwnerGapType = (typeof OWNER_GAP_TYPES)[number];

/**
 * One ownership gap of an API.
 *
 * @public
 */
export interface OwnerGap {
  type: OwnerGapType;
  severity: FindingSeverity;
  /** What is wrong, in plain words, naming the owner. */
  message: string;
}

/**
 * Who owns an API, as far as the catalog can tell, and what is wrong with it.
 *
 * @public
 */
export interface OwnershipResult {
  /**
   * The normalized, lower-case owner ref, e.g. `group:default/team-a`. Absent
   * when the owner is missing, a placeholder or not a valid entity ref.
   */
  ref?: string;
  /** `spec.owner` as written. */
  declared?: string;
  /** Whether the ref matches a catalog entity. */
  resolved: boolean;
  /** The lower-case kind of the resolved owner entity, e.g. `group` or `user`. */
  kind?: string;
  /** The display name or title of the owner entity, if it has one. */
  title?: string;
  /**
   * For a group: the number of distinct users who are members of the group or
   * of any of its descendant groups.
   */
  memberCount?: number;
  gaps: OwnerGap[];
}

/**
 * Options of {@link evaluateOwnership}.
 *
 * @public
 */
export interface EvaluateOwnershipOptions {
  /**
   * Owner names that mean "nobody", compared case-insensitively with the name
   * part of the owner ref (and with the owner as written). Defaults to
   * {@link DEFAULT_OWNER_PLACEHOLDERS}.
   */
  placeholders?: readonly string[];
}

/**
 * What an {@link OwnershipIndex} knows about a catalog entity that may own
 * something.
 *
 * @public
 */
export interface OwnershipIndexEntry {
  /** The entity's key. */
  ref: EntityRefKey;
  /** The lower-case kind. */
  kind: string;
  /** `spec.profile.displayName`, else `metadata.title`. */
  title?: string;
  /** Whether the entity carries `backstage.io/orphan: 'true'`. */
  orphaned: boolean;
}
