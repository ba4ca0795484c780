import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  FragmentationCluster,
  FragmentationDismissalRecord,
  FragmentationDismissalState,
  apiopsFragmentationDismissPermission,
  apiopsReportReadPermission,
  dismissalVerdictsFor,
  parseFragmentationDismissalRequest,
} from '@apiops-backstage/plugin-apiops-common';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { FragmentationDismissalStore } from '../database/FragmentationDismissalStore';
import { SnapshotStore } from '../database/SnapshotStore';
import { CatalogVisibility } from './CatalogVisibility';
import { requirePermission } from './requirePermission';
import { visibleClusters } from './reportVisibility';

/** What a cluster id looks like: `<type>-<hash>`. */
const CLUSTER_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Dismisses fragmentation clusters of the latest snapshot, and undoes
 * dismissals. A dismissal holds for the cluster's id and fingerprint: the
 * reports show it while the cluster has the same members with the same
 * definitions, and re-open the cluster when a member's definition changes.
 *
 * Both writes need `apiops.fragmentation.dismiss`, and a cluster the caller
 * may see in the reports: one of the latest snapshot with at least two
 * members it may read in the catalog (else 404, as the members route).
 *
 * @internal
 */
export class FragmentationDismissalService {
  private constructor(
    private readonly permissions: PermissionsService,
    private readonly snapshots: SnapshotStore,
    private readonly store: FragmentationDismissalStore,
    private readonly visibility: CatalogVisibility,
  ) {}

  static create(options: {
    permissions: PermissionsService;
    snapshots: SnapshotStore;
    store: FragmentationDismissalStore;
    visibility: CatalogVisibility;
  }): FragmentationDismissalService {
    return new FragmentationDismissalService(
      options.permissions,
      options.snapshots,
      options.store,
      options.visibility,
    );
  }

  /**
   * Dismisses a cluster of the latest snapshot with a verdict and a reason
   * (the body), replacing an earlier dismissal of it; resolves to the stored
   * dismissal. Nothing is written when any check fails.
   */
  async dismiss(
    clusterId: string,
    body: unknown,
    credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >,
  ): Promise<FragmentationDismissalRecord> {
    checkClusterId(clusterId);
    const parsed = parseFragmentationDismissalRequest(body);
    if (!parsed.ok) {
      throw new InputError(parsed.message);
    }
    const cluster = await this.findCluster(clusterId, credentials);
    const verdicts = dismissalVerdictsFor(cluster.type);
    if (!verdicts.includes(parsed.value.verdict)) {
      throw new InputError(
        `verdict: a ${cluster.type} cluster may be dismissed as ${verdicts.join(
          ' or ',
        )}, not ${parsed.value.verdict}`,
      );
    }
    if (!cluster.fingerprint) {
      throw new InputError(
        `clusterId: ${clusterId} comes from a snapshot taken before dismissals; dismiss it after the next snapshot`,
      );
    }
    return this.store.put({
      clusterId,
      verdict: parsed.value.verdict,
      reason: parsed.value.reason,
      fingerprint: cluster.fingerprint,
      dismissedBy:
        credentials.principal.type === 'user'
          ? credentials.principal.userEntityRef
          : credentials.principal.subject,
    });
  }

  /**
   * The dismissal recorded for a cluster of the latest snapshot, and whether
   * it is stale: recorded for another fingerprint (a member's definition
   * changed since), so the cluster shows as not dismissed. Needs
   * `apiops.report.read`; a NotFoundError when there is none.
   */
  async get(
    clusterId: string,
    credentials: BackstageCredentials,
  ): Promise<FragmentationDismissalState> {
    checkClusterId(clusterId);
    const cluster = await this.findCluster(
      clusterId,
      credentials,
      apiopsReportReadPermission,
    );
    const dismissal = await this.store.get(clusterId);
    if (!dismissal) {
      throw new NotFoundError(`The cluster ${clusterId} is not dismissed`);
    }
    return {
      ...dismissal,
      stale: dismissal.fingerprint !== cluster.fingerprint,
    };
  }

  /**
   * Undoes the dismissal of a cluster of the latest snapshot (a stale one
   * too). Resolves whether there was one; undoing none is not an error.
   */
  async undo(
    clusterId: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    checkClusterId(clusterId);
    await this.findCluster(clusterId, credentials);
    return this.store.delete(clusterId);
  }

  /**
   * The cluster, once the caller may dismiss clusters and may see this one;
   * the permission is checked first, so a caller without it learns nothing
   * of which clusters exist.
   */
  private async findCluster(
    clusterId: string,
    credentials: BackstageCredentials,
    permission: BasicPermission = apiopsFragmentationDismissPermission,
  ): Promise<FragmentationCluster> {
    const [, visibility] = await Promise.all([
      requirePermission(
        this.permissions,
        credentials,
        { permission },
        permission === apiopsFragmentationDismissPermission
          ? 'You may not dismiss fragmentation clusters'
          : undefined,
      ),
      this.visibility.forCaller(credentials),
    ]);
    const cluster = await this.snapshots.getCluster(clusterId);
    // A cluster whose members the caller may not read does not show that
    // it exists: the same 404 as an unknown one.
    if (
      !cluster ||
      (await visibleClusters(visibility, [cluster])).length === 0
    ) {
      throw new NotFoundError(
        `The latest snapshot has no fragmentation cluster ${clusterId}`,
      );
    }
    return cluster;
  }
}

function checkClusterId(clusterId: string) {
  if (!CLUSTER_ID.test(clusterId)) {
    throw new InputError(
      'clusterId: not a cluster id (letters, digits and -, at most 64); take the id of a cluster of the fragmentation report',
    );
  }
}
