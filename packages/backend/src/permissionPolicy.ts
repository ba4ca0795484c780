import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  apiopsAssessmentCreatePermission,
  apiopsCampaignManagePermission,
  apiopsFragmentationDismissPermission,
  apiopsSnapshotCreatePermission,
  apiopsSnapshotRefreshPermission,
} from '@apiops-backstage/plugin-apiops-common';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/** The group whose members may do everything in the example portal. */
export const PLATFORM_TEAM_REF = 'group:default/platform-team';

/** Writes to the catalog itself are kept to the platform team. */
const catalogWritePermissions = [
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
];

/**
 * The permission policy of the example portal (see docs/permissions.md):
 *
 * - everyone signed in may read;
 * - a lifecycle assessment of an entity may be recorded by members of the
 *   group that owns it, and by the platform team;
 * - running a snapshot, refreshing one API's results, dismissing
 *   fragmentation clusters, managing campaigns and changing the catalog are
 *   for the platform team.
 */
export class ExamplePermissionPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const isWrite =
      isPermission(permission, apiopsAssessmentCreatePermission) ||
      isPermission(permission, apiopsSnapshotCreatePermission) ||
      isPermission(permission, apiopsSnapshotRefreshPermission) ||
      isPermission(permission, apiopsFragmentationDismissPermission) ||
      isPermission(permission, apiopsCampaignManagePermission) ||
      catalogWritePermissions.some(p => isPermission(permission, p));
    if (!isWrite) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }

    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    if (ownershipEntityRefs.includes(PLATFORM_TEAM_REF)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(permission, apiopsAssessmentCreatePermission)) {
      return createCatalogConditionalDecision(
        apiopsAssessmentCreatePermission,
        catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}
