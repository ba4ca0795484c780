import {
  AuthService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApiRefreshResult,
  EntityRefKey,
  GovernanceRuleset,
  apiopsSnapshotRefreshPermission,
  evaluateOwnership,
} from '@apiops-backstage/plugin-apiops-common';
import { AssessmentStore } from '../database/AssessmentStore';
import { SnapshotStore } from '../database/SnapshotStore';
import { DefinitionFeatureSource, extractFeatures } from '../fragmentation';
import { MethodCatalog } from '../method';
import { buildCatalogIndex } from '../snapshot/buildCatalogIndex';
import { evaluateApi } from '../snapshot/evaluateApi';
import { getEntityOrThrow } from './getEntityOrThrow';
import { requirePermission } from './requirePermission';
import { StatusService } from './StatusService';

/**
 * Refreshes one API's part of the current results at once, for callers
 * allowed `apiops.snapshot.refresh` on it (the platform team, as a rule),
 * instead of waiting for the next scheduled snapshot: the API is evaluated
 * as the snapshot evaluates every API (the same catalog index of groups,
 * users and components, read now; its latest assessment; its definition's
 * problem), and its result, its ownership gaps, the team rollups that count
 * it and the snapshot's counts are written at once (see
 * `SnapshotStore.refreshApi`, which keeps replicas and snapshots in step).
 * Fragmentation is not recomputed: it compares the API with every other
 * API, and waits for the next snapshot.
 *
 * @internal
 */
export class ApiRefreshService {
  private constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      assessments: AssessmentStore;
      snapshots: SnapshotStore;
      method: MethodCatalog;
      ruleset: GovernanceRuleset;
      status: StatusService;
      ownerPlaceholders?: readonly string[];
      /**
       * A source of definition features for one refresh (closed after it),
       * as the snapshot's: from the stored features by hash, else parsed.
       */
      definitions: () => DefinitionFeatureSource;
    },
  ) {}

  static create(options: ApiRefreshService['options']): ApiRefreshService {
    return new ApiRefreshService(options);
  }

  /**
   * Refreshes the API; answers its status as the caller may read it then.
   * An entity the caller may not see is a NotFoundError (before the
   * permission is asked, as for assessments), a denied permission a
   * NotAllowedError, a refresh before the first snapshot a ConflictError.
   */
  async refresh(
    entityRef: EntityRefKey,
    credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >,
  ): Promise<ApiRefreshResult> {
    const { catalog, auth, permissions, assessments, snapshots } = this.options;
    const entity = await getEntityOrThrow(catalog, entityRef, credentials);
    const resourceRef = stringifyEntityRef(entity);
    await requirePermission(
      permissions,
      credentials,
      { permission: apiopsSnapshotRefreshPermission, resourceRef },
      `You may not refresh the results of ${resourceRef}`,
    );

    // Before anything is read: what was read after it is at least as new.
    const refreshedAt = new Date();
    const own = await auth.getOwnServiceCredentials();
    // The entity as the snapshot reads it, with the plugin's credentials.
    const [current, index, latest] = await Promise.all([
      catalog.getEntityByRef(entityRef, { credentials: own }),
      buildCatalogIndex(catalog, own),
      assessments.latest(entityRef),
    ]);
    const evaluated = current ?? entity;
    const definitionProblem = await this.definitionProblemOf(evaluated);

    const ownership = evaluateOwnership(evaluated, index.ownership, {
      placeholders: this.options.ownerPlaceholders,
    });
    const stored = evaluateApi({
      entity: evaluated,
      latest,
      ownership,
      inputs: {
        providers: index.providersOf(evaluated),
        consumers: index.consumersOf(evaluated),
        definitionProblem,
      },
      method: this.options.method,
      ruleset: this.options.ruleset,
      now: refreshedAt,
    });
    stored.result.refreshedAt = refreshedAt.toISOString();
    // The groups that count the API, as the snapshot's rollup finds them.
    const teams =
      ownership.kind === 'group' && ownership.ref
        ? index.ownership
            .getGroupAndAncestors(ownership.ref as EntityRefKey)
            .map(groupRef => ({
              groupRef,
              title: index.ownership.getEntry(groupRef)?.title ?? groupRef,
            }))
        : [];

    const outcome = await snapshots.refreshApi({
      stored,
      teams,
      refreshedAt,
      refreshedBy:
        credentials.principal.type === 'user'
          ? credentials.principal.userEntityRef
          : credentials.principal.subject,
    });
    return {
      outcome,
      status: await this.options.status.getStatus(entityRef, credentials),
    };
  }

  /**
   * The problem of the API's definition in the precise parser's words, as
   * the snapshot finds it (see `SnapshotService`); none when it parses.
   */
  private async definitionProblemOf(
    entity: Parameters<typeof extractFeatures>[0],
  ): Promise<string | undefined> {
    const source = this.options.definitions();
    try {
      const [definitionFeatures] = await source.getMany([entity]);
      const extracted = extractFeatures(entity, { definitionFeatures });
      return extracted.problem
        ? definitionFeatures.definitionProblem ?? extracted.problem
        : undefined;
    } finally {
      await source.close();
    }
  }
}
