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
export { apiopsApiRef, ApiOpsClient } from './api';
export type {
  ApiOpsApi,
  // The component ApiOpsPage takes the name at the entry point.
  ApiOpsPage as ApiOpsResultPage,
  FragmentationFilters,
  OwnershipGapFilters,
  TeamApiOptions,
} from './api';
