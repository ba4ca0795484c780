import type { GovernanceFinding, GovernanceStatus } from '../governance/types';
import type { FragmentationType } from '../fragmentation/types';
import type { OwnerGapType, OwnershipResult } from '../ownership/types';
import type { ApiStationStatus } from '../status/types';

/**
 * What a snapshot computed for one API.
 *
 * @public
 */
export interface ApiSnapshotResult {
  entityRef: string;
  title: string;
  system?: string;
  lifecycle?: string;
  station: ApiStationStatus;
  owner: OwnershipResult;
  governance: { status: GovernanceStatus; findings: GovernanceFinding[] };
}

/**
 * One row of `GET /reports/ownership`: one ownership gap of one API.
 *
 * @public
 */
export interface OwnershipGapRow {
  entityRef: string;
  title: string;
  /** Normalized owner ref, when the API names a real-looking owner. */
  owner?: string;
  /** `spec.owner` as written. */
  declaredOwner?: string;
  system?: string;
  type: OwnerGapType;
  severity: GovernanceFinding['severity'];
  message: string;
}

/**
 * One row of `GET /reports/teams`: an owner group with the APIs it owns
 * itself or through its child groups.
 *
 * @public
 */
export interface TeamRollup {
  groupRef: string;
  title: string;
  apis: number;
  byStation: Record<string, number>;
  byStatus: Partial<Record<GovernanceStatus, number>>;
  gaps: number;
  findings: number;
}

/**
 * Counts of one snapshot.
 *
 * @public
 */
export interface SnapshotCounts {
  apis: number;
  byStation: Record<string, number>;
  byStatus: Partial<Record<GovernanceStatus, number>>;
  byGapType: Partial<Record<OwnerGapType, number>>;
  byFindingType: Record<string, number>;
  /** Fragmentation clusters by type (absent in snapshots taken before fragmentation was detected). */
  byFragmentationType?: Partial<Record<FragmentationType, number>>;
}

/**
 * The snapshot the reports come from, and whether it is stale.
 *
 * @public
 */
export interface SnapshotInfo {
  /** Id of the snapshot the reports come from; absent before the first one. */
  id?: string;
  /** When that snapshot finished (ISO 8601). */
  computedAt?: string;
  /**
   * True when the latest run failed (the reports are those of an earlier
   * run) or no snapshot has succeeded yet.
   */
  stale: boolean;
  /** Why the reports are stale. */
  staleReason?: string;
  /** The latest run, whatever its outcome. */
  lastRun?: {
    id: string;
    status: 'running' | 'succeeded' | 'failed';
    startedAt: string;
    finishedAt?: string;
    error?: string;
  };
}

/**
 * The answer of `GET /reports/summary`.
 *
 * @public
 */
export interface ReportSummary extends SnapshotCounts {
  snapshot: SnapshotInfo;
  /** One point per successful snapshot kept in the history, oldest first. */
  trend: Array<SnapshotCounts & { snapshotId: string; computedAt: string }>;
}
