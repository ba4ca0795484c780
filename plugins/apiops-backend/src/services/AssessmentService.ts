import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Assessment,
  CriterionAnswer,
  DEFAULT_METHOD_CYCLE,
  EntityRefKey,
  apiopsAssessmentCreatePermission,
  deriveStation,
  parseAssessmentRequest,
} from '@apiops-backstage/plugin-apiops-common';
import {
  ASSESSMENT_PAGE_MAX_LIMIT,
  AssessmentPage,
  AssessmentStore,
} from '../database/AssessmentStore';
import { MethodCatalog } from '../method';
import { getEntityOrThrow } from './getEntityOrThrow';
import { requirePermission } from './requirePermission';

/** The number of assessments of a page when the caller names none. */
const DEFAULT_PAGE_LIMIT = 20;

/**
 * Records lifecycle assessments of APIs and lists their history.
 *
 * @internal
 */
export class AssessmentService {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly store: AssessmentStore,
    private readonly method: MethodCatalog,
    private readonly permissions: PermissionsService,
  ) {}

  static create(options: {
    catalog: CatalogService;
    store: AssessmentStore;
    method: MethodCatalog;
    permissions: PermissionsService;
  }): AssessmentService {
    return new AssessmentService(
      options.catalog,
      options.store,
      options.method,
      options.permissions,
    );
  }

  /**
   * Records an assessment: checks the body and its criteria against the
   * cycle, that the entity exists and that the caller may assess it
   * (`apiops.assessment.create` on the entity), derives the station and
   * appends the record. Nothing is written when any check fails.
   */
  async record(
    entityRef: EntityRefKey,
    body: unknown,
    credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >,
  ): Promise<Assessment> {
    const parsed = parseAssessmentRequest(body);
    if (!parsed.ok) {
      throw new InputError(parsed.message);
    }
    const request = parsed.value;
    const cycle = request.cycle ?? DEFAULT_METHOD_CYCLE;
    if (!this.method.hasCycle(cycle)) {
      throw new InputError(
        `cycle: unknown cycle '${cycle}'; known cycles are ${this.method
          .listCycles()
          .join(', ')}`,
      );
    }
    const known = this.method.criterionIds(cycle);
    for (const field of ['answers', 'evidence', 'notes'] as const) {
      for (const criterionId of Object.keys(request[field] ?? {})) {
        if (!known.has(criterionId)) {
          throw new InputError(
            `${field}.${criterionId}: not a criterion of the cycle '${cycle}'`,
          );
        }
      }
    }

    const entity = await getEntityOrThrow(this.catalog, entityRef, credentials);
    const resourceRef = stringifyEntityRef(entity);
    await requirePermission(
      this.permissions,
      credentials,
      { permission: apiopsAssessmentCreatePermission, resourceRef },
      `You may not record assessments of ${resourceRef}`,
    );

    const { stations } = this.method.getModel({ cycle });
    const answers: Record<string, CriterionAnswer> = {};
    for (const criterionId of known) {
      answers[criterionId] = request.answers[criterionId] ?? 'unknown';
    }
    return this.store.add({
      entityRef,
      cycle,
      station: deriveStation(stations, answers),
      answers,
      evidence: request.evidence ?? {},
      notes: request.notes ?? {},
      note: request.note,
      assessedBy:
        credentials.principal.type === 'user'
          ? credentials.principal.userEntityRef
          : credentials.principal.subject,
    });
  }

  /** The assessment history of an API, newest first. */
  async list(
    entityRef: EntityRefKey,
    page: { limit?: number; cursor?: string },
    credentials: BackstageCredentials,
  ): Promise<AssessmentPage> {
    const { limit = DEFAULT_PAGE_LIMIT, cursor } = page;
    if (
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > ASSESSMENT_PAGE_MAX_LIMIT
    ) {
      throw new InputError(
        `limit: must be a whole number from 1 to ${ASSESSMENT_PAGE_MAX_LIMIT}`,
      );
    }
    if (cursor !== undefined && !cursor) {
      throw new InputError('cursor: must be the nextCursor of a previous page');
    }
    await getEntityOrThrow(this.catalog, entityRef, credentials);
    return this.store.list(entityRef, { limit, cursor });
  }
}
