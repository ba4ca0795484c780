export { EntityGroupApiOpsContent } from './EntityGroupApiOpsContent';
