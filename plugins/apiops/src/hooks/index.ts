export { useAppLocale } from './useAppLocale';
export { useMethodModel } from './useMethodModel';
export { useStationLabels } from './useStationLabels';
export type { StationLabels } from './useStationLabels';
export { useApiStatus } from './useApiStatus';
export { useAssessmentHistory } from './useAssessmentHistory';
export type { AssessmentHistoryState } from './useAssessmentHistory';
export { useClusterMembers } from './useClusterMembers';
export type { ClusterMembersState } from './useClusterMembers';
