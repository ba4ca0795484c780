export { EntityApiOpsContent } from './EntityApiOpsContent';
