export { StationBars } from './StationBars';
export { StationMiniSummary } from './StationMiniSummary';
