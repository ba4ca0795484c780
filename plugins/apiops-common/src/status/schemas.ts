import { z } from 'zod';
import { assessmentSchema } from '../assessments/schemas';
import { fragmentationClusterSchema } from '../fragmentation/schemas';
import { governanceResultSchema, ownerGapSchema } from '../reports/schemas';
import { apiStationStatusSchema } from './apiStationStatusSchema';

/**
 * Who owns an API: the owner the catalog names, and, once a snapshot has seen
 * the API, what the ownership checks found. `gaps` is report data: present
 * only for callers allowed `apiops.report.read`.
 *
 * @public
 */
export const apiOwnerStatusSchema = z.object({
  ref: z.string().optional(),
  declared: z.string().optional(),
  resolved: z.boolean().optional(),
  kind: z.string().optional(),
  title: z.string().optional(),
  memberCount: z.number().optional(),
  gaps: z.array(ownerGapSchema).optional(),
});

/**
 * The answer of `GET /entities/{kind}/{namespace}/{name}/status` and of the
 * MCP tool `get-api-status`. `governance` and `fragmentation` (like
 * `owner.gaps`) are report data: absent until a snapshot has seen the API,
 * and for callers not allowed `apiops.report.read`; for those,
 * `reportData` is `'withheld'`, so that a client can tell the two apart.
 *
 * @public
 */
export const apiStatusSchema = z.object({
  entityRef: z.string(),
  station: apiStationStatusSchema,
  owner: apiOwnerStatusSchema,
  lifecycle: z.string().optional(),
  governance: governanceResultSchema.optional(),
  fragmentation: z.array(fragmentationClusterSchema).optional(),
  latestAssessment: assessmentSchema.optional(),
  computedAt: z.string(),
  snapshotAt: z.string().optional(),
  /**
   * When a refresh of this API last recomputed its stored result (the
   * ownership checks and the rule inputs the status uses), after the
   * snapshot of `snapshotAt`; absent when it is the snapshot's.
   */
  refreshedAt: z.string().optional(),
  /**
   * About when the next scheduled snapshot starts, which the reports (the
   * APIOps page, a group's tab, the catalog labels) wait for; absent for a
   * cron or manual-only schedule.
   */
  nextSnapshotAt: z.string().optional(),
  reportData: z.literal('withheld').optional(),
});
