export { StationBars } from './StationBars';
export { StationMiniSummary } from './StationMiniSummary';
export { useStationLabels } from './useStationLabels';
export type { StationLabels } from './useStationLabels';
