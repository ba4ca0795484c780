import type {
  EntityRefKey,
  ApiSnapshotResult,
  FragmentationCluster,
  FragmentationClusterMember,
  FragmentationDismissal,
  FragmentationType,
  OwnershipGapRow,
  SnapshotCounts,
  SnapshotInfo,
  TeamRollup,
} from '@apiops-backstage/plugin-apiops-common';
import {
  DatabaseService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { durationToMilliseconds } from '@backstage/types';
import { Knex } from 'knex';
import { migrateToLatest } from './migrateToLatest';
import { failureReason } from './failureReason';
import { completeRun } from './operations/completeRun';
import { listApiLabels } from './operations/listApiLabels';
import { listApis } from './operations/listApis';
import { listClusterMembers } from './operations/listClusterMembers';
import { failRunsStartedBefore } from './operations/failRunsStartedBefore';
import { getSnapshotInfo } from './operations/getSnapshotInfo';
import { listFragmentation } from './operations/listFragmentation';
import { listHistory } from './operations/listHistory';
import { listOwnershipGaps } from './operations/listOwnershipGaps';
import { listTeamApis } from './operations/listTeamApis';
import { listTeams } from './operations/listTeams';
import { purgeHistory } from './operations/purgeHistory';
import { refreshApi } from './operations/refreshApi';
import { describeMs } from './operations/util/describeMs';
import { lastSucceeded } from './operations/util/lastSucceeded';
import { snapshotTables as T } from './operations/util/snapshotTables';
import {
  ClusterRowWithDismissal,
  clusterOf,
  joinDismissals,
} from './operations/util/withDismissals';
import {
  ApiQuery,
  ApiRefresh,
  ApiRefreshOutcome,
  FragmentationQuery,
  OwnershipGapQuery,
  ReportPage,
  SnapshotResults,
  SnapshotStore,
  StoredApiLabels,
  StoredApiResult,
  TeamApiQuery,
} from './SnapshotStore';
import {
  DbApiRefreshRow,
  DbApiResultRow,
  DbFragmentationMemberRow,
  DbSnapshotRow,
} from './tables';

/** The schedule's default timeout, when the store is given none. */
const DEFAULT_RUN_TIMEOUT_MS = 10 * 60 * 1000;

/** The most refs of one read of API results. */
const API_RESULT_BATCH_SIZE = 500;

/** Why a run left `running` by a backend that stopped is failed. */
export const INTERRUPTED_REASON =
  'interrupted: the backend stopped during the run';

/**
 * Snapshots in the plugin's database (SQLite or PostgreSQL). Each operation
 * of more than one statement is a function of its own in `operations/`.
 *
 * @internal
 */
export class DatabaseSnapshotStore implements SnapshotStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /**
     * The snapshot task's timeout (10 minutes when not given): a run still
     * running after it is failed and its results are not stored.
     */
    runTimeout?: SchedulerServiceTaskScheduleDefinition['timeout'];
    /**
     * The snapshot task's frequency: a duration gives the snapshot info an
     * expected time of the next run (`nextRunAt`); a cron or manual-only
     * schedule, or none, does not.
     */
    frequency?: SchedulerServiceTaskScheduleDefinition['frequency'];
  }): Promise<DatabaseSnapshotStore> {
    const { database, runTimeout, frequency } = options;
    const client = await database.getClient();
    const skip = options.skipMigrations ?? database.migrations?.skip ?? false;
    if (!skip) {
      await migrateToLatest(client);
    }
    let runTimeoutMs = DEFAULT_RUN_TIMEOUT_MS;
    if (runTimeout) {
      runTimeoutMs =
        'toMillis' in runTimeout
          ? runTimeout.toMillis()
          : durationToMilliseconds(runTimeout);
    }
    return new DatabaseSnapshotStore(
      client,
      runTimeoutMs,
      frequencyMillis(frequency),
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly runTimeoutMs: number,
    private readonly frequencyMs: number | undefined,
  ) {}

  async startRun(): Promise<string> {
    // A run still going past the timeout is not waited for any more.
    await failRunsStartedBefore({
      db: this.db,
      cutoff: this.timeoutCutoff(),
      reason: `timed out: still running after ${describeMs(this.runTimeoutMs)}`,
    });
    const [row] = await this.db<DbSnapshotRow>(T.runs)
      .insert({ started_at: new Date(), status: 'running' })
      .returning('id');
    return String(typeof row === 'object' ? row.id : row);
  }

  async failInterruptedRuns(): Promise<string[]> {
    return failRunsStartedBefore({
      db: this.db,
      cutoff: this.timeoutCutoff(),
      reason: INTERRUPTED_REASON,
    });
  }

  async completeRun(runId: string, results: SnapshotResults): Promise<void> {
    await completeRun({
      db: this.db,
      runId,
      results,
      runTimeoutMs: this.runTimeoutMs,
    });
  }

  async failRun(runId: string, error: unknown): Promise<void> {
    // A run already failed (superseded, timed out, interrupted) keeps its reason.
    await this.db<DbSnapshotRow>(T.runs)
      .where({ id: runId, status: 'running' })
      .update({
        status: 'failed',
        finished_at: new Date(),
        error: failureReason(error),
      });
  }

  async getInfo(): Promise<SnapshotInfo> {
    return getSnapshotInfo({ db: this.db, frequencyMs: this.frequencyMs });
  }

  async listHistory(
    since: Date,
    maxPoints: number = Number.POSITIVE_INFINITY,
  ): Promise<
    Array<SnapshotCounts & { snapshotId: string; computedAt: string }>
  > {
    return listHistory({ db: this.db, since, maxPoints });
  }

  async getCurrentCounts(): Promise<SnapshotCounts | undefined> {
    const row = await lastSucceeded(this.db);
    return row?.summary ? JSON.parse(row.summary) : undefined;
  }

  async purgeHistory(before: Date): Promise<number> {
    return purgeHistory({ db: this.db, before });
  }

  async getApiResult(
    entityRef: EntityRefKey,
  ): Promise<StoredApiResult | undefined> {
    const row = await this.db<DbApiResultRow>(T.apis)
      .where({ entity_ref: entityRef })
      .first();
    return row ? JSON.parse(row.result) : undefined;
  }

  async getApiResults(
    entityRefs: Iterable<EntityRefKey>,
  ): Promise<Map<EntityRefKey, StoredApiResult>> {
    const refs = [...new Set(entityRefs)];
    const results = new Map<EntityRefKey, StoredApiResult>();
    for (let i = 0; i < refs.length; i += API_RESULT_BATCH_SIZE) {
      const rows = await this.db<DbApiResultRow>(T.apis)
        .select('entity_ref', 'result')
        .whereIn('entity_ref', refs.slice(i, i + API_RESULT_BATCH_SIZE));
      for (const row of rows) {
        // Stored refs are keys: they were keys when written.
        results.set(row.entity_ref as EntityRefKey, JSON.parse(row.result));
      }
    }
    return results;
  }

  async listApiLabels(): Promise<StoredApiLabels> {
    return listApiLabels({ db: this.db });
  }

  async listOwnershipGaps(
    query: OwnershipGapQuery,
  ): Promise<ReportPage<OwnershipGapRow>> {
    return listOwnershipGaps({ db: this.db, query });
  }

  async listFragmentation(
    query: FragmentationQuery,
  ): Promise<ReportPage<FragmentationCluster>> {
    return listFragmentation({ db: this.db, query });
  }

  async listClusterMembers(
    clusterId: string,
    query: { limit: number; cursor?: string },
  ): Promise<
    | {
        memberCount: number;
        dismissal?: FragmentationDismissal;
        page: ReportPage<FragmentationClusterMember>;
      }
    | undefined
  > {
    return listClusterMembers({ db: this.db, clusterId, query });
  }

  async listClustersOf(
    entityRef: EntityRefKey,
  ): Promise<FragmentationCluster[]> {
    const rows: ClusterRowWithDismissal[] = await joinDismissals(
      this.db(`${T.clusters} as c`),
    )
      .whereIn(
        'c.cluster_id',
        this.db<DbFragmentationMemberRow>(T.members)
          .select('cluster_id')
          .where({ entity_ref: entityRef }),
      )
      .orderBy('c.id', 'asc');
    return rows.map(clusterOf);
  }

  async getCluster(
    clusterId: string,
  ): Promise<FragmentationCluster | undefined> {
    const row: ClusterRowWithDismissal | undefined = await joinDismissals(
      this.db(`${T.clusters} as c`),
    )
      .where('c.cluster_id', clusterId)
      .first();
    return row ? clusterOf(row) : undefined;
  }

  async countDismissedClusters(): Promise<
    Partial<Record<FragmentationType, number>>
  > {
    const rows: Array<{ type: string; count: number | string }> = await this.db(
      `${T.clusters} as c`,
    )
      .join(`${T.dismissals} as d`, join =>
        join
          .on('d.cluster_id', '=', 'c.cluster_id')
          .andOn('d.fingerprint', '=', 'c.fingerprint'),
      )
      .select('c.type')
      .count({ count: '*' })
      .groupBy('c.type');
    const counts: Partial<Record<FragmentationType, number>> = {};
    for (const row of rows) {
      counts[row.type as FragmentationType] = Number(row.count);
    }
    return counts;
  }

  async listTeams(query: {
    limit: number;
    cursor?: string;
  }): Promise<ReportPage<TeamRollup>> {
    return listTeams({ db: this.db, query });
  }

  async listApis(query: ApiQuery): Promise<ReportPage<ApiSnapshotResult>> {
    return listApis({ db: this.db, query });
  }

  async listTeamApis(
    groupRef: EntityRefKey,
    query: TeamApiQuery,
  ): Promise<
    { team: TeamRollup; page: ReportPage<ApiSnapshotResult> } | undefined
  > {
    return listTeamApis({ db: this.db, groupRef, query });
  }

  async refreshApi(refresh: ApiRefresh): Promise<ApiRefreshOutcome> {
    return refreshApi({ db: this.db, refresh });
  }

  async lastRefreshId(): Promise<string | undefined> {
    const [row] = await this.db<DbApiRefreshRow>(T.refreshes).max({
      id: 'id',
    });
    return row?.id === null || row?.id === undefined
      ? undefined
      : String(row.id);
  }

  private timeoutCutoff(): Date {
    return new Date(Date.now() - this.runTimeoutMs);
  }
}

/** A duration frequency in milliseconds; undefined for cron or manual. */
function frequencyMillis(
  frequency: SchedulerServiceTaskScheduleDefinition['frequency'] | undefined,
): number | undefined {
  if (!frequency || 'cron' in frequency || 'trigger' in frequency) {
    return undefined;
  }
  const ms =
    'toMillis' in frequency
      ? frequency.toMillis()
      : durationToMilliseconds(frequency);
  return ms > 0 ? ms : undefined;
}
