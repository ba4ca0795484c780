import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { campaignTables } from '../database/campaignTables';
import { migrateToLatest } from '../database/migrateToLatest';
import {
  ApiNoticeState,
  Notice,
  NotificationStore,
  StoredNotice,
} from './NotificationStore';

const T = {
  notifications: 'apiops_notifications',
  baseline: 'apiops_notification_baseline',
  meta: 'apiops_notification_meta',
} as const;

const BASELINE_KEY = 'baseline-snapshot';

/** Rows per INSERT: well under SQLite's limit of bound variables. */
const BATCH_SIZE = 200;

interface DbNotificationRow {
  key: string;
  topic: string;
  recipient: string;
  campaign_id: string | number | null;
  snapshot_id: string | number;
  payload: string;
  /** `covered`: an event key told by the notice named in `payload`. */
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'covered';
  attempts: number;
  error: string | null;
  created_at: Date | string | number;
  updated_at: Date | string | number;
}

/**
 * The notifier's state in the plugin's database (SQLite or PostgreSQL).
 * Several replicas on one PostgreSQL share it: a notice's key is its primary
 * key, and a notice is claimed by an update that only one of them wins.
 *
 * @internal
 */
export class DatabaseNotificationStore implements NotificationStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseNotificationStore> {
    const client = await options.database.getClient();
    const skip =
      options.skipMigrations ?? options.database.migrations?.skip ?? false;
    if (!skip) {
      await migrateToLatest(client);
    }
    return new DatabaseNotificationStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async getBaselineSnapshot(): Promise<string | undefined> {
    const row = await this.db(T.meta).where({ key: BASELINE_KEY }).first();
    return row?.value;
  }

  async getBaseline(): Promise<Map<string, ApiNoticeState>> {
    const rows: Array<{ entity_ref: string; state: string }> = await this.db(
      T.baseline,
    ).select('entity_ref', 'state');
    return new Map(rows.map(row => [row.entity_ref, JSON.parse(row.state)]));
  }

  async advance(
    snapshotId: string,
    baseline: Map<string, ApiNoticeState>,
    notices: Notice[],
  ): Promise<void> {
    const now = new Date();
    await this.db.transaction(async tx => {
      await tx(T.baseline).delete();
      const rows = [...baseline].map(([entity_ref, state]) => ({
        entity_ref,
        state: JSON.stringify(state),
      }));
      for (let i = 0; i < rows.length; i += BATCH_SIZE) {
        await tx(T.baseline).insert(rows.slice(i, i + BATCH_SIZE));
      }
      for (const notice of notices) {
        const row = (
          key: string,
          campaignId: string | undefined,
          status: DbNotificationRow['status'],
          payload: string,
        ): DbNotificationRow => ({
          key,
          topic: notice.topic,
          recipient: notice.recipient,
          campaign_id: campaignId ?? null,
          snapshot_id: snapshotId,
          payload,
          status,
          attempts: 0,
          error: null,
          created_at: now,
          updated_at: now,
        });
        const inserted = await tx(T.notifications)
          .insert(
            row(
              notice.key,
              notice.campaignId,
              'pending',
              JSON.stringify(notice.payload),
            ),
          )
          .onConflict('key')
          .ignore()
          .returning('key');
        if (inserted.length === 0) continue;
        const covered = (notice.covers ?? []).map(cover =>
          row(
            cover.key,
            cover.campaignId,
            'covered',
            JSON.stringify({ coveredBy: notice.key }),
          ),
        );
        for (let i = 0; i < covered.length; i += BATCH_SIZE) {
          await tx(T.notifications)
            .insert(covered.slice(i, i + BATCH_SIZE))
            .onConflict('key')
            .ignore();
        }
      }
      await tx(T.meta)
        .insert({ key: BASELINE_KEY, value: snapshotId })
        .onConflict('key')
        .merge();
    });
  }

  async knownKeys(keys: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    for (let i = 0; i < keys.length; i += BATCH_SIZE) {
      const rows: Array<{ key: string }> = await this.db(T.notifications)
        .whereIn('key', keys.slice(i, i + BATCH_SIZE))
        .select('key');
      for (const row of rows) known.add(row.key);
    }
    return known;
  }

  async claim(options: {
    limit: number;
    staleAfterMs: number;
    now?: Date;
  }): Promise<StoredNotice[]> {
    const now = options.now ?? new Date();
    const stale = new Date(now.getTime() - options.staleAfterMs);
    const candidates: DbNotificationRow[] = await this.db<DbNotificationRow>(
      T.notifications,
    )
      .where({ status: 'pending' })
      .orWhere(q =>
        q.where({ status: 'sending' }).where('updated_at', '<', stale),
      )
      .orderBy('created_at', 'asc')
      .limit(options.limit);
    const claimed: StoredNotice[] = [];
    for (const row of candidates) {
      // Only one caller moves it from what it read to `sending`.
      const won = await this.db<DbNotificationRow>(T.notifications)
        .where({ key: row.key, status: row.status })
        .modify(q => {
          if (row.status === 'sending') q.where('updated_at', '<', stale);
        })
        .update({ status: 'sending', updated_at: now });
      if (won === 1) {
        claimed.push({
          key: row.key,
          topic: row.topic,
          recipient: row.recipient,
          ...(row.campaign_id !== null
            ? { campaignId: String(row.campaign_id) }
            : {}),
          payload: JSON.parse(row.payload),
          attempts: row.attempts,
        });
      }
    }
    return claimed;
  }

  async markSent(key: string): Promise<void> {
    await this.db<DbNotificationRow>(T.notifications)
      .where({ key })
      .update({
        status: 'sent',
        attempts: this.db.raw('attempts + 1') as unknown as number,
        error: null,
        updated_at: new Date(),
      });
  }

  async markFailed(
    key: string,
    error: string,
    maxAttempts: number,
  ): Promise<void> {
    const row = await this.db<DbNotificationRow>(T.notifications)
      .where({ key })
      .first();
    if (!row) return;
    const attempts = row.attempts + 1;
    await this.db<DbNotificationRow>(T.notifications)
      .where({ key })
      .update({
        status: attempts >= maxAttempts ? 'failed' : 'pending',
        attempts,
        error: error.slice(0, 2000),
        updated_at: new Date(),
      });
  }

  async release(key: string): Promise<void> {
    await this.db<DbNotificationRow>(T.notifications)
      .where({ key, status: 'sending' })
      .update({ status: 'pending', updated_at: new Date() });
  }

  async listKeys(prefix?: string) {
    const rows: DbNotificationRow[] = await this.db<DbNotificationRow>(
      T.notifications,
    ).orderBy('key');
    return rows
      .filter(row => !prefix || row.key.startsWith(prefix))
      .map(row => ({ key: row.key, status: row.status }));
  }

  async purge(before: Date): Promise<number> {
    const campaigns = this.db(campaignTables.campaigns).select('id');
    return this.db<DbNotificationRow>(T.notifications)
      .where('created_at', '<', before)
      .where(q =>
        q.whereNull('campaign_id').orWhereNotIn('campaign_id', campaigns),
      )
      .delete();
  }
}
