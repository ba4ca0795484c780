export { ReportTable } from './ReportTable';
export type { ReportTablePaging } from './ReportTable';
export type { ReportColumn } from './foldColumns';
export { ReportTableMessage } from './ReportTableMessage';
export { ReportToolbar } from './ReportToolbar';
export { useReportPages } from './useReportPages';
export type { ReportPages } from './useReportPages';
