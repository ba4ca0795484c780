export { ReportFilters } from './ReportFilters';
export type { ReportFilterLabels } from './ReportFilters';
export { useReportFilters } from './useReportFilters';
export type {
  ReportFilterInputs,
  ReportFilterValues,
} from './useReportFilters';
