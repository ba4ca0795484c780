export {
  ApiOpsGovernanceFilter,
  ApiOpsLabelFilter,
  ApiOpsStationFilter,
} from './ApiOpsLabelFilters';
export type { ApiOpsEntityFilters } from './ApiOpsLabelFilters';
export { EntityApiOpsStationPicker } from './EntityApiOpsStationPicker';
export type { EntityApiOpsStationPickerProps } from './EntityApiOpsStationPicker';
export { EntityApiOpsGovernancePicker } from './EntityApiOpsGovernancePicker';
export type { EntityApiOpsGovernancePickerProps } from './EntityApiOpsGovernancePicker';
