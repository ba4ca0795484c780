export { ReportFilters } from './ReportFilters';
export type { ReportFilterLabels } from './ReportFilters';
export {
  reportFilterParams,
  reportFilterSearch,
  useReportFilters,
} from './useReportFilters';
export type {
  ReportFilterInputs,
  ReportFilterValues,
} from './useReportFilters';
