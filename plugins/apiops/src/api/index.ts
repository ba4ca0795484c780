export { apiopsApiRef } from './ApiOpsApi';
export type {
  ApiFilters,
  ApiOpsApi,
  ApiOpsPage,
  FragmentationFilters,
  OwnershipGapFilters,
} from './ApiOpsApi';
export { ApiOpsClient } from './ApiOpsClient';
