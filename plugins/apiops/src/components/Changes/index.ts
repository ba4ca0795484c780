export { ApiChanges, API_CHANGES_PAGE_SIZE } from './ApiChanges';
export { ApiVersions, VersionComparisonDialog } from './ApiVersions';
export { VersionComparison, VersionComparisonPair } from './VersionComparison';
export {
  ChangesReport,
  CHANGES_CSV_FILENAME,
  CHANGES_PAGE_SIZE,
} from './ChangesReport';
export { RecentBreakingChanges } from './RecentBreakingChanges';
export { ChangeClassChip } from './ChangeClassChip';
export {
  ALL_CLASSES,
  CHANGES_URL,
  changeReportQuery,
  changeReportSearch,
  DEFAULT_CHANGE_CLASS,
} from './changeReportUrl';
