export { GovernanceStatusCounts } from './GovernanceStatusCounts';
export { GovernanceStatusLabel } from './GovernanceStatusLabel';
export { useGovernanceStatusColors } from './useGovernanceStatusColors';
