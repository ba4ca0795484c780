export type {
  ApiOwnerStatus,
  ApiRefreshResult,
  ApiStationStatus,
  ApiStatus,
  StationSource,
} from './types';
export { UNASSESSED_STATION } from './types';
export { apiStationStatusSchema } from './apiStationStatusSchema';
export { apiOwnerStatusSchema, apiStatusSchema } from './schemas';
