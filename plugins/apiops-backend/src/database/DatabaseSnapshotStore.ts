import type {
  ApiSnapshotResult,
  FragmentationCluster,
  OwnershipGapRow,
  SnapshotCounts,
  SnapshotInfo,
  TeamRollup,
} from '@apiops-backstage/plugin-apiops-common';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { migrationsDir } from './migrationsDir';
import { decodeCursor, encodeCursor, toIsoTimestamp } from './conversions';
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
 * Snapshots in the plugin's database (SQLite or PostgreSQL).
 *
 * @internal
 */
export class DatabaseSnapshotStore implements SnapshotStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseSnapshotStore> {
    const { database } = options;
    const client = await database.getClient();
    const skip = options.skipMigrations ?? database.migrations?.skip ?? false;
    if (!skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseSnapshotStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async startRun(): Promise<string> {
    const [row] = await this.db<DbSnapshotRow>(RUNS)
      .insert({ started_at: new Date(), status: 'running' })
      .returning('id');
    return String(typeof row === 'object' ? row.id : row);
  }

  async completeRun(runId: string, results: SnapshotResults): Promise<void> {
    await this.db.transaction(async tx => {
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
    });
  }

  async failRun(runId: string, error: string): Promise<void> {
    await this.db<DbSnapshotRow>(RUNS)
      .where({ id: runId })
      .update({
        status: 'failed',
        finished_at: new Date(),
        error: error.slice(0, 4000),
      });
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
  ): Promise<
    Array<SnapshotCounts & { snapshotId: string; computedAt: string }>
  > {
    const rows = await this.db<DbSnapshotRow>(RUNS)
      .where({ status: 'succeeded' })
      .andWhere('finished_at', '>=', since)
      .orderBy('id', 'asc');
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

  async getApiResult(entityRef: string): Promise<StoredApiResult | undefined> {
    const row = await this.db<DbApiResultRow>(APIS)
      .where({ entity_ref: entityRef.toLocaleLowerCase('en-US') })
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
          q.where({ owner_ref: query.owner.toLocaleLowerCase('en-US') });
        }
        if (query.system) {
          q.where({ system_ref: query.system.toLocaleLowerCase('en-US') });
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
                      owner_ref: query.owner.toLocaleLowerCase('en-US'),
                    });
                  }
                  if (query.system) {
                    m.where({
                      system_ref: query.system.toLocaleLowerCase('en-US'),
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

  async listClustersOf(entityRef: string): Promise<FragmentationCluster[]> {
    const rows: DbFragmentationClusterRow[] =
      await this.db<DbFragmentationClusterRow>(CLUSTERS)
        .whereIn(
          'cluster_id',
          this.db<DbFragmentationMemberRow>(MEMBERS)
            .select('cluster_id')
            .where({ entity_ref: entityRef.toLocaleLowerCase('en-US') }),
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
    groupRef: string,
    query: { limit: number; cursor?: string },
  ): Promise<
    { team: TeamRollup; page: ReportPage<ApiSnapshotResult> } | undefined
  > {
    checkLimit(query.limit);
    const teamRow = await this.db<DbTeamRollupRow>(TEAMS)
      .where({ group_ref: groupRef.toLocaleLowerCase('en-US') })
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
      }
    }
  }
  if (batch.length > 0) {
    await tx(table).insert(batch);
  }
}

function lower(value: string | undefined): string | null {
  return value ? value.toLocaleLowerCase('en-US') : null;
}

function toApiRow(stored: StoredApiResult): DbApiResultRow {
  const { result } = stored;
  return {
    entity_ref: result.entityRef.toLocaleLowerCase('en-US'),
    title: result.title,
    owner_ref: lower(result.owner.ref),
    system_ref: lower(result.system),
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
    entity_ref: result.entityRef.toLocaleLowerCase('en-US'),
    title: result.title,
    owner_ref: lower(result.owner.ref),
    declared_owner: result.owner.declared ?? null,
    system_ref: lower(result.system),
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
    entity_ref: member.entityRef.toLocaleLowerCase('en-US'),
    owner_ref: lower(member.owner),
    system_ref: lower(member.system),
  }));
}

function toTeamRow(
  team: TeamRollup & { ownerRefs: string[] },
): DbTeamRollupRow {
  return {
    group_ref: team.groupRef.toLocaleLowerCase('en-US'),
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
