export { apiopsApiRef } from './ApiOpsApi';
export type {
  ApiOpsApi,
  ApiOpsPage,
  FragmentationFilters,
  OwnershipGapFilters,
} from './ApiOpsApi';
export { ApiOpsClient } from './ApiOpsClient';
