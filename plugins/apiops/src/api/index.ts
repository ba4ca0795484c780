export { apiopsApiRef } from './ApiOpsApi';
export type {
  ApiOpsApi,
  ApiOpsPage,
  FragmentationFilters,
  LintFilters,
  OwnershipGapFilters,
} from './ApiOpsApi';
export { ApiOpsClient } from './ApiOpsClient';
