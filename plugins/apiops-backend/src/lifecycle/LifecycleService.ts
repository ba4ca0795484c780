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
  ApiStatus,
  Assessment,
  AssessmentRequest,
  CriterionAnswer,
  DEFAULT_METHOD_CYCLE,
  GovernanceRuleset,
  apiopsAssessmentCreatePermission,
  deriveStation,
} from '@apiops-backstage/plugin-apiops-common';
import { AssessmentPage, AssessmentStore } from '../database/AssessmentStore';
import { MethodCatalog } from '../method';
import { SnapshotStore } from '../database/SnapshotStore';
import { evaluateApi } from '../snapshot/evaluateApi';
import { resolveStation } from './resolveStation';

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
    private readonly snapshots: SnapshotStore,
    private readonly ruleset: GovernanceRuleset,
  ) {}

  static create(options: {
    catalog: CatalogService;
    store: AssessmentStore;
    method: MethodCatalog;
    permissions: PermissionsService;
    snapshots: SnapshotStore;
    ruleset: GovernanceRuleset;
  }): LifecycleService {
    return new LifecycleService(
      options.catalog,
      options.store,
      options.method,
      options.permissions,
      options.snapshots,
      options.ruleset,
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

  /**
   * Where an API stands, who owns it and whether it is governed, computed
   * now: the station from the latest assessment, the ownership and the rule
   * inputs from the latest snapshot (absent until a snapshot has seen the API).
   */
  async getStatus(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ApiStatus> {
    const entity = await this.getEntity(entityRef, credentials);
    const [latestAssessment, stored, info, clusters] = await Promise.all([
      this.store.latest(entityRef),
      this.snapshots.getApiResult(entityRef),
      this.snapshots.getInfo(),
      this.snapshots.listClustersOf(entityRef),
    ]);
    const ownedBy = entity.relations?.find(r => r.type === 'ownedBy');
    const declaredOwner = entity.spec?.owner;
    const lifecycle = entity.spec?.lifecycle;
    const status: ApiStatus = {
      entityRef: stringifyEntityRef(entity),
      station: resolveStation(entity, latestAssessment, this.method),
      owner: {
        ref: ownedBy?.targetRef,
        declared: typeof declaredOwner === 'string' ? declaredOwner : undefined,
      },
      lifecycle: typeof lifecycle === 'string' ? lifecycle : undefined,
      latestAssessment,
      computedAt: new Date().toISOString(),
    };
    if (stored) {
      const fresh = evaluateApi({
        entity,
        latest: latestAssessment,
        ownership: stored.result.owner,
        inputs: stored.inputs,
        method: this.method,
        ruleset: this.ruleset,
        now: new Date(),
      }).result;
      status.owner = {
        ...fresh.owner,
        ref: fresh.owner.ref ?? status.owner.ref,
      };
      status.governance = fresh.governance;
      status.fragmentation = clusters;
      status.snapshotAt = info.computedAt;
    }
    return status;
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
