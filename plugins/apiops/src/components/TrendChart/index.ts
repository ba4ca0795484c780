export { TrendChart, TrendFigure } from './TrendChart';
export type { TrendSeries } from './TrendChart';
