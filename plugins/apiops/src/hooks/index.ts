export { useAppLocale } from './useAppLocale';
export { useMethodModel } from './useMethodModel';
export { useApiStatus } from './useApiStatus';
export { useAssessmentHistory } from './useAssessmentHistory';
export type { AssessmentHistoryState } from './useAssessmentHistory';
