export { FINDING_SEVERITIES, GOVERNANCE_STATUSES } from './types';
export type {
  ConfiguredGovernanceRule,
  FindingSeverity,
  GovernanceFinding,
  GovernanceRule,
  GovernanceRuleConfig,
  GovernanceRuleset,
  GovernanceRulesetConfig,
  GovernanceStatus,
  RuleContext,
  RuleContextProvider,
  RuleOptionsIssue,
  RuleOptionsSchema,
  RuleResult,
} from './types';
export { createGovernanceRule } from './createGovernanceRule';
export { createRuleset } from './createRuleset';
export { governanceStatus } from './governanceStatus';
export { GovernanceConfigError } from './GovernanceConfigError';
export * from './rules';
