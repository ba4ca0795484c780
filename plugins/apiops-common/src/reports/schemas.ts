import { z } from 'zod';
import { APIOPS_NO_OWNERSHIP_GAP } from '../entities';
import { FRAGMENTATION_TYPES } from '../fragmentation/types';
import { fragmentationDismissalSchema } from '../fragmentation/dismissals';
import { fragmentationClusterMemberSchema } from '../fragmentation/schemas';
import { GOVERNANCE_STATUSES } from '../governance/types';
import { OWNER_GAP_TYPES } from '../ownership/types';
import { apiStationStatusSchema } from '../status/apiStationStatusSchema';

/*
 * The response shapes of the reports, shared by the backend's REST routes
 * (src/schema/openapi.yaml), its MCP actions (output schemas) and the
 * frontend client. The TypeScript types are inferred from them.
 */

/**
 * Severity of a finding or a gap.
 *
 * @public
 */
export const findingSeveritySchema = z.enum(['error', 'warning', 'info']);

/**
 * An ownership gap of an API.
 *
 * @public
 */
export const ownerGapSchema = z.object({
  type: z.enum(OWNER_GAP_TYPES),
  severity: findingSeveritySchema,
  message: z.string(),
});

/**
 * A finding of a governance rule.
 *
 * @public
 */
export const governanceFindingSchema = z.object({
  ruleId: z.string(),
  severity: findingSeveritySchema,
  message: z.string(),
  path: z.string().optional(),
  fix: z.string().optional(),
  source: z.string().optional(),
  definitionPath: z.string().optional(),
  documentationUrl: z.string().optional(),
});

/**
 * Whether an API is governed, and the findings that say why not.
 *
 * @public
 */
export const governanceResultSchema = z.object({
  status: z.enum(GOVERNANCE_STATUSES),
  findings: z.array(governanceFindingSchema),
});

/**
 * Who owns an API, as a snapshot checked it.
 *
 * @public
 */
export const ownershipResultSchema = z.object({
  ref: z.string().optional(),
  declared: z.string().optional(),
  resolved: z.boolean(),
  kind: z.string().optional(),
  title: z.string().optional(),
  memberCount: z.number().optional(),
  gaps: z.array(ownerGapSchema),
});

/**
 * What a snapshot computed for one API.
 *
 * @public
 */
export const apiSnapshotResultSchema = z.object({
  entityRef: z.string(),
  title: z.string(),
  system: z.string().optional(),
  lifecycle: z.string().optional(),
  station: apiStationStatusSchema,
  owner: ownershipResultSchema,
  governance: governanceResultSchema,
  /**
   * When a refresh of this one API recomputed the result, after the
   * snapshot; absent when it is as the snapshot computed it.
   */
  refreshedAt: z.string().optional(),
});

/**
 * One row of `GET /reports/ownership`: one ownership gap of one API.
 *
 * @public
 */
export const ownershipGapRowSchema = z.object({
  entityRef: z.string(),
  title: z.string(),
  /** Normalized owner ref, when the API names a real-looking owner. */
  owner: z.string().optional(),
  /** `spec.owner` as written. */
  declaredOwner: z.string().optional(),
  system: z.string().optional(),
  type: z.enum(OWNER_GAP_TYPES),
  severity: findingSeveritySchema,
  message: z.string(),
});

/**
 * One row of `GET /reports/teams`: an owner group with the APIs it owns
 * itself or through its child groups.
 *
 * @public
 */
export const teamRollupSchema = z.object({
  groupRef: z.string(),
  title: z.string(),
  apis: z.number(),
  byStation: z.record(z.number()),
  byStatus: z.record(z.enum(GOVERNANCE_STATUSES), z.number()),
  gaps: z.number(),
  findings: z.number(),
  /**
   * When a refresh of one of its APIs last changed the row, after the
   * snapshot; absent when it is as the snapshot computed it.
   */
  refreshedAt: z.string().optional(),
});

/**
 * Counts of one snapshot.
 *
 * @public
 */
export const snapshotCountsSchema = z.object({
  apis: z.number(),
  byStation: z.record(z.number()),
  byStatus: z.record(z.enum(GOVERNANCE_STATUSES), z.number()),
  byGapType: z.record(z.enum(OWNER_GAP_TYPES), z.number()),
  byFindingType: z.record(z.number()),
  /** Fragmentation clusters by type (absent in snapshots taken before fragmentation was detected). */
  byFragmentationType: z
    .record(z.enum(FRAGMENTATION_TYPES), z.number())
    .optional(),
});

/**
 * The totals the backend derives from the counts of a snapshot.
 *
 * @public
 */
export const snapshotTotalsSchema = z.object({
  /**
   * APIs with nobody real as owner: an `owner-missing` or an
   * `owner-unresolved` gap (an API has at most one of the two).
   */
  unowned: z.number(),
  /** Ownership gaps of every type. */
  gaps: z.number(),
});

/**
 * One point of the trend: the counts and totals of one successful snapshot.
 *
 * @public
 */
export const trendPointSchema = snapshotCountsSchema
  .merge(snapshotTotalsSchema)
  .extend({ snapshotId: z.string(), computedAt: z.string() });

/**
 * The snapshot the reports come from, and whether it is stale.
 *
 * @public
 */
export const snapshotInfoSchema = z.object({
  /** Id of the snapshot the reports come from; absent before the first one. */
  id: z.string().optional(),
  /** When that snapshot finished (ISO 8601). */
  computedAt: z.string().optional(),
  /** True when no snapshot has succeeded yet, or the latest run failed. */
  stale: z.boolean(),
  /** Why the reports are stale. */
  staleReason: z.string().optional(),
  /** The latest run, whatever its outcome. */
  lastRun: z
    .object({
      id: z.string(),
      status: z.enum(['running', 'succeeded', 'failed']),
      startedAt: z.string(),
      finishedAt: z.string().optional(),
      error: z.string().optional(),
    })
    .optional(),
  /**
   * About when the next scheduled snapshot starts (ISO 8601): the start of
   * the latest run plus the schedule's frequency. Absent for a cron or a
   * manual-only schedule, and before the first run. In the past when the
   * run is due.
   */
  nextRunAt: z.string().optional(),
  /**
   * When the latest refresh of one API changed the current results (they
   * are then the snapshot's with that API recomputed); absent when none has
   * since the snapshot started.
   */
  lastRefreshAt: z.string().optional(),
});

/**
 * The answer of `GET /reports/summary`.
 *
 * @public
 */
export const reportSummarySchema = snapshotCountsSchema
  .merge(snapshotTotalsSchema)
  .extend({
    snapshot: snapshotInfoSchema,
    /**
     * Clusters of the latest snapshot dismissed by type, counted apart:
     * `byFragmentationType` leaves them out. Read when asked, so a dismissal
     * counts at once.
     */
    dismissedByFragmentationType: z
      .record(z.enum(FRAGMENTATION_TYPES), z.number())
      .optional(),
    /** One point per successful snapshot kept in the history, oldest first. */
    trend: z.array(trendPointSchema),
  });

/**
 * A page of a report: its items, and the cursor of the next page.
 *
 * @public
 */
export function reportPageSchema<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    /** Opaque; pass it as `cursor` for the next page. Absent on the last. */
    nextCursor: z.string().optional(),
  });
}

/**
 * The answer of `GET /reports/teams/{namespace}/{name}/apis`.
 *
 * @public
 */
export const teamApiPageSchema = reportPageSchema(
  apiSnapshotResultSchema,
).extend({
  team: teamRollupSchema,
  /** The snapshot the page comes from (absent from older backends). */
  snapshot: snapshotInfoSchema.optional(),
});

/**
 * The answer of
 * `GET /reports/fragmentation/clusters/{clusterId}/members`: a page of the
 * members of one cluster, in the cluster's order.
 *
 * @public
 */
export const clusterMemberPageSchema = reportPageSchema(
  fragmentationClusterMemberSchema,
).extend({
  clusterId: z.string(),
  /** How many members the cluster has in all. */
  memberCount: z.number().int().min(0),
  /** Present while a dismissal applies to the cluster. */
  dismissal: fragmentationDismissalSchema.optional(),
});

/**
 * APIs that share the same three APIOps values, in the answer of
 * `GET /reports/labels`. `governance` and `ownershipGap` are absent for an
 * API that no snapshot has seen yet but that has been assessed since.
 *
 * @public
 */
export const apiLabelGroupSchema = z.object({
  /** The station id, or `unassessed`. */
  station: z.string(),
  governance: z.enum(GOVERNANCE_STATUSES).optional(),
  /** The type of the API's most severe ownership gap, or `none`. */
  ownershipGap: z
    .union([z.enum(OWNER_GAP_TYPES), z.literal(APIOPS_NO_OWNERSHIP_GAP)])
    .optional(),
  /** Entity refs of the APIs, in lower case. */
  entityRefs: z.array(z.string()),
});

/**
 * The answer of `GET /reports/labels`: the station, governance status and
 * ownership gap of every API, from the latest snapshot with the assessments
 * recorded since, grouped by the three values so that each API costs only
 * its ref. The catalog module
 * (`@apiops-backstage/plugin-catalog-backend-module-apiops`) turns it into
 * the labels of `APIOPS_LABELS`.
 *
 * @public
 */
export const apiLabelsSchema = z.object({
  /** The snapshot the results come from; absent before the first one. */
  snapshotId: z.string().optional(),
  /** When that snapshot finished. */
  computedAt: z.string().optional(),
  groups: z.array(apiLabelGroupSchema),
});
