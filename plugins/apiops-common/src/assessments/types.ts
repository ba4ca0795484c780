import type { CriterionAnswer } from '../method/types';

/**
 * What a client sends to record an assessment of one entity
 * (`POST /entities/:kind/:namespace/:name/assessments`).
 *
 * Every map is keyed by criterion id (kebab-case, e.g. `api-design`). The
 * shape is validated by {@link assessmentRequestSchema}; the backend also
 * rejects criterion ids that the method's cycle does not define.
 *
 * @public
 */
export interface AssessmentRequest {
  /**
   * Id of the cycle whose criteria are answered; the backend's default cycle
   * (`api-productization-cycle`) when absent.
   */
  cycle?: string;
  /** An answer per criterion; at least one. */
  answers: Record<string, CriterionAnswer>;
  /**
   * An absolute http(s) link to evidence per criterion; only for criteria
   * that have an answer.
   */
  evidence?: Record<string, string>;
  /** A short note per criterion; only for criteria that have an answer. */
  notes?: Record<string, string>;
  /** A note about the assessment as a whole. */
  note?: string;
}

/**
 * A recorded assessment: an append-only entry of an entity's assessment
 * history. Records are never updated; a new assessment is a new record.
 *
 * @public
 */
export interface Assessment {
  /** Opaque, unique id of the record. */
  id: string;
  /** Ref of the assessed entity, in lower case (e.g. `api:default/petstore`). */
  entityRef: string;
  /** Id of the cycle the answers belong to (resolved, never absent). */
  cycle: string;
  /**
   * Id of the station derived from the answers when the assessment was
   * recorded: the first station of the cycle whose criteria are not all met.
   */
  station: string;
  /** An answer per criterion id. */
  answers: Record<string, CriterionAnswer>;
  /** Evidence link per criterion id; an empty object when none was given. */
  evidence: Record<string, string>;
  /** Note per criterion id; an empty object when none was given. */
  notes: Record<string, string>;
  /** A note about the assessment as a whole, if one was given. */
  note?: string;
  /**
   * Who recorded it: the user's entity ref (e.g. `user:default/jane`), or the
   * subject of the calling service (e.g. `plugin:ci` or
   * `external:github-actions`).
   */
  assessedBy: string;
  /** When it was recorded, ISO 8601 in UTC (e.g. `2026-11-26T12:00:00.000Z`). */
  createdAt: string;
}
