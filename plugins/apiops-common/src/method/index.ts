export {
  CRITERION_ANSWERS,
  DEFAULT_METHOD_CYCLE,
  DEFAULT_METHOD_LOCALE,
  METHOD_LOCALES,
} from './types';
export type {
  CriterionAnswer,
  MethodCriterion,
  MethodCycle,
  MethodLine,
  MethodLocale,
  MethodModel,
  MethodStakeholder,
  MethodStakeholderInvolvement,
  MethodStation,
  MethodStationStakeholder,
  MethodSubStation,
} from './types';
export { deriveStation, isStationPassed } from './deriveStation';
export { isMethodLocale, resolveMethodLocale } from './resolveMethodLocale';
