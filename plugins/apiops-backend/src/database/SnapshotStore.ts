import type {
  EntityRefKey,
  ApiSnapshotResult,
  FragmentationCluster,
  FragmentationClusterMember,
  FragmentationDismissal,
  FragmentationType,
  GovernanceStatus,
  OwnerGapType,
  OwnershipGapRow,
  ReportPage,
  SnapshotCounts,
  SnapshotInfo,
  TeamApiSort,
  TeamRollup,
} from '@apiops-backstage/plugin-apiops-common';

/**
 * The most rows a report page returns.
 *
 * @internal
 */
export const REPORT_PAGE_MAX_LIMIT = 1000;

/**
 * What the snapshot keeps of one API: its result, and the inputs of its
 * governance rules that do not come from the entity itself, so that its
 * status can be recomputed at once after an assessment.
 *
 * @internal
 */
export interface StoredApiResult {
  result: ApiSnapshotResult;
  inputs: {
    providers: Array<{ ref: string; exists: boolean }>;
    consumers: string[];
    definitionProblem?: string;
  };
}

/**
 * A refresh of one API: its result computed again now, to replace its part
 * of the current results.
 *
 * @internal
 */
export interface ApiRefresh {
  /** The API's new result (with `result.refreshedAt`) and rule inputs. */
  stored: StoredApiResult;
  /**
   * The groups that count the API in their rollups: its owner group first,
   * then the groups above it (none when the owner is not a known group).
   */
  teams: Array<{ groupRef: EntityRefKey; title: string }>;
  /** When the refresh started reading the catalog and the assessments. */
  refreshedAt: Date;
  /** Entity ref of the user, or subject of the service. */
  refreshedBy: string;
}

/**
 * What became of a refresh: applied to the current results, or not because
 * a snapshot or a refresh of the API that started later got there first.
 *
 * @internal
 */
export type ApiRefreshOutcome = 'applied' | 'superseded';

/**
 * Everything a successful snapshot writes.
 *
 * @internal
 */
export interface SnapshotResults {
  apis: StoredApiResult[];
  /** With, per group, the refs of the groups whose APIs it counts. */
  teams: Array<TeamRollup & { ownerRefs: string[] }>;
  clusters: FragmentationCluster[];
  counts: SnapshotCounts;
}

/**
 * The three values of one API that the catalog labels carry, as the current
 * results store them.
 *
 * @internal
 */
export interface StoredApiLabel {
  /** Lower-case entity ref. */
  entityRef: string;
  station: string;
  /** The governance status. */
  governance: string;
  /** The type of the most severe ownership gap, or `none`. */
  ownershipGap: string;
}

/**
 * The labels of every API of the current results, with the snapshot they
 * come from (absent, with no APIs, before the first successful snapshot).
 *
 * @internal
 */
export interface StoredApiLabels {
  snapshot?: {
    id: string;
    /** When the run started: assessments from then on may be missing. */
    startedAt: Date;
    /** When it finished (ISO 8601). */
    computedAt?: string;
  };
  apis: StoredApiLabel[];
}

/**
 * Filters of the ownership report: gaps of any of `types` (all when none),
 * of APIs of the owner (a group with its descendant groups) and system.
 *
 * @internal
 */
export interface OwnershipGapQuery {
  types?: OwnerGapType[];
  owner?: EntityRefKey;
  system?: EntityRefKey;
  limit: number;
  cursor?: string;
}

/**
 * Filters of the APIs report: APIs of any of the governance statuses (all
 * when none), of the owner (a group with its descendant groups) and system.
 *
 * @internal
 */
export interface ApiQuery {
  governance?: GovernanceStatus[];
  owner?: EntityRefKey;
  system?: EntityRefKey;
  limit: number;
  cursor?: string;
}

/**
 * Filters of the fragmentation report: clusters with at least one member of
 * the owner or system; with the dismissed ones (`include`, the default),
 * without them (`exclude`) or only them (`only`).
 *
 * @internal
 */
export interface FragmentationQuery {
  type?: FragmentationType;
  owner?: EntityRefKey;
  system?: EntityRefKey;
  dismissed?: 'include' | 'exclude' | 'only';
  limit: number;
  cursor?: string;
}

/**
 * The query of a team's APIs: the order and a text to look for in the
 * title or the ref.
 *
 * @internal
 */
export interface TeamApiQuery {
  limit: number;
  cursor?: string;
  /** `title` when not given. */
  sort?: TeamApiSort;
  /** Case-insensitive; matched anywhere in the title or the entity ref. */
  search?: string;
}

/** One page of a report (the shared type of -common). */
export type { ReportPage };

/**
 * The snapshots of the catalog: current results (replaced as a whole by each
 * successful snapshot), and a bounded history of summaries.
 *
 * @internal
 */
export interface SnapshotStore {
  /**
   * Records the start of a run; returns its id. Runs still running past the
   * snapshot timeout are failed first ("timed out").
   */
  startRun(): Promise<string>;

  /**
   * Replaces the current results with those of the run, in one transaction,
   * and marks the run succeeded. Rows of APIs no longer in the results are
   * gone afterwards. One completion at a time (a database lock), and newest
   * wins: a run that started before the run whose results are current, that
   * is past the snapshot timeout or no longer running is recorded failed
   * with the reason, the current results stay, and it rejects with a
   * `ConflictError`.
   */
  completeRun(runId: string, results: SnapshotResults): Promise<void>;

  /**
   * Marks the run failed, with the real cause of the error first (no SQL);
   * the current results stay as they are. A run already finished keeps its
   * outcome.
   */
  failRun(runId: string, error: unknown): Promise<void>;

  /**
   * At start-up: fails the runs left running by a backend that stopped
   * (started longer ago than the snapshot timeout), so that the reports say
   * they are stale. Resolves to their ids.
   */
  failInterruptedRuns(): Promise<string[]>;

  /** The snapshot the current results come from, and whether it is stale. */
  getInfo(): Promise<SnapshotInfo>;

  /**
   * Counts of the successful snapshots finished since a time, oldest first;
   * at most `maxPoints` of them, evenly spaced in time, the first and the
   * latest always kept.
   */
  listHistory(
    since: Date,
    maxPoints?: number,
  ): Promise<
    Array<SnapshotCounts & { snapshotId: string; computedAt: string }>
  >;

  /** Counts of the current results. */
  getCurrentCounts(): Promise<SnapshotCounts | undefined>;

  /** Deletes runs finished before a time, keeping the latest successful one. */
  purgeHistory(before: Date): Promise<number>;

  /** The current result of one API, if the latest snapshot saw it. */
  getApiResult(entityRef: EntityRefKey): Promise<StoredApiResult | undefined>;

  /**
   * The current results of several APIs, by lower-case entity ref; the
   * APIs the latest snapshot did not see are left out.
   */
  getApiResults(
    entityRefs: Iterable<EntityRefKey>,
  ): Promise<Map<EntityRefKey, StoredApiResult>>;

  /**
   * The station, governance status and most severe ownership gap of every
   * API of the current results, read with their snapshot in one
   * transaction (narrow columns, no result JSON).
   */
  listApiLabels(): Promise<StoredApiLabels>;

  /**
   * A page of the ownership gaps, filtered. The cursors of this and every
   * other page are bound to the snapshot of the page: once a newer snapshot
   * has replaced the results, a cursor is a `ConflictError` naming `cursor`.
   */
  listOwnershipGaps(
    query: OwnershipGapQuery,
  ): Promise<ReportPage<OwnershipGapRow>>;

  /**
   * A page of the current APIs, filtered, by entity ref (every API of the
   * snapshot, with or without gaps and findings).
   */
  listApis(query: ApiQuery): Promise<ReportPage<ApiSnapshotResult>>;

  /**
   * A page of the APIs a group owns itself or through its descendant
   * groups, in the order asked (by title by default), those whose title or
   * ref contains `search` (case-insensitive) when it is given; undefined
   * when the group owns no API.
   */
  listTeamApis(
    groupRef: EntityRefKey,
    query: TeamApiQuery,
  ): Promise<
    { team: TeamRollup; page: ReportPage<ApiSnapshotResult> } | undefined
  >;

  /**
   * A page of the fragmentation clusters, filtered. Here and in every read
   * of clusters, a cluster carries its `dismissal` when one applies: one of
   * its id and its fingerprint, read with the cluster (so it shows at once,
   * without a new snapshot).
   */
  listFragmentation(
    query: FragmentationQuery,
  ): Promise<ReportPage<FragmentationCluster>>;

  /**
   * A page of the members of a current cluster, in the cluster's order,
   * with the number of all its members; undefined when the current results
   * have no such cluster. The cursor is bound to the snapshot, as the
   * other pages.
   */
  listClusterMembers(
    clusterId: string,
    query: { limit: number; cursor?: string },
  ): Promise<
    | {
        memberCount: number;
        dismissal?: FragmentationDismissal;
        page: ReportPage<FragmentationClusterMember>;
      }
    | undefined
  >;

  /** The clusters an API is a member of. */
  listClustersOf(entityRef: EntityRefKey): Promise<FragmentationCluster[]>;

  /** A cluster of the current results, whole (every member), if any. */
  getCluster(clusterId: string): Promise<FragmentationCluster | undefined>;

  /** The current clusters a dismissal applies to, by type. */
  countDismissedClusters(): Promise<Partial<Record<FragmentationType, number>>>;

  /**
   * Applies a refresh of one API to the current results (its row, its
   * gaps, the team rollups that count it and the counts), under the lock
   * that completions take, and keeps it so that a snapshot that started
   * before it and completes after it applies it again. `superseded` when a
   * snapshot or a refresh of the API that started later is current; a
   * `ConflictError` before the first successful snapshot.
   */
  refreshApi(refresh: ApiRefresh): Promise<ApiRefreshOutcome>;

  /**
   * The id of the latest refresh kept (a new one per refresh): with the
   * snapshot's id, the version of the current results.
   */
  lastRefreshId(): Promise<string | undefined>;

  /** A page of the team rollups, most APIs first. */
  listTeams(query: {
    limit: number;
    cursor?: string;
  }): Promise<ReportPage<TeamRollup>>;
}
