import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApiStatus,
  apiopsReportReadPermission,
  EntityRefKey,
  GovernanceRuleset,
} from '@apiops-backstage/plugin-apiops-common';
import { AssessmentStore } from '../database/AssessmentStore';
import { SnapshotStore } from '../database/SnapshotStore';
import { resolveStation } from '../lifecycle/resolveStation';
import { MethodCatalog } from '../method';
import {
  evaluateApi,
  storedEvidenceFindings,
} from '../snapshot/evaluateApi';
import { CatalogVisibility } from './CatalogVisibility';
import { getEntityOrThrow } from './getEntityOrThrow';
import { visibleClusters } from './reportVisibility';
import { isAllowed } from './requirePermission';
import { capClusterMembers } from './capClusterMembers';

/**
 * Where one API stands, who owns it and whether it is governed, computed on
 * request with the same pure `evaluateApi` the snapshot uses. Reading a status
 * needs only catalog read access to the API (the catalog checks it); its
 * report data (fragmentation clusters, ownership gaps, governance findings)
 * is added only for callers allowed `apiops.report.read`, its clusters with
 * only the other APIs the caller may read in the catalog. A denial narrows
 * the answer, it is never a 403, so REST and MCP answer alike.
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
    private readonly permissions: PermissionsService,
    private readonly visibility: CatalogVisibility,
  ) {}

  static create(options: {
    catalog: CatalogService;
    assessments: AssessmentStore;
    snapshots: SnapshotStore;
    method: MethodCatalog;
    ruleset: GovernanceRuleset;
    permissions: PermissionsService;
    /** What each caller may read of the catalog (the other cluster members). */
    visibility: CatalogVisibility;
  }): StatusService {
    return new StatusService(
      options.catalog,
      options.assessments,
      options.snapshots,
      options.method,
      options.ruleset,
      options.permissions,
      options.visibility,
    );
  }

  /**
   * Computed now: the station (from the latest assessment) and the
   * governance findings (the rules evaluated again with the current entity
   * and assessment). From the stored result of the latest snapshot, or of a
   * refresh of the API since (`refreshedAt`): the ownership checks and the
   * rule inputs that come from the rest of the catalog (providers,
   * consumers, the definition's problem); absent until a snapshot has seen
   * the API. From the snapshot only: the fragmentation clusters.
   * Fragmentation, ownership gaps and governance only with
   * `apiops.report.read`.
   */
  async getStatus(
    entityRef: EntityRefKey,
    credentials: BackstageCredentials,
  ): Promise<ApiStatus> {
    const entity = await getEntityOrThrow(this.catalog, entityRef, credentials);
    const [latestAssessment, stored, info, reportData] = await Promise.all([
      this.assessments.latest(entityRef),
      this.snapshots.getApiResult(entityRef),
      this.snapshots.getInfo(),
      isAllowed(this.permissions, credentials, {
        permission: apiopsReportReadPermission,
      }),
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
      nextSnapshotAt: info.nextRunAt,
    };
    if (!reportData) {
      // Said whether or not a snapshot has seen the API: the caller may not
      // read report data either way.
      status.reportData = 'withheld';
    }
    if (stored) {
      const fresh = evaluateApi({
        entity,
        latest: latestAssessment,
        ownership: stored.result.owner,
        inputs: stored.inputs,
        method: this.method,
        ruleset: this.ruleset,
        now: new Date(),
        evidenceFindings: storedEvidenceFindings(stored),
      }).result;
      const { gaps, ...owner } = fresh.owner;
      status.owner = { ...owner, ref: owner.ref ?? status.owner.ref };
      status.snapshotAt = info.computedAt;
      if (stored.result.refreshedAt) {
        status.refreshedAt = stored.result.refreshedAt;
      }
      if (reportData) {
        status.owner.gaps = gaps;
        status.governance = fresh.governance;
        const [clusters, visibility] = await Promise.all([
          this.snapshots.listClustersOf(entityRef),
          this.visibility.forCaller(credentials),
        ]);
        status.fragmentation = (
          await visibleClusters(visibility, clusters)
        ).map(cluster => capClusterMembers(cluster));
      }
    }
    return status;
  }
}
