export { KpiTile } from './KpiTile';
export { SummaryKpis } from './SummaryKpis';
