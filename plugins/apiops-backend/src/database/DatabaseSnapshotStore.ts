import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  entityRefKey,
  tryEntityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import type {
  EntityRefKey,
  ApiSnapshotResult,
  FragmentationCluster,
  OwnershipGapRow,
  SnapshotCounts,
  SnapshotInfo,
  TeamRollup,
} from '@apiops-backstage/plugin-apiops-common';
import {
  DatabaseService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import { Knex } from 'knex';
import { migrationsDir } from './migrationsDir';
import { decodeCursor, encodeCursor, toIsoTimestamp } from './conversions';
import { evenlySpaced } from './evenlySpaced';
import { failureReason } from './failureReason';
import {
  FragmentationQuery,
  OwnershipGapQuery,
  REPORT_PAGE_MAX_LIMIT,
  ReportPage,
  SnapshotResults,
  SnapshotStore,
  StoredApiResult,
} from './SnapshotStore';
import {
  DbApiResultRow,
  DbFragmentationClusterRow,
  DbFragmentationMemberRow,
  DbOwnershipGapRow,
  DbSnapshotRow,
  DbTeamRollupRow,
} from './tables';

const RUNS = 'apiops_snapshots';
const APIS = 'apiops_api_results';
const GAPS = 'apiops_ownership_gaps';
const TEAMS = 'apiops_team_rollups';
const CLUSTERS = 'apiops_fragmentation_clusters';
const MEMBERS = 'apiops_fragmentation_members';

/** Rows per INSERT: well under SQLite's limit of bound variables. */
const BATCH_SIZE = 250;

/**
 * Key of the PostgreSQL advisory lock completions take (two 32-bit halves:
 * 'apop' and 1), so that one completion at a time replaces the results.
 */
const COMPLETION_LOCK = [0x61706f70, 1] as const;

/** The schedule's default timeout, when the store is given none. */
const DEFAULT_RUN_TIMEOUT_MS = 10 * 60 * 1000;

/** Why a run left `running` by a backend that stopped is failed. */
export const INTERRUPTED_REASON =
  'interrupted: the backend stopped during the run';

/**
 * Snapshots in the plugin's database (SQLite or PostgreSQL).
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
  }): Promise<DatabaseSnapshotStore> {
    const { database, runTimeout } = options;
    const client = await database.getClient();
    const skip = options.skipMigrations ?? database.migrations?.skip ?? false;
    if (!skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    let runTimeoutMs = DEFAULT_RUN_TIMEOUT_MS;
    if (runTimeout) {
      runTimeoutMs =
        'toMillis' in runTimeout
          ? runTimeout.toMillis()
          : durationToMilliseconds(runTimeout);
    }
    return new DatabaseSnapshotStore(client, runTimeoutMs);
  }

  private constructor(
    private readonly db: Knex,
    private readonly runTimeoutMs: number,
  ) {}

  async startRun(): Promise<string> {
    // A run still going past the timeout is not waited for any more.
    await this.failRunsStartedBefore(
      this.timeoutCutoff(),
      `timed out: still running after ${describeMs(this.runTimeoutMs)}`,
    );
    const [row] = await this.db<DbSnapshotRow>(RUNS)
      .insert({ started_at: new Date(), status: 'running' })
      .returning('id');
    return String(typeof row === 'object' ? row.id : row);
  }

  async failInterruptedRuns(): Promise<string[]> {
    return this.failRunsStartedBefore(this.timeoutCutoff(), INTERRUPTED_REASON);
  }

  async completeRun(runId: string, results: SnapshotResults): Promise<void> {
    const refusal = await this.db.transaction(async tx => {
      await this.lockCompletion(tx, runId);
      const refused = await this.refusalOf(tx, runId);
      if (refused) {
        await tx<DbSnapshotRow>(RUNS)
          .where({ id: runId, status: 'running' })
          .update({
            status: 'failed',
            finished_at: new Date(),
            error: failureReason(refused),
          });
        return refused;
      }

      await tx(GAPS).delete();
      await tx(APIS).delete();
      await tx(TEAMS).delete();
      await tx(MEMBERS).delete();
      await tx(CLUSTERS).delete();

      await insertBatches(tx, APIS, results.apis, api => [toApiRow(api)]);
      await insertBatches(tx, GAPS, results.apis, toGapRows);
      await insertBatches(tx, TEAMS, results.teams, team => [toTeamRow(team)]);
      await insertBatches(tx, CLUSTERS, results.clusters, cluster => [
        toClusterRow(cluster),
      ]);
      await insertBatches(tx, MEMBERS, results.clusters, toMemberRows);

      await tx<DbSnapshotRow>(RUNS)
        .where({ id: runId })
        .update({
          status: 'succeeded',
          finished_at: new Date(),
          summary: JSON.stringify(results.counts),
        });
      return undefined;
    });
    if (refusal) {
      throw new ConflictError(
        `Snapshot ${runId} was not stored, the current results stay: ${refusal}`,
      );
    }
  }

  async failRun(runId: string, error: unknown): Promise<void> {
    // A run already failed (superseded, timed out, interrupted) keeps its reason.
    await this.db<DbSnapshotRow>(RUNS)
      .where({ id: runId, status: 'running' })
      .update({
        status: 'failed',
        finished_at: new Date(),
        error: failureReason(error),
      });
  }

  /**
   * Serialises completions: PostgreSQL's advisory lock held to the end of
   * the transaction (every replica takes the same key), SQLite's write lock,
   * taken by writing first rather than when the deletes come after the
   * reads (a deferred transaction that reads first can fail to upgrade).
   */
  private async lockCompletion(tx: Knex.Transaction, runId: string) {
    if (isPostgres(this.db)) {
      await tx.raw('select pg_advisory_xact_lock(?, ?)', [...COMPLETION_LOCK]);
    } else {
      await tx(RUNS)
        .where({ id: runId })
        .update({ status: tx.ref('status') });
    }
  }

  /**
   * Why the run may not replace the current results, if it may not: it is
   * unknown, no longer running, past the timeout, or a run started after it
   * has stored its results (ids are in start order).
   */
  private async refusalOf(
    tx: Knex.Transaction,
    runId: string,
  ): Promise<string | undefined> {
    // On PostgreSQL the run's row stays locked to the commit, so that a
    // replica failing runs past the timeout waits for the outcome.
    const run = await tx<DbSnapshotRow>(RUNS)
      .where({ id: runId })
      .modify(q => {
        if (isPostgres(this.db)) q.forUpdate();
      })
      .first();
    if (!run) {
      return 'the run is not recorded (purged?)';
    }
    if (run.status !== 'running') {
      return `the run was already recorded ${run.status}${
        run.error ? `: ${run.error}` : ''
      }`;
    }
    const newer = await tx<DbSnapshotRow>(RUNS)
      .where({ status: 'succeeded' })
      .andWhere('id', '>', runId)
      .orderBy('id', 'desc')
      .first();
    if (newer) {
      return `superseded: snapshot ${newer.id}, started later, stored its results first`;
    }
    const startedAt = Date.parse(toIsoTimestamp(run.started_at));
    if (startedAt < this.timeoutCutoff().getTime()) {
      return `timed out: ran longer than the snapshot timeout of ${describeMs(
        this.runTimeoutMs,
      )}`;
    }
    return undefined;
  }

  private timeoutCutoff(): Date {
    return new Date(Date.now() - this.runTimeoutMs);
  }

  /** Fails the runs still running that started before a time; their ids. */
  private async failRunsStartedBefore(
    cutoff: Date,
    reason: string,
  ): Promise<string[]> {
    const rows: Array<Pick<DbSnapshotRow, 'id'> | number | string> =
      await this.db<DbSnapshotRow>(RUNS)
        .where({ status: 'running' })
        .andWhere('started_at', '<', cutoff)
        .update({
          status: 'failed',
          finished_at: new Date(),
          error: failureReason(reason),
        })
        .returning('id');
    return rows
      .map(row => String(typeof row === 'object' ? row.id : row))
      .sort((a, b) => Number(a) - Number(b));
  }

  async getInfo(): Promise<SnapshotInfo> {
    const [lastRun] = await this.db<DbSnapshotRow>(RUNS)
      .orderBy('id', 'desc')
      .limit(1);
    const lastSuccess = await this.lastSucceeded();
    const [lastFinished] = await this.db<DbSnapshotRow>(RUNS)
      .whereIn('status', ['succeeded', 'failed'])
      .orderBy('id', 'desc')
      .limit(1);

    let staleReason: string | undefined;
    if (!lastSuccess) {
      staleReason =
        lastFinished?.status === 'failed'
          ? `No snapshot has succeeded yet; the last run failed: ${lastFinished.error}`
          : 'No snapshot has been taken yet';
    } else if (lastFinished?.status === 'failed') {
      staleReason = `The last snapshot failed (${toIsoTimestamp(
        lastFinished.finished_at!,
      )}): ${lastFinished.error}`;
    }

    return {
      id: lastSuccess ? String(lastSuccess.id) : undefined,
      computedAt: lastSuccess?.finished_at
        ? toIsoTimestamp(lastSuccess.finished_at)
        : undefined,
      stale: staleReason !== undefined,
      staleReason,
      lastRun: lastRun
        ? {
            id: String(lastRun.id),
            status: lastRun.status,
            startedAt: toIsoTimestamp(lastRun.started_at),
            finishedAt: lastRun.finished_at
              ? toIsoTimestamp(lastRun.finished_at)
              : undefined,
            error: lastRun.error ?? undefined,
          }
        : undefined,
    };
  }

  async listHistory(
    since: Date,
    maxPoints: number = Number.POSITIVE_INFINITY,
  ): Promise<
    Array<SnapshotCounts & { snapshotId: string; computedAt: string }>
  > {
    // Choose the points from their ids and times only, then read and parse
    // the summaries of the chosen ones: a long retention never parses more
    // than maxPoints summaries.
    const times = await this.db<DbSnapshotRow>(RUNS)
      .select('id', 'finished_at')
      .where({ status: 'succeeded' })
      .andWhere('finished_at', '>=', since)
      .orderBy('id', 'asc');
    const chosen = evenlySpaced(times, maxPoints, row =>
      Date.parse(toIsoTimestamp(row.finished_at!)),
    ).map(row => row.id);
    const rows: DbSnapshotRow[] = [];
    for (let i = 0; i < chosen.length; i += 500) {
      rows.push(
        ...(await this.db<DbSnapshotRow>(RUNS)
          .whereIn('id', chosen.slice(i, i + 500))
          .orderBy('id', 'asc')),
      );
    }
    return rows.map(row => ({
      snapshotId: String(row.id),
      computedAt: toIsoTimestamp(row.finished_at!),
      ...(JSON.parse(row.summary!) as SnapshotCounts),
    }));
  }

  async getCurrentCounts(): Promise<SnapshotCounts | undefined> {
    const row = await this.lastSucceeded();
    return row?.summary ? JSON.parse(row.summary) : undefined;
  }

  async purgeHistory(before: Date): Promise<number> {
    const keep = await this.lastSucceeded();
    return this.db<DbSnapshotRow>(RUNS)
      .whereIn('status', ['succeeded', 'failed'])
      .andWhere('finished_at', '<', before)
      .modify(q => {
        if (keep) q.whereNot({ id: keep.id });
      })
      .delete();
  }

  async getApiResult(
    entityRef: EntityRefKey,
  ): Promise<StoredApiResult | undefined> {
    const row = await this.db<DbApiResultRow>(APIS)
      .where({ entity_ref: entityRef })
      .first();
    return row ? JSON.parse(row.result) : undefined;
  }

  async listOwnershipGaps(
    query: OwnershipGapQuery,
  ): Promise<ReportPage<OwnershipGapRow>> {
    checkLimit(query.limit);
    const rows: DbOwnershipGapRow[] = await this.db<DbOwnershipGapRow>(GAPS)
      .modify(q => {
        if (query.type) q.where({ type: query.type });
        if (query.owner) {
          q.where({ owner_ref: query.owner });
        }
        if (query.system) {
          q.where({ system_ref: query.system });
        }
        if (query.cursor) q.where('id', '>', decodeCursor(query.cursor));
      })
      .orderBy('id', 'asc')
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(fromGapRow),
      nextCursor:
        rows.length > query.limit
          ? encodeCursor(String(page[page.length - 1].id))
          : undefined,
    };
  }

  async listFragmentation(
    query: FragmentationQuery,
  ): Promise<ReportPage<FragmentationCluster>> {
    checkLimit(query.limit);
    const rows: DbFragmentationClusterRow[] =
      await this.db<DbFragmentationClusterRow>(CLUSTERS)
        .modify(q => {
          if (query.type) q.where({ type: query.type });
          if (query.owner || query.system) {
            q.whereIn(
              'cluster_id',
              this.db<DbFragmentationMemberRow>(MEMBERS)
                .select('cluster_id')
                .modify(m => {
                  if (query.owner) {
                    m.where({
                      owner_ref: query.owner,
                    });
                  }
                  if (query.system) {
                    m.where({
                      system_ref: query.system,
                    });
                  }
                }),
            );
          }
          if (query.cursor) q.where('id', '>', decodeCursor(query.cursor));
        })
        .orderBy('id', 'asc')
        .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(row => JSON.parse(row.cluster)),
      nextCursor:
        rows.length > query.limit
          ? encodeCursor(String(page[page.length - 1].id))
          : undefined,
    };
  }

  async listClustersOf(
    entityRef: EntityRefKey,
  ): Promise<FragmentationCluster[]> {
    const rows: DbFragmentationClusterRow[] =
      await this.db<DbFragmentationClusterRow>(CLUSTERS)
        .whereIn(
          'cluster_id',
          this.db<DbFragmentationMemberRow>(MEMBERS)
            .select('cluster_id')
            .where({ entity_ref: entityRef }),
        )
        .orderBy('id', 'asc');
    return rows.map(row => JSON.parse(row.cluster));
  }

  async listTeams(query: {
    limit: number;
    cursor?: string;
  }): Promise<ReportPage<TeamRollup>> {
    checkLimit(query.limit);
    const offset = query.cursor ? decodeCursor(query.cursor) : 0;
    const rows: DbTeamRollupRow[] = await this.db<DbTeamRollupRow>(TEAMS)
      .orderBy([
        { column: 'api_count', order: 'desc' },
        { column: 'group_ref', order: 'asc' },
      ])
      .offset(offset)
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(fromTeamRow),
      nextCursor:
        rows.length > query.limit
          ? encodeCursor(String(offset + query.limit))
          : undefined,
    };
  }

  async listTeamApis(
    groupRef: EntityRefKey,
    query: { limit: number; cursor?: string },
  ): Promise<
    { team: TeamRollup; page: ReportPage<ApiSnapshotResult> } | undefined
  > {
    checkLimit(query.limit);
    const teamRow = await this.db<DbTeamRollupRow>(TEAMS)
      .where({ group_ref: groupRef })
      .first();
    if (!teamRow) {
      return undefined;
    }
    const { ownerRefs } = JSON.parse(teamRow.rollup) as { ownerRefs: string[] };
    const offset = query.cursor ? decodeCursor(query.cursor) : 0;
    const rows: DbApiResultRow[] = await this.db<DbApiResultRow>(APIS)
      .whereIn('owner_ref', ownerRefs)
      .orderBy('entity_ref', 'asc')
      .offset(offset)
      .limit(query.limit + 1);
    const items = rows
      .slice(0, query.limit)
      .map(row => (JSON.parse(row.result) as StoredApiResult).result);
    return {
      team: fromTeamRow(teamRow),
      page: {
        items,
        nextCursor:
          rows.length > query.limit
            ? encodeCursor(String(offset + query.limit))
            : undefined,
      },
    };
  }

  private async lastSucceeded(): Promise<DbSnapshotRow | undefined> {
    return this.db<DbSnapshotRow>(RUNS)
      .where({ status: 'succeeded' })
      .orderBy('id', 'desc')
      .first();
  }
}

function isPostgres(db: Knex): boolean {
  const client = db.client.config.client;
  return client === 'pg' || client === 'postgres' || client === 'postgresql';
}

/** A duration for a message: "10 minutes", "90 seconds". */
function describeMs(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) {
    const minutes = ms / 60_000;
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  const seconds = Math.round(ms / 1000);
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

function checkLimit(limit: number) {
  if (!Number.isInteger(limit) || limit < 1 || limit > REPORT_PAGE_MAX_LIMIT) {
    throw new InputError(
      `limit: must be a whole number from 1 to ${REPORT_PAGE_MAX_LIMIT}`,
    );
  }
}

/**
 * Inserts the rows of `items` in batches, making the rows of one batch at a
 * time (200k APIs' rows at once would be hundreds of MB).
 */
async function insertBatches<T>(
  tx: Knex.Transaction,
  table: string,
  items: readonly T[],
  toRows: (item: T) => object[],
) {
  let batch: object[] = [];
  for (const item of items) {
    for (const row of toRows(item)) {
      batch.push(row);
      if (batch.length === BATCH_SIZE) {
        await tx(table).insert(batch);
        batch = [];
        // better-sqlite3 writes synchronously: one turn of the event loop
        // per batch keeps a large write from holding it for seconds.
        await nextTurn();
      }
    }
  }
  if (batch.length > 0) {
    await tx(table).insert(batch);
  }
}

/** A ref column: the key of the ref, or null. */
function refColumn(value: string | undefined): string | null {
  return tryEntityRefKey(value) ?? null;
}

function toApiRow(stored: StoredApiResult): DbApiResultRow {
  const { result } = stored;
  return {
    entity_ref: entityRefKey(result.entityRef),
    title: result.title,
    owner_ref: refColumn(result.owner.ref),
    system_ref: refColumn(result.system),
    lifecycle: result.lifecycle ?? null,
    station: result.station.id,
    governance_status: result.governance.status,
    gap_count: result.owner.gaps.length,
    finding_count: result.governance.findings.length,
    result: JSON.stringify(stored),
  };
}

function toGapRows({ result }: StoredApiResult): DbOwnershipGapRow[] {
  return result.owner.gaps.map(gap => ({
    entity_ref: entityRefKey(result.entityRef),
    title: result.title,
    owner_ref: refColumn(result.owner.ref),
    declared_owner: result.owner.declared ?? null,
    system_ref: refColumn(result.system),
    type: gap.type,
    severity: gap.severity,
    message: gap.message,
  }));
}

function fromGapRow(row: DbOwnershipGapRow): OwnershipGapRow {
  return {
    entityRef: row.entity_ref,
    title: row.title ?? row.entity_ref,
    owner: row.owner_ref ?? undefined,
    declaredOwner: row.declared_owner ?? undefined,
    system: row.system_ref ?? undefined,
    type: row.type as OwnershipGapRow['type'],
    severity: row.severity as OwnershipGapRow['severity'],
    message: row.message,
  };
}

function toClusterRow(
  cluster: FragmentationCluster,
): DbFragmentationClusterRow {
  return {
    cluster_id: cluster.id,
    type: cluster.type,
    score: cluster.score,
    cluster: JSON.stringify(cluster),
  };
}

function toMemberRows(
  cluster: FragmentationCluster,
): DbFragmentationMemberRow[] {
  return cluster.members.map(member => ({
    cluster_id: cluster.id,
    entity_ref: entityRefKey(member.entityRef),
    owner_ref: refColumn(member.owner),
    system_ref: refColumn(member.system),
  }));
}

function toTeamRow(
  team: TeamRollup & { ownerRefs: string[] },
): DbTeamRollupRow {
  return {
    group_ref: entityRefKey(team.groupRef),
    title: team.title,
    api_count: team.apis,
    gap_count: team.gaps,
    finding_count: team.findings,
    rollup: JSON.stringify({
      byStation: team.byStation,
      byStatus: team.byStatus,
      ownerRefs: team.ownerRefs,
    }),
  };
}

function fromTeamRow(row: DbTeamRollupRow): TeamRollup {
  const { byStation, byStatus } = JSON.parse(row.rollup);
  return {
    groupRef: row.group_ref,
    title: row.title ?? row.group_ref,
    apis: Number(row.api_count),
    byStation,
    byStatus,
    gaps: Number(row.gap_count),
    findings: Number(row.finding_count),
  };
}
