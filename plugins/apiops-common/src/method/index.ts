export {
  CRITERION_ANSWERS,
  DEFAULT_METHOD_CYCLE,
  DEFAULT_METHOD_LOCALE,
  METHOD_API_STYLES,
  METHOD_LOCALES,
} from './types';
export type {
  CriterionAnswer,
  MethodApiStyle,
  MethodCriterion,
  MethodCycle,
  MethodLine,
  MethodLocale,
  MethodModel,
  MethodResource,
  MethodStakeholder,
  MethodStakeholderInvolvement,
  MethodStation,
  MethodStationStakeholder,
  MethodSubStation,
} from './types';
export { deriveStation, isStationPassed } from './deriveStation';
export { isMethodLocale, resolveMethodLocale } from './resolveMethodLocale';
export {
  apiStyleOf,
  nextStationId,
  stationResources,
} from './stationResources';
