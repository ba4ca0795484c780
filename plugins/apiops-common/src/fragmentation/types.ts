/**
 * The kinds of fragmentation found across the API catalog.
 *
 * - `duplicate`: APIs whose operations are nearly the same (high Jaccard,
 *   with enough weighted evidence).
 * - `overlap`: APIs largely contained in another one (high containment, with
 *   enough weighted evidence), grouped by the containing API.
 * - `family`: APIs that implement one shared interface (the same
 *   operations, with the same request and response shapes where the
 *   definitions give them), listed as one cluster rather than pair by pair:
 *   three or more sharing it, or two or more near-identical deployments of
 *   one owner, each at a base path of its own on one host.
 * - `version-sprawl`: more live major versions of one API than allowed.
 * - `name-collision`: the same normalized name for unrelated APIs of
 *   different owners or systems.
 * - `style-inconsistency`: REST APIs that break the path casing or
 *   versioning convention of their system (or domain), or mix casings or
 *   versioning in their own paths.
 *
 * @public
 */
export const FRAGMENTATION_TYPES = Object.freeze([
  'duplicate',
  'overlap',
  'family',
  'version-sprawl',
  'name-collision',
  'style-inconsistency',
] as const);

/**
 * A kind of fragmentation finding; see {@link FRAGMENTATION_TYPES}.
 *
 * @public
 */
export type FragmentationType = (typeof FRAGMENTATION_TYPES)[number];

/**
 * The most members a fragmentation cluster lists wherever it is returned
 * (the fragmentation report, the `fragmentation` of an API's status, the MCP
 * actions). `memberCount` gives the number of all members; the rest are
 * paged by `GET /reports/fragmentation/clusters/{clusterId}/members`, and the
 * CSV export has them all.
 *
 * @public
 */
export const CLUSTER_MEMBERS_MAX = 25;

/**
 * The knobs of fragmentation detection. Every field has a default in
 * {@link DEFAULT_FRAGMENTATION_THRESHOLDS}; `fragmentationThresholdsSchema`
 * validates them.
 *
 * @public
 */
export interface FragmentationThresholds {
  /** Smallest Jaccard similarity of two operation sets reported as `duplicate`. */
  duplicateJaccard: number;
  /** Fewest shared operations for a `duplicate`. */
  duplicateMinOperations: number;
  /**
   * Smallest share of the smaller API's operations found in the larger one
   * reported as `overlap`.
   */
  overlapContainment: number;
  /** Fewest operations of the smaller API for an `overlap`. */
  overlapMinOperations: number;
  /**
   * Least weighted evidence for a `duplicate` or `overlap`: the sum, over the
   * shared operations, of each operation's rarity weight (1 for an operation
   * only the two APIs have, `1/√(k−1)` for one that k APIs have; the
   * versions of one API, and the APIs of one owner at one server, count as
   * one), counted three times when the request and response shapes match
   * too and half when both definitions give shapes that differ (unless both
   * APIs are of one owner at one server: one endpoint at two versions). So
   * one operation only the two APIs have, with the same shapes, or three
   * without shapes, is enough; a handful of operations common in the catalog (`GET /orders`,
   * `GET /countries/{}`), or with other shapes, are not.
   */
  minEvidence: number;
  /**
   * Fewest APIs (versions of one API, and APIs of one owner at one server,
   * counting once) sharing one interface for a `family`. Near-identical
   * deployments of one owner, each at a base path of its own on one host,
   * are a family from two.
   */
  familyMinApis: number;
  /**
   * Least evidence of a family's interface: 1 per interface operation whose
   * request and response shapes are the same in every member, 0.5 per
   * operation without shapes in the definitions.
   */
  familyMinEvidence: number;
  /**
   * A signature found in at least this share of all APIs is stop-listed
   * (ignored by every similarity), e.g. `GET /health`...
   */
  stopListShare: number;
  /** ...but only when it is found in at least this many APIs. */
  stopListMinApis: number;
  /** Signatures always stop-listed (infrastructure endpoints). */
  stopSignatures: readonly string[];
  /**
   * Longest posting list of the inverted index that is probed for
   * candidates; APIs whose rarest signatures are all more common than this
   * are left to MinHash/LSH.
   */
  maxPostingSize: number;
  /** MinHash/LSH bands. */
  lshBands: number;
  /** MinHash/LSH rows per band (bands × rows hash functions in all). */
  lshRows: number;
  /** LSH buckets with more APIs than this are skipped, not expanded. */
  maxBucketSize: number;
  /** More live major versions of one API than this is `version-sprawl`. */
  maxLiveVersions: number;
  /** Lifecycles of versions that no longer count as live. */
  retiredLifecycles: readonly string[];
  /** Scopes checked for `style-inconsistency`. */
  styleScopes: ReadonlyArray<'system' | 'domain'>;
  /**
   * Smallest share of the REST APIs of a scope with a clear style (in one
   * dimension: path casing or versioning) that the most common style needs
   * to be the scope's convention; it must also be followed by strictly more
   * APIs than any other style. The APIs that break a convention are the
   * members of a `style-inconsistency`; without a convention, the scope's
   * split is reported in counts and no API of a clear style is listed.
   */
  styleConventionShare: number;
  /** Most shared operations listed per cluster. */
  maxSharedOperations: number;
}

/**
 * The default thresholds. `duplicateJaccard` and `overlapContainment` of 0.8
 * keep the known near miss of the example catalog (Jaccard 0.2, containment
 * 0.375) far below the line; 16 bands × 4 rows catch a pair of Jaccard 0.8
 * with probability 0.9998 (and 0.5 with 0.64, verified exactly afterwards).
 * `minEvidence`, `familyMinApis` and `familyMinEvidence` were chosen on the
 * labelled pairs of real published definitions (see `docs/benchmarks.md`).
 *
 * @public
 */
export const DEFAULT_FRAGMENTATION_THRESHOLDS: Readonly<FragmentationThresholds> =
  Object.freeze({
    duplicateJaccard: 0.8,
    duplicateMinOperations: 1,
    overlapContainment: 0.8,
    overlapMinOperations: 1,
    minEvidence: 3,
    familyMinApis: 3,
    familyMinEvidence: 2,
    stopListShare: 0.01,
    stopListMinApis: 20,
    stopSignatures: Object.freeze([
      'GET /health',
      'GET /healthz',
      'GET /health/live',
      'GET /health/ready',
      'GET /livez',
      'GET /readyz',
      'GET /ping',
      'GET /metrics',
    ]),
    maxPostingSize: 1000,
    lshBands: 16,
    lshRows: 4,
    maxBucketSize: 100,
    maxLiveVersions: 2,
    retiredLifecycles: Object.freeze([
      'deprecated',
      'retired',
      'sunset',
      'decommissioned',
    ]),
    styleScopes: Object.freeze(['system'] as const),
    styleConventionShare: 0.5,
    maxSharedOperations: 50,
  });
