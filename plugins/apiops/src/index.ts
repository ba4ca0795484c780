/**
 * The APIOps frontend plugin: where each API stands in its lifecycle, who
 * owns it and whether it is governed.
 *
 * @packageDocumentation
 */

export {
  apiopsPlugin,
  ApiOpsPage,
  EntityApiOpsCard,
  EntityApiOpsContent,
  EntityGroupApiOpsContent,
} from './plugin';
export { isApiOpsAvailable } from './conditions';
export {
  ApiOpsGovernanceFilter,
  ApiOpsLabelFilter,
  ApiOpsStationFilter,
  EntityApiOpsGovernancePicker,
  EntityApiOpsStationPicker,
} from './components/ApiOpsCatalogFilters';
export type {
  ApiOpsEntityFilters,
  EntityApiOpsGovernancePickerProps,
  EntityApiOpsStationPickerProps,
} from './components/ApiOpsCatalogFilters';
export { ApiOpsApiExplorerPage } from './components/ApiOpsApiExplorerPage';
export { apiopsTranslationRef } from './translation';
// The names of the APIOps notification origin and topics, for the
// notifications plugin's settings (`UserNotificationSettingsCard`).
export { apiopsNotificationNames } from '@apiops-backstage/plugin-apiops-common';
export { apiopsApiRef, ApiOpsClient } from './api';
export { apiopsCampaignsApiRef, CampaignsClient } from './api';
export type { CampaignsApi } from './api';
export { apiopsCampaignsTranslationRef } from './campaignsTranslation';
export { apiopsChangesTranslationRef } from './changesTranslation';
export type {
  ApiFilters,
  ApiOpsApi,
  // The component ApiOpsPage takes the name at the entry point.
  ApiOpsPage as ApiOpsResultPage,
  FragmentationFilters,
  LintFilters,
  OwnershipGapFilters,
  TeamApiOptions,
} from './api';
