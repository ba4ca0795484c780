import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  apiopsAssessmentCreatePermission,
  apiopsCampaignManagePermission,
  apiopsFragmentationDismissPermission,
  apiopsPermissions,
  apiopsReportReadPermission,
  apiopsSnapshotCreatePermission,
  apiopsSnapshotRefreshPermission,
} from './permissions';

describe('apiops permissions', () => {
  it('makes assessment writes a resource permission on catalog entities', () => {
    expect(
      isResourcePermission(apiopsAssessmentCreatePermission, 'catalog-entity'),
    ).toBe(true);
    expect(apiopsAssessmentCreatePermission.name).toBe(
      'apiops.assessment.create',
    );
  });

  it('keeps report reads and snapshot runs as basic permissions', () => {
    expect(isResourcePermission(apiopsReportReadPermission)).toBe(false);
    expect(isResourcePermission(apiopsSnapshotCreatePermission)).toBe(false);
    expect(apiopsReportReadPermission.attributes.action).toBe('read');
  });

  it('makes dismissing a fragmentation cluster a basic update permission', () => {
    expect(isResourcePermission(apiopsFragmentationDismissPermission)).toBe(
      false,
    );
    expect(apiopsFragmentationDismissPermission.name).toBe(
      'apiops.fragmentation.dismiss',
    );
    expect(apiopsFragmentationDismissPermission.attributes.action).toBe(
      'update',
    );
  });

  it('makes managing campaigns a basic update permission', () => {
    expect(isResourcePermission(apiopsCampaignManagePermission)).toBe(false);
    expect(apiopsCampaignManagePermission.name).toBe('apiops.campaign.manage');
    expect(apiopsCampaignManagePermission.attributes.action).toBe('update');
  });

  it('makes refreshing one API a resource update permission on catalog entities', () => {
    expect(
      isResourcePermission(apiopsSnapshotRefreshPermission, 'catalog-entity'),
    ).toBe(true);
    expect(apiopsSnapshotRefreshPermission.name).toBe(
      'apiops.snapshot.refresh',
    );
    expect(apiopsSnapshotRefreshPermission.attributes.action).toBe('update');
  });

  it('lists every permission once, with unique names', () => {
    const names = apiopsPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([
      'apiops.assessment.create',
      'apiops.report.read',
      'apiops.snapshot.create',
      'apiops.fragmentation.dismiss',
      'apiops.campaign.manage',
      'apiops.snapshot.refresh',
    ]);
  });
});
