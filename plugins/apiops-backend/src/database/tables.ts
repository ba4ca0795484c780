/**
 * Row types of the plugin's tables, as knex reads and writes them. Each
 * table is created by a migration in `migrations/`.
 */

/**
 * A row of `apiops_assessments`: the append-only assessment history.
 *
 * @internal
 */
export interface DbAssessmentRow {
  /**
   * Auto-incremented (bigint). PostgreSQL's driver returns it as a string,
   * SQLite's as a number; never written by the store.
   */
  id: string | number;
  /** Ref of the assessed entity, normalized to lower case. */
  entity_ref: string;
  /** Id of the APIOps cycle the answers belong to. */
  cycle: string;
  /** Station id derived from the answers when the row was written. */
  station: string;
  /** JSON object: criterion id → `met` | `not-met` | `unknown`. */
  answers: string;
  /** JSON object: criterion id → evidence URL; `{}` when none. */
  evidence: string;
  /** JSON object: criterion id → note; `{}` when none. */
  notes: string;
  /** Note about the whole assessment. */
  note: string | null;
  /** Entity ref of the user, or subject of the service, that recorded it. */
  assessed_by: string;
  /**
   * When it was recorded, set by the database. PostgreSQL returns a `Date`;
   * SQLite a UTC text such as `2026-11-26 12:00:00.123`.
   */
  created_at: Date | string | number;
}
