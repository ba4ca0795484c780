export { KpiTile } from './KpiTile';
export { SummaryKpis } from './SummaryKpis';
export { countGaps, countUnowned } from './summaryCounts';
