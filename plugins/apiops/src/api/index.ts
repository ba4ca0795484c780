export { apiopsApiRef } from './ApiOpsApi';
export type {
  ApiFilters,
  ApiOpsApi,
  ApiOpsPage,
  FragmentationFilters,
  LintFilters,
  OwnershipGapFilters,
  TeamApiOptions,
} from './ApiOpsApi';
export { ApiOpsClient } from './ApiOpsClient';
export { apiopsCampaignsApiRef } from './CampaignsApi';
export type { CampaignsApi } from './CampaignsApi';
export { CampaignsClient } from './CampaignsClient';
