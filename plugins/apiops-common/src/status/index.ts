export { UNASSESSED_STATION } from './types';
export type {
  ApiOwnerStatus,
  ApiStationStatus,
  ApiStatus,
  StationSource,
} from './types';
