import type {
  Campaign,
  CampaignFailingApi,
  ReportPage,
} from '@apiops-backstage/plugin-apiops-common';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  CampaignInput,
  CampaignSnapshotResult,
  CampaignStore,
  StoredCampaignPoint,
  StoredCampaignStatus,
  StoredCampaignTeam,
} from './CampaignStore';
import {
  DbCampaignFailureRow,
  DbCampaignProgressRow,
  DbCampaignRow,
  DbCampaignStatusRow,
  DbCampaignTeamRow,
  campaignTables as T,
} from './campaignTables';
import {
  decodeCursor,
  decodeSnapshotCursor,
  encodeCursor,
  encodeSnapshotCursor,
  toIsoTimestamp,
} from './conversions';
import { migrateToLatest } from './migrateToLatest';
import { checkLimit } from './operations/util/checkLimit';
import { isPostgres } from './operations/util/isPostgres';
import { snapshotTables } from './operations/util/snapshotTables';
import { DbFragmentationDismissalRow } from './tables';

/** Rows per INSERT: well under SQLite's limit of bound variables. */
const BATCH_SIZE = 200;

/**
 * Key of the PostgreSQL advisory lock the storing of campaign results takes
 * ('apop' and 3; completions take 1, migrations 2).
 */
const RESULTS_LOCK = [0x61706f70, 3] as const;

/** What a campaign id looks like. */
const ID = /^[1-9][0-9]{0,15}$/;

/**
 * Campaigns and their progress in the plugin's database (SQLite or
 * PostgreSQL).
 *
 * @internal
 */
export class DatabaseCampaignStore implements CampaignStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseCampaignStore> {
    const { database } = options;
    const client = await database.getClient();
    const skip = options.skipMigrations ?? database.migrations?.skip ?? false;
    if (!skip) {
      await migrateToLatest(client);
    }
    return new DatabaseCampaignStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async create(input: CampaignInput, by: string): Promise<Campaign> {
    const now = new Date();
    const [row] = await this.db<DbCampaignRow>(T.campaigns)
      .insert({
        ...toRow(input),
        revision: 1,
        created_by: by,
        created_at: now,
        updated_by: by,
        updated_at: now,
      })
      .returning('id');
    const id = String(typeof row === 'object' ? row.id : row);
    return (await this.get(id))!;
  }

  async update(
    id: string,
    input: CampaignInput,
    by: string,
  ): Promise<Campaign | undefined> {
    if (!ID.test(id)) return undefined;
    const updated = await this.db<DbCampaignRow>(T.campaigns)
      .where({ id })
      .update({
        ...toRow(input),
        revision: this.db.raw('revision + 1') as unknown as number,
        updated_by: by,
        updated_at: new Date(),
      });
    return updated > 0 ? this.get(id) : undefined;
  }

  async delete(id: string): Promise<boolean> {
    if (!ID.test(id)) return false;
    // The foreign keys cascade on PostgreSQL; SQLite may run without them.
    return this.db.transaction(async tx => {
      for (const table of [T.progress, T.failures, T.teams, T.status]) {
        await tx(table).where({ campaign_id: id }).delete();
      }
      return (await tx(T.campaigns).where({ id }).delete()) > 0;
    });
  }

  async get(id: string): Promise<Campaign | undefined> {
    if (!ID.test(id)) return undefined;
    const row = await this.db<DbCampaignRow>(T.campaigns).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async list(query: {
    limit: number;
    cursor?: string;
  }): Promise<ReportPage<Campaign>> {
    checkLimit(query.limit);
    const rows = await this.db<DbCampaignRow>(T.campaigns)
      .modify(q => {
        if (query.cursor) q.where('id', '<', decodeCursor(query.cursor));
      })
      .orderBy('id', 'desc')
      .limit(query.limit + 1);
    const items = rows.slice(0, query.limit).map(fromRow);
    return rows.length > query.limit
      ? { items, nextCursor: encodeCursor(items[items.length - 1].id) }
      : { items };
  }

  async listAll(): Promise<Campaign[]> {
    const rows = await this.db<DbCampaignRow>(T.campaigns).orderBy('id');
    return rows.map(fromRow);
  }

  async getStatuses(ids: string[]): Promise<Map<string, StoredCampaignStatus>> {
    const wanted = ids.filter(id => ID.test(id));
    const statuses = new Map<string, StoredCampaignStatus>();
    for (let i = 0; i < wanted.length; i += BATCH_SIZE) {
      const rows = await this.db<DbCampaignStatusRow>(T.status).whereIn(
        'campaign_id',
        wanted.slice(i, i + BATCH_SIZE),
      );
      for (const row of rows) {
        const status = fromStatusRow(row);
        statuses.set(status.campaignId, status);
      }
    }
    return statuses;
  }

  async countTeamsRemaining(ids: string[]): Promise<Map<string, number>> {
    const wanted = ids.filter(id => ID.test(id));
    const counts = new Map<string, number>();
    for (let i = 0; i < wanted.length; i += BATCH_SIZE) {
      const rows: Array<{ campaign_id: string | number; count: unknown }> =
        await this.db<DbCampaignTeamRow>(T.teams)
          .whereIn('campaign_id', wanted.slice(i, i + BATCH_SIZE))
          .where('remaining', '>', 0)
          .select('campaign_id')
          .count({ count: '*' })
          .groupBy('campaign_id');
      for (const row of rows) {
        counts.set(String(row.campaign_id), Number(row.count));
      }
    }
    return counts;
  }

  async listTeams(
    campaignId: string,
    query: { limit: number; cursor?: string },
  ): Promise<ReportPage<StoredCampaignTeam>> {
    checkLimit(query.limit);
    return this.readInCampaignSnapshot(
      campaignId,
      query.cursor,
      async (tx, position, cursorAt) => {
        const offset = position ?? 0;
        const rows = await tx<DbCampaignTeamRow>(T.teams)
          .where({ campaign_id: campaignId })
          .orderBy([
            { column: 'remaining', order: 'desc' },
            { column: 'in_scope', order: 'desc' },
            { column: 'group_ref', order: 'asc' },
          ])
          .offset(offset)
          .limit(query.limit + 1);
        return {
          items: rows.slice(0, query.limit).map(fromTeamRow),
          nextCursor:
            rows.length > query.limit
              ? cursorAt(offset + query.limit)
              : undefined,
        };
      },
    );
  }

  async getTeam(
    campaignId: string,
    groupRef: string,
  ): Promise<StoredCampaignTeam | undefined> {
    if (!ID.test(campaignId)) return undefined;
    const row = await this.db<DbCampaignTeamRow>(T.teams)
      .where({ campaign_id: campaignId, group_ref: groupRef })
      .first();
    return row ? fromTeamRow(row) : undefined;
  }

  async listTeamRows(groupRef: string): Promise<StoredCampaignTeam[]> {
    const rows = await this.db<DbCampaignTeamRow>(T.teams)
      .where({ group_ref: groupRef })
      .orderBy('campaign_id', 'desc');
    return rows.map(fromTeamRow);
  }

  async listFailures(
    campaignId: string,
    query: { ownerRefs?: string[]; limit: number; cursor?: string },
  ): Promise<ReportPage<CampaignFailingApi>> {
    checkLimit(query.limit);
    return this.readInCampaignSnapshot(
      campaignId,
      query.cursor,
      async (tx, position, cursorAt) => {
        const rows: DbCampaignFailureRow[] = await tx<DbCampaignFailureRow>(
          T.failures,
        )
          .where({ campaign_id: campaignId })
          .modify(q => {
            if (position !== undefined) q.where('id', '>', position);
            if (query.ownerRefs) {
              const refs = query.ownerRefs;
              q.where(inner => {
                for (let i = 0; i < refs.length; i += BATCH_SIZE) {
                  inner.orWhereIn('owner_ref', refs.slice(i, i + BATCH_SIZE));
                }
              });
            }
          })
          .orderBy('id', 'asc')
          .limit(query.limit + 1);
        const page = rows.slice(0, query.limit);
        return {
          items: page.map(row => JSON.parse(row.failure)),
          nextCursor:
            rows.length > query.limit
              ? cursorAt(Number(page[page.length - 1].id))
              : undefined,
        };
      },
    );
  }

  async listFailuresOf(
    entityRef: string,
  ): Promise<Array<{ campaignId: string; failure: CampaignFailingApi }>> {
    const rows: DbCampaignFailureRow[] = await this.db<DbCampaignFailureRow>(
      T.failures,
    )
      .where({ entity_ref: entityRef })
      .orderBy('campaign_id', 'desc');
    return rows.map(row => ({
      campaignId: String(row.campaign_id),
      failure: JSON.parse(row.failure),
    }));
  }

  async listPoints(
    campaignId: string,
    since?: Date,
  ): Promise<StoredCampaignPoint[]> {
    if (!ID.test(campaignId)) return [];
    const rows: DbCampaignProgressRow[] = await this.db<DbCampaignProgressRow>(
      T.progress,
    )
      .where({ campaign_id: campaignId })
      .modify(q => {
        if (since) q.where('computed_at', '>=', since);
      })
      .orderBy('id', 'asc');
    return rows.map(row => ({
      snapshotId: String(row.snapshot_id),
      revision: row.revision,
      computedAt: toIsoTimestamp(row.computed_at),
      inScope: row.in_scope,
      met: row.met,
      teams: JSON.parse(row.teams),
    }));
  }

  async storeSnapshotResults(
    snapshotId: string,
    computedAt: Date,
    results: CampaignSnapshotResult[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      if (isPostgres(this.db)) {
        await tx.raw('select pg_advisory_xact_lock(?, ?)', [...RESULTS_LOCK]);
      }
      for (const result of results) {
        await storeOne(tx, snapshotId, computedAt, result);
      }
    });
  }

  async purgePoints(before: Date): Promise<number> {
    const latest = this.db<DbCampaignProgressRow>(T.progress)
      .max('id')
      .groupBy('campaign_id');
    return this.db<DbCampaignProgressRow>(T.progress)
      .where('computed_at', '<', before)
      .whereNotIn('id', latest)
      .delete();
  }

  async listDismissals(): Promise<Map<string, string>> {
    const rows = await this.db<DbFragmentationDismissalRow>(
      snapshotTables.dismissals,
    ).select('cluster_id', 'fingerprint');
    return new Map(rows.map(row => [row.cluster_id, row.fingerprint]));
  }

  /**
   * Reads a page of the current results of a campaign, in one transaction
   * with the snapshot they come from; a cursor of another snapshot is a
   * `ConflictError` naming `cursor`.
   */
  private async readInCampaignSnapshot<T>(
    campaignId: string,
    cursor: string | undefined,
    read: (
      tx: Knex.Transaction,
      position: number | undefined,
      cursorAt: (position: number) => string,
    ) => Promise<ReportPage<T>>,
  ): Promise<ReportPage<T>> {
    const decoded = cursor ? decodeSnapshotCursor(cursor) : undefined;
    if (!ID.test(campaignId)) {
      return { items: [] };
    }
    return this.db.transaction(
      async tx => {
        const status = await tx<DbCampaignStatusRow>(T.status)
          .where({ campaign_id: campaignId })
          .first();
        if (!status) {
          if (decoded) throw staleCursor(decoded.snapshotId, undefined);
          return { items: [] };
        }
        const snapshotId = String(status.snapshot_id);
        if (decoded && decoded.snapshotId !== snapshotId) {
          throw staleCursor(decoded.snapshotId, snapshotId);
        }
        return read(tx, decoded?.position, position =>
          encodeSnapshotCursor({ snapshotId, position }),
        );
      },
      { readOnly: isPostgres(this.db) },
    );
  }
}

function staleCursor(cursorSnapshot: string, current: string | undefined) {
  return new ConflictError(
    `cursor: the progress of snapshot ${cursorSnapshot}, which this cursor pages through, has been replaced${
      current ? ` by snapshot ${current}` : ''
    }; start again without a cursor`,
  );
}

async function storeOne(
  tx: Knex.Transaction,
  snapshotId: string,
  computedAt: Date,
  result: CampaignSnapshotResult,
) {
  const campaign_id = result.campaignId;
  const exists = await tx<DbCampaignRow>(T.campaigns)
    .where({ id: campaign_id })
    .first('id');
  if (!exists) return;
  const previous = await tx<DbCampaignStatusRow>(T.status)
    .where({ campaign_id })
    .first();
  if (previous && Number(previous.snapshot_id) > Number(snapshotId)) return;

  await tx(T.teams).where({ campaign_id }).delete();
  await tx(T.failures).where({ campaign_id }).delete();
  await insertBatches(
    tx,
    T.teams,
    result.teams.map(
      (team): DbCampaignTeamRow => ({
        campaign_id,
        group_ref: team.groupRef,
        title: team.title,
        in_scope: team.inScope,
        met: team.met,
        remaining: team.inScope - team.met,
        owner_refs: JSON.stringify(team.ownerRefs),
      }),
    ),
  );
  await insertBatches(
    tx,
    T.failures,
    result.failures.map(
      ({ ownerRef, ...failure }): DbCampaignFailureRow => ({
        campaign_id,
        entity_ref: failure.entityRef,
        owner_ref: ownerRef ?? null,
        failure: JSON.stringify(failure),
      }),
    ),
  );
  const status: DbCampaignStatusRow = {
    campaign_id,
    snapshot_id: snapshotId,
    revision: result.revision,
    computed_at: computedAt,
    in_scope: result.inScope,
    met: result.met,
    without_team_in_scope: result.withoutTeam.inScope,
    without_team_met: result.withoutTeam.met,
  };
  if (previous) {
    await tx(T.status).where({ campaign_id }).update(status);
  } else {
    await tx(T.status).insert(status);
  }

  // A point of the burn-up when anything changed since the last one.
  const teams = JSON.stringify(
    Object.fromEntries(
      result.teams
        .map(team => [team.groupRef, [team.inScope, team.met]] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
  );
  const last = await tx<DbCampaignProgressRow>(T.progress)
    .where({ campaign_id })
    .orderBy('id', 'desc')
    .first();
  if (
    last &&
    last.in_scope === result.inScope &&
    last.met === result.met &&
    last.revision === result.revision &&
    last.teams === teams
  ) {
    return;
  }
  if (last && Number(last.snapshot_id) >= Number(snapshotId)) return;
  await tx<DbCampaignProgressRow>(T.progress).insert({
    campaign_id,
    snapshot_id: snapshotId,
    revision: result.revision,
    computed_at: computedAt,
    in_scope: result.inScope,
    met: result.met,
    teams,
  });
}

async function insertBatches(
  tx: Knex.Transaction,
  table: string,
  rows: object[],
) {
  for (let i = 0; i < rows.length; i += BATCH_SIZE) {
    await tx(table).insert(rows.slice(i, i + BATCH_SIZE));
  }
}

function toRow(input: CampaignInput) {
  return {
    title: input.title,
    description: input.description ?? null,
    conditions: JSON.stringify(input.conditions),
    scope: JSON.stringify(input.scope),
    start_date: input.startDate,
    due_date: input.dueDate,
  };
}

function fromRow(row: DbCampaignRow): Campaign {
  return {
    id: String(row.id),
    title: row.title,
    ...(row.description ? { description: row.description } : {}),
    conditions: JSON.parse(row.conditions),
    scope: JSON.parse(row.scope),
    startDate: row.start_date,
    dueDate: row.due_date,
    revision: row.revision,
    createdBy: row.created_by,
    createdAt: toIsoTimestamp(row.created_at),
    updatedBy: row.updated_by,
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}

function fromStatusRow(row: DbCampaignStatusRow): StoredCampaignStatus {
  return {
    campaignId: String(row.campaign_id),
    snapshotId: String(row.snapshot_id),
    revision: row.revision,
    computedAt: toIsoTimestamp(row.computed_at),
    inScope: row.in_scope,
    met: row.met,
    withoutTeam: {
      inScope: row.without_team_in_scope,
      met: row.without_team_met,
    },
  };
}

function fromTeamRow(row: DbCampaignTeamRow): StoredCampaignTeam {
  return {
    campaignId: String(row.campaign_id),
    groupRef: row.group_ref,
    title: row.title ?? row.group_ref,
    inScope: row.in_scope,
    met: row.met,
    ownerRefs: JSON.parse(row.owner_refs),
  };
}
