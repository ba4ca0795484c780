import type { z } from 'zod';
import type { FragmentationDismissal } from '../fragmentation/dismissals';
import type {
  FragmentationCluster,
  FragmentationClusterMember,
} from '../fragmentation/schemas';
import type {
  apiLabelGroupSchema,
  apiLabelsSchema,
  apiSnapshotResultSchema,
  ownershipGapRowSchema,
  reportSummarySchema,
  snapshotCountsSchema,
  snapshotInfoSchema,
  snapshotTotalsSchema,
  teamRollupSchema,
  trendPointSchema,
} from './schemas';

/**
 * What a snapshot computed for one API.
 *
 * @public
 */
export type ApiSnapshotResult = z.infer<typeof apiSnapshotResultSchema>;

/**
 * One row of `GET /reports/ownership`: one ownership gap of one API.
 *
 * @public
 */
export type OwnershipGapRow = z.infer<typeof ownershipGapRowSchema>;

/**
 * One row of `GET /reports/teams`: an owner group with the APIs it owns
 * itself or through its child groups.
 *
 * @public
 */
export type TeamRollup = z.infer<typeof teamRollupSchema>;

/**
 * Counts of one snapshot.
 *
 * @public
 */
export type SnapshotCounts = z.infer<typeof snapshotCountsSchema>;

/**
 * The totals the backend derives from the counts (`unowned`, `gaps`).
 *
 * @public
 */
export type SnapshotTotals = z.infer<typeof snapshotTotalsSchema>;

/**
 * One point of the trend of `GET /reports/summary`.
 *
 * @public
 */
export type TrendPoint = z.infer<typeof trendPointSchema>;

/**
 * The snapshot the reports come from, and whether it is stale.
 *
 * @public
 */
export type SnapshotInfo = z.infer<typeof snapshotInfoSchema>;

/**
 * The answer of `GET /reports/summary`.
 *
 * @public
 */
export type ReportSummary = z.infer<typeof reportSummarySchema>;

/**
 * A page of a report.
 *
 * @public
 */
export interface ReportPage<T> {
  items: T[];
  /** Opaque; pass it as `cursor` for the next page. Absent on the last. */
  nextCursor?: string;
}

/**
 * The answer of `GET /reports/teams/{namespace}/{name}/apis`.
 *
 * @public
 */
export interface TeamApiPage extends ReportPage<ApiSnapshotResult> {
  team: TeamRollup;
  /** The snapshot the page comes from (absent from older backends). */
  snapshot?: SnapshotInfo;
}

/**
 * The orders of `GET /reports/teams/{namespace}/{name}/apis` (`sort`): by
 * the title shown (the entity's title, else its name), by the number of
 * ownership gaps or of governance findings; `-` first for descending. Ties
 * are broken by title, then entity ref.
 *
 * @public
 */
export const TEAM_API_SORTS = [
  'title',
  '-title',
  'gaps',
  '-gaps',
  'findings',
  '-findings',
] as const;

/**
 * An order of a team's APIs: one of {@link TEAM_API_SORTS}.
 *
 * @public
 */
export type TeamApiSort = (typeof TEAM_API_SORTS)[number];

/**
 * A page of `GET /reports/fragmentation`.
 *
 * @public
 */
export type FragmentationPage = ReportPage<FragmentationCluster>;

/**
 * The answer of `GET /reports/fragmentation/clusters/{clusterId}/members`.
 *
 * @public
 */
export interface ClusterMemberPage
  extends ReportPage<FragmentationClusterMember> {
  /** The id of the cluster, as in the fragmentation report. */
  clusterId: string;
  /** How many members the cluster has in all. */
  memberCount: number;
  /** Present while a dismissal applies to the cluster. */
  dismissal?: FragmentationDismissal;
}

/**
 * APIs sharing the same three APIOps values; see `apiLabelGroupSchema`.
 *
 * @public
 */
export type ApiLabelGroup = z.infer<typeof apiLabelGroupSchema>;

/**
 * The answer of `GET /reports/labels`; see `apiLabelsSchema`.
 *
 * @public
 */
export type ApiLabels = z.infer<typeof apiLabelsSchema>;
