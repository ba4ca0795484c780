import { z } from 'zod';
import { fragmentationDismissalSchema } from './dismissals';
import {
  DEFAULT_FRAGMENTATION_THRESHOLDS,
  type FragmentationThresholds,
} from './types';

/**
 * How the static segments of an API's REST paths are cased. `lower` means
 * only single-word segments (no signal either way); `mixed` means the API
 * itself uses more than one convention.
 *
 * @public
 */
export const pathCasingSchema = z.enum([
  'kebab',
  'camel',
  'snake',
  'pascal',
  'lower',
  'mixed',
]);

/**
 * How the static segments of an API's REST paths are cased; see
 * {@link pathCasingSchema}.
 *
 * @public
 */
export type PathCasing = z.infer<typeof pathCasingSchema>;

/**
 * Where a REST API puts its major version: a leading path segment (`/v1/…`),
 * the server URL or base path, nowhere, or inconsistently in its own paths.
 *
 * @public
 */
export const versioningSchemeSchema = z.enum([
  'path',
  'server',
  'none',
  'mixed',
]);

/**
 * Where a REST API puts its major version; see
 * {@link versioningSchemeSchema}.
 *
 * @public
 */
export type VersioningScheme = z.infer<typeof versioningSchemeSchema>;

/**
 * One API of a fragmentation cluster, with what a reader needs to tell the
 * members apart.
 *
 * @public
 */
export const fragmentationClusterMemberSchema = z.object({
  entityRef: z.string().describe('Ref of the member API.'),
  title: z.string().optional(),
  /** Normalized owner ref. */
  owner: z.string().optional().describe('Normalized owner ref.'),
  /** Normalized system ref. */
  system: z.string().optional().describe('Normalized system ref.'),
  /** Major version key (e.g. `2`), from the name or the definition. */
  version: z
    .string()
    .optional()
    .describe('Major version key (e.g. `2`), from the name or the definition.'),
  lifecycle: z.string().optional(),
});

/**
 * One API of a fragmentation cluster; see
 * {@link fragmentationClusterMemberSchema}.
 *
 * @public
 */
export type FragmentationClusterMember = z.infer<
  typeof fragmentationClusterMemberSchema
>;

/** A share of 0..1, as the detectors round it (three decimals). */
const ratioSchema = z.number().min(0).max(1);

/** Operations per member ref, once stop-listed signatures are left out. */
const operationCountsSchema = z
  .record(z.string(), z.number().int().min(0))
  .describe(
    'Operations of each member (by entity ref), stop-listed signatures left out.',
  );

/** Member refs per style, e.g. `{ kebab: [...], camel: [...] }`. */
const refsByStyle = <T extends z.ZodTypeAny>(style: T) =>
  z.record(style, z.array(z.string()));

/** The fields every cluster has, whatever its type. */
const clusterFields = {
  /**
   * Stable id: a hash of the type and the sorted member refs, so that the
   * same finding keeps its id across snapshots.
   */
  id: z.string(),
  /**
   * The APIs of the cluster, in a type-specific order (e.g. contained API
   * first). A detected cluster has two or more; as returned, at most
   * `CLUSTER_MEMBERS_MAX` of them, the first ones (see `memberCount`).
   */
  members: z
    .array(fragmentationClusterMemberSchema)
    .describe(
      'The first members (at most 25), in a type-specific order; memberCount says how many there are in all.',
    ),
  /**
   * How many members the cluster has in all. Present on every cluster the
   * API returns; `members` lists at most `CLUSTER_MEMBERS_MAX` of them.
   */
  memberCount: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe(
      'How many members the cluster has in all (members lists at most 25; page the rest by cluster id).',
    ),
  /**
   * Strength of the finding, 0..1; what it measures depends on the type.
   */
  score: ratioSchema,
  /**
   * Normalized operation signatures shared by members (e.g.
   * `GET /customers/{}`), most shared first, at most a configured number.
   */
  sharedOperations: z.array(z.string()),
  /** How many signatures are shared in all, before the cap. */
  sharedOperationCount: z.number().int().min(0),
  /** One sentence for the API's owners. */
  message: z.string(),
  /**
   * A hash of the sorted member refs and each member's definition hash: it
   * changes when a member's definition does (a dismissal holds only while
   * it is the same).
   */
  fingerprint: z.string().optional(),
  /** Present while a dismissal applies to the cluster. */
  dismissal: fragmentationDismissalSchema.optional(),
};

/**
 * How strongly two APIs are linked: the figures that made a `duplicate` or an
 * `overlap`, for the explanation shown beside the finding.
 *
 * @public
 */
export const pairEvidenceSchema = z.object({
  /** The smaller API (for an overlap, the contained one). */
  from: z.string().describe('Ref of the smaller (contained) API.'),
  /** The other API (for an overlap, the container). */
  to: z.string().describe('Ref of the other (containing) API.'),
  /** Operations both have (stop-listed signatures left out). */
  sharedOperations: z.number().int().min(0),
  /**
   * Shared operations whose request and response shapes (property names and
   * types, parameter names) are the same in both definitions.
   */
  schemaMatches: z.number().int().min(0),
  /** Jaccard similarity of the operation sets. */
  jaccard: ratioSchema,
  /** Share of the smaller API's operations found in the other. */
  containment: ratioSchema,
  /**
   * The weighted evidence: rarity weights of the shared operations, counted
   * twice where the shapes match too (see `minEvidence` of the thresholds).
   */
  evidence: z.number().min(0),
});

/**
 * How strongly two APIs are linked; see {@link pairEvidenceSchema}.
 *
 * @public
 */
export type PairEvidence = z.infer<typeof pairEvidenceSchema>;

/** Shared operations that count for little: many APIs of the catalog have them. */
const genericOperationsSchema = z
  .array(z.string())
  .describe(
    'Shared operations that many APIs of the catalog have (they count for little).',
  );

/**
 * `duplicate`: APIs whose operations are nearly the same, with enough
 * weighted evidence. Members are sorted by ref; `score` is the weakest
 * Jaccard similarity of the linked pairs.
 *
 * @public
 */
export const duplicateClusterSchema = z.object({
  ...clusterFields,
  type: z.literal('duplicate'),
  details: z.object({
    operationCounts: operationCountsSchema,
    /** The weakest Jaccard similarity of the linked pairs (the score). */
    minJaccard: ratioSchema,
    /** The strongest Jaccard similarity of the linked pairs. */
    maxJaccard: ratioSchema,
    /** The linked pairs and what made each (strongest first, at most 25). */
    pairs: z.array(pairEvidenceSchema),
    genericOperations: genericOperationsSchema,
  }),
});

/**
 * `overlap`: APIs largely contained in one other API, grouped by that
 * container. The container is the first member, the contained APIs follow
 * (most contained first); `score` is the highest containment.
 *
 * @public
 */
export const overlapClusterSchema = z.object({
  ...clusterFields,
  type: z.literal('overlap'),
  details: z.object({
    /** The larger API, which holds most of the operations of the others. */
    container: z.string(),
    /** The APIs largely contained in the container, most contained first. */
    contained: z.array(z.string()),
    operationCounts: operationCountsSchema,
    /** The highest containment of a contained API (the score). */
    containment: ratioSchema,
    /** Jaccard similarity of the closest pair (below the duplicate threshold). */
    jaccard: ratioSchema,
    /** Each contained API and what made it (most contained first, at most 25). */
    pairs: z.array(pairEvidenceSchema),
    genericOperations: genericOperationsSchema,
  }),
});

/**
 * `family`: APIs implementing one shared interface, as one cluster: three
 * or more sharing it, or two or more near-identical deployments of one owner,
 * each at a base path of its own. Members are sorted by ref; `sharedOperations` is the interface;
 * `score` is the share of the interface that the member implementing the
 * least of it implements.
 *
 * @public
 */
export const familyClusterSchema = z.object({
  ...clusterFields,
  type: z.literal('family'),
  details: z.object({
    /**
     * Operations of each member as the interface counts them: only the
     * listed infrastructure endpoints (`stopSignatures`) left out.
     */
    operationCounts: operationCountsSchema,
    /** Operations of the shared interface. */
    interfaceOperationCount: z.number().int().min(0),
    /** Interface operations whose request and response shapes are the same in every member. */
    schemaMatches: z.number().int().min(0),
    /** The interface's evidence (see `familyMinEvidence` of the thresholds). */
    evidence: z.number().min(0),
    /** Distinct owners of the members. */
    owners: z.array(z.string()),
  }),
});

/**
 * `version-sprawl`: more live major versions of one API than allowed.
 * Members are the live versions, oldest first; `score` is 1.
 *
 * @public
 */
export const versionSprawlClusterSchema = z.object({
  ...clusterFields,
  type: z.literal('version-sprawl'),
  details: z.object({
    /** The normalized name the versions share. */
    nameKey: z.string(),
    /** The distinct live major versions, ascending, e.g. `['1', '2', '3']`. */
    liveVersions: z.array(z.string()),
    /** The configured limit the family is over. */
    maxLiveVersions: z.number().int().min(1),
    /** Refs of the family's versions with a retired lifecycle (not members). */
    retiredMembers: z.array(z.string()),
  }),
});

/**
 * `name-collision`: the same normalized name for unrelated APIs of different
 * owners or systems. Members are sorted by ref; `score` is 1.
 *
 * @public
 */
export const nameCollisionClusterSchema = z.object({
  ...clusterFields,
  type: z.literal('name-collision'),
  details: z.object({
    /** The normalized name the members share. */
    nameKey: z.string(),
    /** The distinct owner refs of the members, sorted. */
    owners: z.array(z.string()),
    /** The distinct system refs of the members, sorted. */
    systems: z.array(z.string()),
  }),
});

/**
 * How the REST APIs of a scope split in one style dimension, and the
 * convention they follow, if any.
 */
const styleConventionSchema = <T extends z.ZodTypeAny>(style: T) =>
  z.object({
    /**
     * The style followed by a clear majority of the APIs with a clear style
     * (at least `styleConventionShare` of them, and strictly more than any
     * other style); absent when no style has one.
     */
    convention: style.optional(),
    /** How many APIs of the scope follow the convention; 0 without one. */
    followerCount: z.number().int().min(0),
    /** How many APIs of the scope have a clear style in this dimension. */
    apiCount: z.number().int().min(0),
    /**
     * How many APIs of the scope use each style, the convention included:
     * the clear styles and `mixed` (APIs mixing styles in their own paths);
     * `lower` left out.
     */
    styleCounts: z.record(style, z.number().int().min(0)),
  });

/**
 * `style-inconsistency`: the REST APIs of one system (or domain) that break
 * its convention, one cluster per scope. In each dimension (path casing,
 * versioning) the convention is the style of a clear majority of the scope's
 * APIs; the members are the outliers only: the APIs of another clear style
 * (when there is a convention) and the APIs that mix styles in their own
 * paths (`mixed`, always). A dimension without a convention lists no API of
 * a clear style: its split is in `conventions`. `score` is the share of the
 * scope's REST APIs (with a known style) that are members.
 *
 * @public
 */
export const styleInconsistencyClusterSchema = z.object({
  ...clusterFields,
  type: z.literal('style-inconsistency'),
  /** The system or domain ref the inconsistency is found in. */
  scope: z.string(),
  details: z.object({
    /** Whether `scope` is a system or a domain. */
    scopeKind: z.enum(['system', 'domain']),
    /**
     * The members that break the path casing convention, per casing they
     * use (the convention's followers are not listed; `mixed` is listed
     * with or without a convention).
     */
    pathCasing: refsByStyle(pathCasingSchema),
    /** The members that break the versioning convention, per scheme. */
    versioning: refsByStyle(versioningSchemeSchema),
    /** Per dimension, the convention of the scope and how its APIs split. */
    conventions: z.object({
      pathCasing: styleConventionSchema(pathCasingSchema),
      versioning: styleConventionSchema(versioningSchemeSchema),
    }),
  }),
});

/**
 * A group of APIs that fragment the catalog in one way: one of the six
 * types, each with its own `details`. Narrow on `type` to read them.
 *
 * @public
 */
export const fragmentationClusterSchema = z.discriminatedUnion('type', [
  duplicateClusterSchema,
  overlapClusterSchema,
  familyClusterSchema,
  versionSprawlClusterSchema,
  nameCollisionClusterSchema,
  styleInconsistencyClusterSchema,
]);

/**
 * A `duplicate` cluster; see {@link duplicateClusterSchema}.
 *
 * @public
 */
export type DuplicateCluster = z.infer<typeof duplicateClusterSchema>;

/**
 * An `overlap` cluster; see {@link overlapClusterSchema}.
 *
 * @public
 */
export type OverlapCluster = z.infer<typeof overlapClusterSchema>;

/**
 * A `family` cluster; see {@link familyClusterSchema}.
 *
 * @public
 */
export type FamilyCluster = z.infer<typeof familyClusterSchema>;

/**
 * A `version-sprawl` cluster; see {@link versionSprawlClusterSchema}.
 *
 * @public
 */
export type VersionSprawlCluster = z.infer<typeof versionSprawlClusterSchema>;

/**
 * A `name-collision` cluster; see {@link nameCollisionClusterSchema}.
 *
 * @public
 */
export type NameCollisionCluster = z.infer<typeof nameCollisionClusterSchema>;

/**
 * A `style-inconsistency` cluster; see
 * {@link styleInconsistencyClusterSchema}.
 *
 * @public
 */
export type StyleInconsistencyCluster = z.infer<
  typeof styleInconsistencyClusterSchema
>;

/**
 * A group of APIs that fragment the catalog in one way; see
 * {@link fragmentationClusterSchema}.
 *
 * @public
 */
export type FragmentationCluster = z.infer<typeof fragmentationClusterSchema>;

/** A configured value as a message shows it: strings quoted, `NaN` as is. */
function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** A share in (0, 1]; the message names the value given. */
function share() {
  return z
    .number({
      errorMap: (_issue, ctx) => ({
        message: `must be a number in (0, 1], got ${shown(ctx.data)}`,
      }),
    })
    .gt(0)
    .lte(1);
}

/** A number of at least 0; the message names the value given. */
function weight() {
  return z
    .number({
      errorMap: (_issue, ctx) => ({
        message: `must be a number of at least 0, got ${shown(ctx.data)}`,
      }),
    })
    .min(0)
    .finite();
}

/** A whole number of at least 1; the message names the value given. */
function count() {
  return z
    .number({
      errorMap: (_issue, ctx) => ({
        message: `must be a positive integer, got ${shown(ctx.data)}`,
      }),
    })
    .int()
    .min(1);
}

const defaults = DEFAULT_FRAGMENTATION_THRESHOLDS;

/**
 * The knobs of fragmentation detection as configured (`apiops.fragmentation`):
 * every field optional, unknown fields refused. Parsing gives the complete
 * {@link FragmentationThresholds}, the defaults filled in.
 *
 * @public
 */
export const fragmentationThresholdsSchema = z
  .object({
    duplicateJaccard: share().default(defaults.duplicateJaccard),
    duplicateMinOperations: count().default(defaults.duplicateMinOperations),
    overlapContainment: share().default(defaults.overlapContainment),
    overlapMinOperations: count().default(defaults.overlapMinOperations),
    minEvidence: weight().default(defaults.minEvidence),
    familyMinApis: count().default(defaults.familyMinApis),
    familyMinEvidence: weight().default(defaults.familyMinEvidence),
    stopListShare: share().default(defaults.stopListShare),
    stopListMinApis: count().default(defaults.stopListMinApis),
    stopSignatures: z
      .array(z.string())
      .default(() => [...defaults.stopSignatures]),
    maxPostingSize: count().default(defaults.maxPostingSize),
    lshBands: count().default(defaults.lshBands),
    lshRows: count().default(defaults.lshRows),
    maxBucketSize: count().default(defaults.maxBucketSize),
    maxLiveVersions: count().default(defaults.maxLiveVersions),
    retiredLifecycles: z
      .array(z.string())
      .default(() => [...defaults.retiredLifecycles]),
    styleScopes: z
      .array(
        z.enum(['system', 'domain'], {
          errorMap: (_issue, ctx) => ({
            message: `unknown scope ${String(
              ctx.data,
            )}; expected system or domain`,
          }),
        }),
      )
      .default(() => [...defaults.styleScopes]),
    styleConventionShare: share().default(defaults.styleConventionShare),
    maxSharedOperations: count().default(defaults.maxSharedOperations),
  })
  .strict()
  .superRefine((thresholds, ctx) => {
    if (thresholds.lshBands * thresholds.lshRows > 1024) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['lshRows'],
        message: `must be at most ${Math.floor(
          1024 / thresholds.lshBands,
        )} with lshBands ${
          thresholds.lshBands
        } (lshBands × lshRows must be at most 1024)`,
      });
    }
  }) satisfies z.ZodType<FragmentationThresholds, z.ZodTypeDef, unknown>;
