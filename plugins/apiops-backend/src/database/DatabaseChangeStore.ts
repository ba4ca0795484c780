import { promisify } from 'node:util';
import { deflate, inflate } from 'node:zlib';
import { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  ApiChangeEvent,
  EntityRefKey,
  ReportPage,
} from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import {
  ChangeEventQuery,
  ChangeHead,
  ChangeStore,
  NewChangeEvent,
  StoredDefinition,
} from './ChangeStore';
import { decodeCursor, encodeCursor, toIsoTimestamp } from './conversions';
import { migrateToLatest } from './migrateToLatest';
import { ownerRefsOf } from './operations/util/ownerRefsOf';
import { snapshotTables } from './operations/util/snapshotTables';

const DEFINITIONS = 'apiops_change_definitions';
const HEADS = 'apiops_change_heads';
const EVENTS = 'apiops_change_events';

/** Keys per read: far below the bound-parameter limits of both engines. */
const READ_BATCH = 500;
/** Rows per insert (events have 22 columns). */
const WRITE_BATCH = 50;

const deflateAsync = promisify(deflate);
const inflateAsync = promisify(inflate);

/** Column of each change class's count. */
const CLASS_COLUMNS = {
  breaking: 'breaking',
  'non-breaking': 'non_breaking',
  deprecated: 'deprecated',
  annotation: 'annotation',
  unclassified: 'unclassified',
} as const;

interface DbEventRow {
  id: string | number;
  entity_ref: string;
  snapshot_id: string;
  detected_at: Date | string | number;
  title: string | null;
  owner_ref: string | null;
  system_ref: string | null;
  from_hash: string;
  to_hash: string;
  from_version: string | null;
  to_version: string | null;
  breaking: number;
  non_breaking: number;
  deprecated: number;
  annotation: number;
  unclassified: number;
  change_count: number;
  changes: string;
  consumers: string;
  problem: string | null;
}

function toEvent(row: DbEventRow): ApiChangeEvent {
  return {
    id: String(row.id),
    entityRef: row.entity_ref,
    ...(row.title ? { title: row.title } : {}),
    ...(row.owner_ref ? { owner: row.owner_ref } : {}),
    ...(row.system_ref ? { system: row.system_ref } : {}),
    snapshotId: row.snapshot_id,
    detectedAt: toIsoTimestamp(row.detected_at),
    fromHash: row.from_hash,
    toHash: row.to_hash,
    ...(row.from_version ? { fromVersion: row.from_version } : {}),
    ...(row.to_version ? { toVersion: row.to_version } : {}),
    counts: {
      breaking: Number(row.breaking),
      'non-breaking': Number(row.non_breaking),
      deprecated: Number(row.deprecated),
      annotation: Number(row.annotation),
      unclassified: Number(row.unclassified),
    },
    changes: JSON.parse(row.changes),
    changeCount: Number(row.change_count),
    consumers: JSON.parse(row.consumers),
    ...(row.problem ? { problem: row.problem } : {}),
  };
}

function clip(value: string | undefined, max: number): string | null {
  if (value === undefined) return null;
  return value.length > max ? value.slice(0, max) : value;
}

/**
 * The change history in the plugin's database (SQLite or PostgreSQL):
 * definitions deflated with zlib, heads, events.
 *
 * @internal
 */
export class DatabaseChangeStore implements ChangeStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseChangeStore> {
    const { database } = options;
    const client = await database.getClient();
    const skip = options.skipMigrations ?? database.migrations?.skip ?? false;
    if (!skip) {
      await migrateToLatest(client);
    }
    return new DatabaseChangeStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async getHeads(
    refs: readonly EntityRefKey[],
  ): Promise<Map<string, ChangeHead>> {
    const found = new Map<string, ChangeHead>();
    const unique = [...new Set(refs)];
    for (let i = 0; i < unique.length; i += READ_BATCH) {
      const rows = await this.db(HEADS).whereIn(
        'entity_ref',
        unique.slice(i, i + READ_BATCH),
      );
      for (const row of rows) {
        found.set(row.entity_ref, {
          entityRef: row.entity_ref,
          definitionHash: row.definition_hash,
          baselineAt: toIsoTimestamp(row.baseline_at),
          ...(row.changed_at
            ? { changedAt: toIsoTimestamp(row.changed_at) }
            : {}),
          findings: JSON.parse(row.findings),
        });
      }
    }
    return found;
  }

  async getDefinitions(
    hashes: readonly string[],
  ): Promise<Map<string, StoredDefinition>> {
    const found = new Map<string, StoredDefinition>();
    const unique = [...new Set(hashes)];
    for (let i = 0; i < unique.length; i += READ_BATCH) {
      const rows = await this.db(DEFINITIONS).whereIn(
        'definition_hash',
        unique.slice(i, i + READ_BATCH),
      );
      for (const row of rows) {
        const text = (await inflateAsync(Buffer.from(row.definition))).toString(
          'utf8',
        );
        found.set(row.definition_hash, {
          hash: row.definition_hash,
          type: row.api_type,
          text,
          facts: JSON.parse(row.facts),
        });
      }
    }
    return found;
  }

  async getFacts(
    hashes: readonly string[],
  ): Promise<Map<string, StoredDefinition['facts']>> {
    const found = new Map<string, StoredDefinition['facts']>();
    const unique = [...new Set(hashes)];
    for (let i = 0; i < unique.length; i += READ_BATCH) {
      const rows = await this.db(DEFINITIONS)
        .whereIn('definition_hash', unique.slice(i, i + READ_BATCH))
        .select('definition_hash', 'facts');
      for (const row of rows)
        found.set(row.definition_hash, JSON.parse(row.facts));
    }
    return found;
  }

  async write(batch: {
    definitions: readonly StoredDefinition[];
    heads: readonly ChangeHead[];
    events: readonly NewChangeEvent[];
  }): Promise<void> {
    const now = new Date();
    const definitionRows = await Promise.all(
      [...new Map(batch.definitions.map(d => [d.hash, d])).values()].map(
        async d => {
          const compressed = await deflateAsync(Buffer.from(d.text, 'utf8'));
          return {
            definition_hash: d.hash,
            api_type: d.type.slice(0, 100),
            definition: compressed,
            text_length: d.text.length,
            stored_bytes: compressed.length,
            facts: JSON.stringify(d.facts),
            stored_at: now,
          };
        },
      ),
    );
    await this.db.transaction(async tx => {
      for (let i = 0; i < definitionRows.length; i += WRITE_BATCH) {
        await tx(DEFINITIONS)
          .insert(definitionRows.slice(i, i + WRITE_BATCH))
          .onConflict('definition_hash')
          .ignore();
      }
      const heads = [
        ...new Map(batch.heads.map(h => [h.entityRef, h])).values(),
      ];
      for (let i = 0; i < heads.length; i += WRITE_BATCH) {
        await tx(HEADS)
          .insert(
            heads.slice(i, i + WRITE_BATCH).map(h => ({
              entity_ref: h.entityRef,
              definition_hash: h.definitionHash,
              baseline_at: new Date(h.baselineAt),
              changed_at: h.changedAt ? new Date(h.changedAt) : null,
              findings: JSON.stringify(h.findings),
            })),
          )
          .onConflict('entity_ref')
          .merge();
      }
      for (let i = 0; i < batch.events.length; i += WRITE_BATCH) {
        await tx(EVENTS).insert(
          batch.events.slice(i, i + WRITE_BATCH).map(e => ({
            entity_ref: e.entityRef,
            snapshot_id: e.snapshotId,
            detected_at: new Date(e.detectedAt),
            title: clip(e.title, 500),
            owner_ref: clip(e.owner, 255),
            system_ref: clip(e.system, 255),
            from_hash: e.fromHash,
            to_hash: e.toHash,
            from_version: clip(e.fromVersion, 100),
            to_version: clip(e.toVersion, 100),
            breaking: e.counts.breaking,
            non_breaking: e.counts['non-breaking'],
            deprecated: e.counts.deprecated,
            annotation: e.counts.annotation,
            unclassified: e.counts.unclassified,
            change_count: e.changeCount,
            changes: JSON.stringify(e.changes),
            consumers: JSON.stringify(e.consumers),
            problem: e.problem ?? null,
          })),
        );
      }
    });
  }

  async listEvents(
    query: ChangeEventQuery,
  ): Promise<ReportPage<ApiChangeEvent>> {
    const below = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows: DbEventRow[] = await this.db(EVENTS)
      .modify(q => {
        if (query.entityRef) q.where('entity_ref', query.entityRef);
        if (query.owners) q.whereIn('owner_ref', query.owners);
        if (query.system) q.where('system_ref', query.system);
        if (query.class) q.where(CLASS_COLUMNS[query.class], '>', 0);
        if (query.since) q.where('detected_at', '>=', query.since);
        if (query.snapshotId) q.where('snapshot_id', query.snapshotId);
        if (below !== undefined) q.where('id', '<', below);
      })
      .orderBy('id', 'desc')
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(toEvent),
      nextCursor:
        rows.length > query.limit
          ? encodeCursor(String(page[page.length - 1].id))
          : undefined,
    };
  }

  async prune(): Promise<number> {
    let pruned = 0;
    await this.db.transaction(async tx => {
      await tx(HEADS)
        .whereNotExists(
          tx(snapshotTables.apis)
            .select(tx.raw('1'))
            .where(
              `${snapshotTables.apis}.entity_ref`,
              tx.ref(`${HEADS}.entity_ref`),
            ),
        )
        .delete();
      pruned = await tx(DEFINITIONS)
        .whereNotExists(
          tx(HEADS)
            .select(tx.raw('1'))
            .where(
              `${HEADS}.definition_hash`,
              tx.ref(`${DEFINITIONS}.definition_hash`),
            ),
        )
        .delete();
    });
    return pruned;
  }

  async purgeEvents(options: {
    before: Date;
    maxPerApi: number;
  }): Promise<number> {
    let purged = await this.db(EVENTS)
      .where('detected_at', '<', options.before)
      .delete();
    // The APIs over the cap, then each one's oldest beyond it.
    const over: Array<{ entity_ref: string }> = await this.db(EVENTS)
      .select('entity_ref')
      .groupBy('entity_ref')
      .havingRaw('count(*) > ?', [options.maxPerApi]);
    for (const { entity_ref } of over) {
      const keep = await this.db(EVENTS)
        .where({ entity_ref })
        .orderBy('id', 'desc')
        .offset(options.maxPerApi - 1)
        .first('id');
      if (keep) {
        purged += await this.db(EVENTS)
          .where({ entity_ref })
          .andWhere('id', '<', keep.id)
          .delete();
      }
    }
    return purged;
  }

  ownerRefsOf(owner: EntityRefKey): Promise<EntityRefKey[]> {
    return ownerRefsOf(this.db, owner);
  }

  async getStorage() {
    const [definitions] = await this.db(DEFINITIONS).select(
      this.db.raw('count(*) as n'),
      this.db.raw('coalesce(sum(text_length), 0) as t'),
      this.db.raw('coalesce(sum(stored_bytes), 0) as b'),
    );
    const [events] = await this.db(EVENTS).count({ n: '*' });
    return {
      definitions: Number(definitions.n),
      textLength: Number(definitions.t),
      storedBytes: Number(definitions.b),
      events: Number(events.n),
    };
  }
}
