export { apiopsApiRef } from './ApiOpsApi';
export type {
  ApiOpsApi,
  ApiOpsPage,
  FragmentationFilters,
  OwnershipGapFilters,
  TeamApiOptions,
} from './ApiOpsApi';
export { ApiOpsClient } from './ApiOpsClient';
