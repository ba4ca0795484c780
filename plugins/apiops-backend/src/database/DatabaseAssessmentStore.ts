import type {
  Assessment,
  EntityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  ASSESSMENT_LATEST_BATCH_SIZE,
  ASSESSMENT_PAGE_MAX_LIMIT,
  AssessmentPage,
  AssessmentStore,
  NewAssessment,
} from './AssessmentStore';
import { decodeCursor, encodeCursor, toIsoTimestamp } from './conversions';
import { migrateToLatest } from './migrateToLatest';
import { isPostgres } from './operations/util/isPostgres';
import { DbAssessmentRow } from './tables';

const TABLE = 'apiops_assessments';

const COLUMNS: (keyof DbAssessmentRow)[] = [
  'id',
  'entity_ref',
  'cycle',
  'station',
  'answers',
  'evidence',
  'notes',
  'note',
  'assessed_by',
  'created_at',
];

/**
 * The assessment history in the plugin's database (SQLite or PostgreSQL).
 *
 * History pages use keyset pagination on the auto-incremented id, served by
 * the (`entity_ref`, `id`) index like {@link DatabaseAssessmentStore.latest}:
 * the cost of a page does not grow with the depth of the page or the size of
 * the table.
 *
 * @internal
 */
export class DatabaseAssessmentStore implements AssessmentStore {
  /**
   * Connects to the plugin's database and brings its schema up to date,
   * unless migrations are skipped by the option or by the database service
   * (`backend.database.skipMigrations`).
   */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseAssessmentStore> {
    const { database } = options;
    const client = await database.getClient();
    const skip = options.skipMigrations ?? database.migrations?.skip ?? false;
    if (!skip) {
      await migrateToLatest(client);
    }
    return new DatabaseAssessmentStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async add(input: NewAssessment): Promise<Assessment> {
    const [row] = await this.db<DbAssessmentRow>(TABLE)
      .insert({
        entity_ref: input.entityRef,
        cycle: input.cycle,
        station: input.station,
        answers: JSON.stringify(input.answers),
        evidence: JSON.stringify(input.evidence),
        notes: JSON.stringify(input.notes),
        note: input.note ?? null,
        assessed_by: input.assessedBy,
      })
      .returning(COLUMNS);
    return toAssessment(row as DbAssessmentRow);
  }

  async list(
    entityRef: EntityRefKey,
    options: { limit: number; cursor?: string },
  ): Promise<AssessmentPage> {
    const { limit, cursor } = options;
    if (
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > ASSESSMENT_PAGE_MAX_LIMIT
    ) {
      throw new InputError(
        `limit: must be an integer from 1 to ${ASSESSMENT_PAGE_MAX_LIMIT}`,
      );
    }
    const before = cursor === undefined ? undefined : decodeCursor(cursor);

    const query = this.db<DbAssessmentRow>(TABLE)
      .select(COLUMNS)
      .where('entity_ref', entityRef)
      .orderBy('id', 'desc')
      .limit(limit + 1);
    if (before !== undefined) {
      query.andWhere('id', '<', before);
    }
    const rows = (await query) as DbAssessmentRow[];

    const items = rows.slice(0, limit).map(toAssessment);
    if (rows.length > limit) {
      return { items, nextCursor: encodeCursor(items[items.length - 1].id) };
    }
    return { items };
  }

  async latest(entityRef: EntityRefKey): Promise<Assessment | undefined> {
    const row = (await this.db<DbAssessmentRow>(TABLE)
      .select(COLUMNS)
      .where('entity_ref', entityRef)
      .orderBy('id', 'desc')
      .first()) as DbAssessmentRow | undefined;
    return row ? toAssessment(row) : undefined;
  }

  async latestForMany(
    entityRefs: Iterable<EntityRefKey>,
  ): Promise<Map<EntityRefKey, Assessment>> {
    const refs = [...new Set(entityRefs)];
    const result = new Map<EntityRefKey, Assessment>();
    for (let i = 0; i < refs.length; i += ASSESSMENT_LATEST_BATCH_SIZE) {
      const batch = refs.slice(i, i + ASSESSMENT_LATEST_BATCH_SIZE);
      const rows = (await this.db<DbAssessmentRow>(TABLE)
        .select(COLUMNS)
        .whereIn(
          'id',
          this.db<DbAssessmentRow>(TABLE)
            .max('id')
            .whereIn('entity_ref', batch)
            .groupBy('entity_ref'),
        )) as DbAssessmentRow[];
      for (const row of rows) {
        const assessment = toAssessment(row);
        // Stored refs are keys: they were keys when written.
        result.set(assessment.entityRef as EntityRefKey, assessment);
      }
    }
    return result;
  }

  async latestSince(since: Date): Promise<Assessment[]> {
    const rows = await this.db<DbAssessmentRow>(TABLE)
      .distinct('entity_ref')
      .where('created_at', '>=', this.timestamp(since));
    const latest = await this.latestForMany(
      // Stored refs are keys: they were keys when written.
      rows.map(row => row.entity_ref as EntityRefKey),
    );
    return [...latest.values()];
  }

  async lastId(): Promise<string | undefined> {
    const row = await this.db<DbAssessmentRow>(TABLE)
      .max('id', { as: 'id' })
      .first();
    const id = row?.id;
    return id === null || id === undefined ? undefined : String(id);
  }

  /**
   * A time as `created_at` holds it: a `Date` for PostgreSQL; for SQLite the
   * UTC text its default writes (`2026-11-26 12:00:00.123`), which compares
   * as text in time order.
   */
  private timestamp(time: Date): Date | string {
    if (isPostgres(this.db)) {
      return time;
    }
    return time.toISOString().replace('T', ' ').replace('Z', '');
  }
}

function toAssessment(row: DbAssessmentRow): Assessment {
  return {
    id: String(row.id),
    entityRef: row.entity_ref,
    cycle: row.cycle,
    station: row.station,
    answers: JSON.parse(row.answers),
    evidence: JSON.parse(row.evidence),
    notes: JSON.parse(row.notes),
    ...(row.note === null || row.note === undefined ? {} : { note: row.note }),
    assessedBy: row.assessed_by,
    createdAt: toIsoTimestamp(row.created_at),
  };
}
