export { FindingsList } from './FindingsList';
export { GovernancePanel } from './GovernancePanel';
