export type {
  FindingSeverity,
  GovernanceFinding,
  GovernanceRule,
  RuleContext,
  RuleResult,
} from './types';
