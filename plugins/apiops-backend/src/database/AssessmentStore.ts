import type {
  Assessment,
  AssessmentRequest,
  EntityRefKey,
  ReportPage,
} from '@apiops-backstage/plugin-apiops-common';

/**
 * The most records {@link AssessmentStore.list} returns in one page. Callers
 * validate or clamp the `limit` they were given to this; the store refuses
 * anything else.
 *
 * @internal
 */
export const ASSESSMENT_PAGE_MAX_LIMIT = 100;

/**
 * The most entity refs {@link AssessmentStore.latestForMany} reads in one
 * query; longer lists are split into several queries.
 *
 * @internal
 */
export const ASSESSMENT_LATEST_BATCH_SIZE = 500;

/**
 * What {@link AssessmentStore.add} records: a validated request with its
 * cycle resolved, the derived station and who recorded it.
 *
 * @internal
 */
export interface NewAssessment {
  /** Ref of the assessed entity; stored in lower case. */
  entityRef: EntityRefKey;
  cycle: string;
  station: string;
  answers: AssessmentRequest['answers'];
  evidence: Record<string, string>;
  notes: Record<string, string>;
  note?: string;
  /** User entity ref, or the calling service's subject. */
  assessedBy: string;
}

/**
 * One page of an entity's assessment history, newest first.
 *
 * @internal
 */
export type AssessmentPage = ReportPage<Assessment>;

/**
 * The append-only history of assessments. Records are never updated or
 * deleted by the store; entity refs are compared in lower case.
 *
 * @internal
 */
export interface AssessmentStore {
  /** Records an assessment and returns the stored record. */
  add(input: NewAssessment): Promise<Assessment>;

  /**
   * A page of an entity's history, newest first.
   *
   * @param options.limit - 1 to {@link ASSESSMENT_PAGE_MAX_LIMIT}; otherwise an `InputError`.
   * @param options.cursor - a `nextCursor` of a previous page; a malformed
   *   cursor throws an `InputError` naming `cursor`.
   */
  list(
    entityRef: EntityRefKey,
    options: { limit: number; cursor?: string },
  ): Promise<AssessmentPage>;

  /** The entity's most recent assessment, if any. */
  latest(entityRef: EntityRefKey): Promise<Assessment | undefined>;

  /**
   * The most recent assessment of each of the given entities that has one,
   * keyed by the lower-case entity ref.
   */
  latestForMany(
    entityRefs: Iterable<EntityRefKey>,
  ): Promise<Map<EntityRefKey, Assessment>>;

  /**
   * The most recent assessment of each entity that has one recorded at or
   * after a time.
   */
  latestSince(since: Date): Promise<Assessment[]>;

  /**
   * The id of the most recent assessment of any entity; undefined while there
   * is none. It changes with every assessment recorded.
   */
  lastId(): Promise<string | undefined>;
}
