import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  APIOPS_CYCLE_ANNOTATION,
  APIOPS_STATION_ANNOTATION,
  ApiStationStatus,
  ApiStatus,
  Assessment,
  AssessmentRequest,
  CriterionAnswer,
  DEFAULT_METHOD_CYCLE,
  UNASSESSED_STATION,
  apiopsAssessmentCreatePermission,
  deriveStation,
} from '@apiops-backstage/plugin-apiops-common';
import { AssessmentPage, AssessmentStore } from '../database/AssessmentStore';
import { MethodCatalog } from '../method';

/**
 * Where each API stands in its lifecycle: records assessments and answers
 * the status of one API.
 *
 * @internal
 */
export class LifecycleService {
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
  }): LifecycleService {
    return new LifecycleService(
      options.catalog,
      options.store,
      options.method,
      options.permissions,
    );
  }

  /**
   * Records an assessment: checks the criteria against the cycle, that the
   * entity exists and that the caller may assess it, derives the station and
   * appends the record. Nothing is written when any check fails.
   */
  async recordAssessment(
    entityRef: string,
    request: AssessmentRequest,
    credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >,
  ): Promise<Assessment> {
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

    const entity = await this.getEntity(entityRef, credentials);
    const [decision] = await this.permissions.authorize(
      [
        {
          permission: apiopsAssessmentCreatePermission,
          resourceRef: stringifyEntityRef(entity),
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not record assessments of ${stringifyEntityRef(entity)}`,
      );
    }

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
  async listAssessments(
    entityRef: string,
    page: { limit: number; cursor?: string },
    credentials: BackstageCredentials,
  ): Promise<AssessmentPage> {
    await this.getEntity(entityRef, credentials);
    return this.store.list(entityRef, page);
  }

  /** Where an API stands and who owns it, computed now. */
  async getStatus(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ApiStatus> {
    const entity = await this.getEntity(entityRef, credentials);
    const latestAssessment = await this.store.latest(entityRef);
    const ownedBy = entity.relations?.find(r => r.type === 'ownedBy');
    const declaredOwner = entity.spec?.owner;
    const lifecycle = entity.spec?.lifecycle;
    return {
      entityRef: stringifyEntityRef(entity),
      station: this.stationOf(entity, latestAssessment),
      owner: {
        ref: ownedBy?.targetRef,
        declared: typeof declaredOwner === 'string' ? declaredOwner : undefined,
      },
      lifecycle: typeof lifecycle === 'string' ? lifecycle : undefined,
      latestAssessment,
      computedAt: new Date().toISOString(),
    };
  }

  private stationOf(
    entity: Entity,
    latest: Assessment | undefined,
  ): ApiStationStatus {
    const annotations = entity.metadata.annotations ?? {};
    const annotatedCycle =
      annotations[APIOPS_CYCLE_ANNOTATION] ?? DEFAULT_METHOD_CYCLE;
    const annotated = annotations[APIOPS_STATION_ANNOTATION];
    const annotation =
      annotated &&
      this.method.hasCycle(annotatedCycle) &&
      this.method.coreStations(annotatedCycle).includes(annotated)
        ? annotated
        : undefined;

    const stageOf = (cycle: string, stationId: string) =>
      this.method
        .getModel({ cycle })
        .stations.find(station => station.id === stationId)?.lifecycleStage;

    if (latest) {
      return {
        id: latest.station,
        source: 'assessment',
        cycle: latest.cycle,
        lifecycleStage: stageOf(latest.cycle, latest.station),
        annotation,
        conflict:
          annotation && annotation !== latest.station
            ? {
                assessment: latest.station,
                annotation,
                message: `The latest assessment places the API at '${latest.station}' but its ${APIOPS_STATION_ANNOTATION} annotation says '${annotation}'`,
              }
            : undefined,
      };
    }
    if (annotation) {
      return {
        id: annotation,
        source: 'annotation',
        cycle: annotatedCycle,
        lifecycleStage: stageOf(annotatedCycle, annotation),
        annotation,
      };
    }
    return {
      id: UNASSESSED_STATION,
      source: 'none',
      cycle: DEFAULT_METHOD_CYCLE,
    };
  }

  private async getEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    return entity;
  }
}
