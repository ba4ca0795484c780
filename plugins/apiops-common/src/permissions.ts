import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Record a lifecycle assessment for a catalog entity. A resource permission on
 * catalog entities, so that a policy can allow the entity's owners only.
 *
 * @public
 */
export const apiopsAssessmentCreatePermission = createPermission({
  name: 'apiops.assessment.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Read the catalog-wide APIOps reports (ownership gaps, fragmentation, teams).
 *
 * @public
 */
export const apiopsReportReadPermission = createPermission({
  name: 'apiops.report.read',
  attributes: { action: 'read' },
});

/**
 * Run a catalog-wide snapshot now, outside the schedule.
 *
 * @public
 */
export const apiopsSnapshotCreatePermission = createPermission({
  name: 'apiops.snapshot.create',
  attributes: { action: 'create' },
});

/**
 * Dismiss a fragmentation cluster (a duplicate that is not one, an overlap
 * or another finding that is intended), or undo a dismissal. A basic
 * permission: the policy decides by who asks (e.g. the platform team).
 *
 * @public
 */
export const apiopsFragmentationDismissPermission = createPermission({
  name: 'apiops.fragmentation.dismiss',
  attributes: { action: 'update' },
});

/**
 * Create, change and delete campaigns: goals over the APIs' snapshot
 * results with a scope and a due date. A basic permission: the policy
 * decides by who asks (e.g. the platform team and architects). Reading
 * campaigns and their progress needs credentials only; what a caller sees
 * of the teams and APIs follows its catalog read permissions.
 *
 * @public
 */
export const apiopsCampaignManagePermission = createPermission({
  name: 'apiops.campaign.manage',
  attributes: { action: 'update' },
});

/**
 * Recompute one API's part of the latest snapshot now (its station,
 * ownership checks and governance, and the team rollups and counts that
 * include it), without waiting for the next scheduled snapshot. A resource
 * permission on catalog entities: a policy may grant it for some APIs only,
 * though the usual grant is the platform team.
 *
 * @public
 */
export const apiopsSnapshotRefreshPermission = createPermission({
  name: 'apiops.snapshot.refresh',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every permission of the APIOps plugins, for registration and policies.
 *
 * @public
 */
export const apiopsPermissions = [
  apiopsAssessmentCreatePermission,
  apiopsReportReadPermission,
  apiopsSnapshotCreatePermission,
  apiopsFragmentationDismissPermission,
  apiopsCampaignManagePermission,
  apiopsSnapshotRefreshPermission,
];
