import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApiStatus,
  EntityRefKey,
  GovernanceRuleset,
} from '@apiops-backstage/plugin-apiops-common';
import { AssessmentStore } from '../database/AssessmentStore';
import { SnapshotStore } from '../database/SnapshotStore';
import { resolveStation } from '../lifecycle/resolveStation';
import { MethodCatalog } from '../method';
import { evaluateApi } from '../snapshot/evaluateApi';
import { getEntityOrThrow } from './getEntityOrThrow';

/**
 * Where one API stands, who owns it and whether it is governed, computed on
 * request with the same pure `evaluateApi` the snapshot uses. Reading a status
 * needs only catalog read access to the API (the catalog checks it).
 *
 * @internal
 */
export class StatusService {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly assessments: AssessmentStore,
    private readonly snapshots: SnapshotStore,
    private readonly method: MethodCatalog,
    private readonly ruleset: GovernanceRuleset,
  ) {}

  static create(options: {
    catalog: CatalogService;
    assessments: AssessmentStore;
    snapshots: SnapshotStore;
    method: MethodCatalog;
    ruleset: GovernanceRuleset;
  }): StatusService {
    return new StatusService(
      options.catalog,
      options.assessments,
      options.snapshots,
      options.method,
      options.ruleset,
    );
  }

  /**
   * The station from the latest assessment; the ownership and the rule inputs
   * from the latest snapshot (absent until a snapshot has seen the API).
   */
  async getStatus(
    entityRef: EntityRefKey,
    credentials: BackstageCredentials,
  ): Promise<ApiStatus> {
    const entity = await getEntityOrThrow(this.catalog, entityRef, credentials);
    const [latestAssessment, stored, info, clusters] = await Promise.all([
      this.assessments.latest(entityRef),
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
}
