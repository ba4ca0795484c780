export { apiopsApiRef } from './ApiOpsApi';
export type { ApiOpsApi, ApiOpsPage, OwnershipGapFilters } from './ApiOpsApi';
export { ApiOpsClient } from './ApiOpsClient';
