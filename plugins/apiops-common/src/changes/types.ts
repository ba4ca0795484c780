import type { ReportPage, SnapshotInfo } from '../reports/types';

/**
 * How a change of a definition affects its consumers, as the diff library
 * classifies it: `breaking` (a consumer may stop working), `non-breaking`,
 * `annotation` (descriptions, examples, summaries), `deprecated` (something
 * newly marked deprecated) or `unclassified`.
 *
 * @public
 */
export type ChangeClass =
  | 'breaking'
  | 'non-breaking'
  | 'deprecated'
  | 'annotation'
  | 'unclassified';

/**
 * The change classes, most severe first (the order changes are listed in).
 *
 * @public
 */
export const CHANGE_CLASSES: readonly ChangeClass[] = Object.freeze([
  'breaking',
  'non-breaking',
  'deprecated',
  'annotation',
  'unclassified',
] as const);

/**
 * One change between two definitions of an API.
 *
 * @public
 */
export interface ApiChange {
  class: ChangeClass;
  action: 'add' | 'remove' | 'replace' | 'rename';
  /** Where in the definition, as a JSON path: `$.paths['/pets'].get`. */
  path: string;
  /**
   * The operation it concerns, when it concerns one: `GET /pets`, an
   * AsyncAPI channel's operation, a GraphQL field, a gRPC method.
   */
  operation?: string;
  /** What changed, in a sentence. */
  description: string;
  /** The value before, shortened for display. */
  before?: string;
  /** The value after, shortened for display. */
  after?: string;
}

/**
 * How many changes of each class.
 *
 * @public
 */
export type ChangeCounts = Record<ChangeClass, number>;

/**
 * A component or system that consumes an API (its `consumesApi` relations),
 * with its owner, as the snapshot that found a change saw them.
 *
 * @public
 */
export interface ApiConsumer {
  entityRef: string;
  title?: string;
  /** The consumer's system, when it has one. */
  system?: string;
  /** The consumer's owner (entity ref). */
  owner?: string;
}

/**
 * A change of an API's definition, found by a snapshot: the definition's
 * hash differed from the one the previous snapshot saw. The first snapshot
 * that sees an API records no event (it is the baseline).
 *
 * @public
 */
export interface ApiChangeEvent {
  id: string;
  entityRef: string;
  /** The API's title, or its name. */
  title?: string;
  owner?: string;
  system?: string;
  /** The snapshot that found it, and when. */
  snapshotId: string;
  detectedAt: string;
  /** Hashes of the definitions compared (see the snapshot's definition hash). */
  fromHash: string;
  toHash: string;
  /** `info.version` (or its like) of the definitions, when they have one. */
  fromVersion?: string;
  toVersion?: string;
  counts: ChangeCounts;
  /** The changes, most severe first; at most the configured cap. */
  changes: ApiChange[];
  /** How many changes in all (more than `changes` when capped). */
  changeCount: number;
  /** The API's consumers when the change was found. */
  consumers: ApiConsumer[];
  /** Why the definitions could not be compared, when they could not. */
  problem?: string;
}

/**
 * Something of an API that is deprecated or has a sunset date: the API
 * itself (no `operation`) or one operation.
 *
 * @public
 */
export interface ApiDeprecation {
  /** The operation (`GET /pets`); absent for the API as a whole. */
  operation?: string;
  /** The sunset date (ISO 8601 date), when one is given. */
  sunset?: string;
  /** Where it was found: `deprecated: true`, `x-sunset`, or a `Sunset` header. */
  source: 'deprecated' | 'x-sunset' | 'sunset-header';
  /** True when the sunset date has passed. */
  pastSunset: boolean;
}

/**
 * The answer of `GET /entities/{kind}/{namespace}/{name}/changes`: the API's
 * change history, newest first, and what of it is deprecated.
 *
 * @public
 */
export interface ApiChangeHistory extends ReportPage<ApiChangeEvent> {
  /** The first snapshot that saw the API's current lineage of definitions. */
  baselineAt?: string;
  deprecations: ApiDeprecation[];
  snapshot?: SnapshotInfo;
}

/**
 * One live version of a version family (the APIs version sprawl groups).
 *
 * @public
 */
export interface ApiVersionMember {
  entityRef: string;
  title?: string;
  /** The major version the family is ordered by. */
  major: number;
  /** `info.version` of its definition, when it has one. */
  version?: string;
  lifecycle?: string;
  owner?: string;
}

/**
 * The differences between two consecutive live versions of a family: what a
 * consumer of `from` must change to move to `to`.
 *
 * @public
 */
export interface ApiVersionComparison {
  from: ApiVersionMember;
  to: ApiVersionMember;
  counts: ChangeCounts;
  /** Most severe first; at most the configured cap. */
  changes: ApiChange[];
  changeCount: number;
  /** Why the two could not be compared, when they could not. */
  problem?: string;
}

/**
 * The answer of `GET /entities/{kind}/{namespace}/{name}/versions`: the
 * API's version family, oldest major first, and the comparison of each
 * consecutive pair. An API in no family has one member and no comparison.
 *
 * @public
 */
export interface ApiVersionFamily {
  members: ApiVersionMember[];
  comparisons: ApiVersionComparison[];
}

/**
 * The filters of `GET /reports/changes`.
 *
 * @public
 */
export interface ChangeReportFilters {
  /** Only events with at least one change of this class. */
  class?: ChangeClass;
  /** The API's owner (entity ref); a group includes its child groups. */
  owner?: string;
  /** The API's system (entity ref). */
  system?: string;
  /** Only events found at or after this time (ISO 8601). */
  since?: string;
}

/**
 * The answer of `GET /reports/changes`: change events across the catalog,
 * newest first.
 *
 * @public
 */
export interface ChangeReportPage extends ReportPage<ApiChangeEvent> {
  snapshot?: SnapshotInfo;
}
