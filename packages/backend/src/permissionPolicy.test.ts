import { mockCredentials } from '@backstage/backend-test-utils';
import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  apiopsAssessmentCreatePermission,
  apiopsReportReadPermission,
  apiopsCampaignManagePermission,
  apiopsFragmentationDismissPermission,
  apiopsSnapshotCreatePermission,
  apiopsSnapshotRefreshPermission,
} from '@apiops-backstage/plugin-apiops-common';
import {
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ExamplePermissionPolicy, PLATFORM_TEAM_REF } from './permissionPolicy';

function policyFor(ownershipEntityRefs: string[]) {
  const userInfo: UserInfoService = {
    getUserInfo: async () => ({
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    }),
  };
  const user = {
    credentials: mockCredentials.user(ownershipEntityRefs[0]),
    info: {
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    },
  };
  const policy = new ExamplePermissionPolicy(userInfo);
  return {
    decide: (permission: Parameters<typeof policy.handle>[0]['permission']) =>
      policy.handle({ permission }, user),
  };
}

const developer = policyFor([
  'user:default/juho.makinen',
  'group:default/payments-team',
]);
const platformEngineer = policyFor([
  'user:default/ada.lindqvist',
  PLATFORM_TEAM_REF,
]);

describe('ExamplePermissionPolicy', () => {
  it('lets everyone signed in read the catalog and the reports', async () => {
    for (const permission of [
      catalogEntityReadPermission,
      apiopsReportReadPermission,
    ]) {
      expect(await developer.decide(permission)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('lets the owning groups record assessments, through a catalog condition', async () => {
    expect(await developer.decide(apiopsAssessmentCreatePermission)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/juho.makinen', 'group:default/payments-team'],
        },
      },
    });
  });

  it('lets the platform team record assessments of any entity', async () => {
    expect(
      await platformEngineer.decide(apiopsAssessmentCreatePermission),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('keeps snapshots, refreshes, dismissals, campaigns and catalog writes to the platform team', async () => {
    for (const permission of [
      apiopsSnapshotCreatePermission,
      apiopsSnapshotRefreshPermission,
      apiopsFragmentationDismissPermission,
      apiopsCampaignManagePermission,
      catalogLocationCreatePermission,
    ]) {
      expect(await developer.decide(permission)).toEqual({
        result: AuthorizeResult.DENY,
      });
      expect(await platformEngineer.decide(permission)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('denies writes to a caller without a user', async () => {
    const policy = new ExamplePermissionPolicy({
      getUserInfo: async () => {
        throw new Error('no user');
      },
    });
    expect(
      await policy.handle({ permission: apiopsAssessmentCreatePermission }),
    ).toEqual({ result: AuthorizeResult.DENY });
  });
});
