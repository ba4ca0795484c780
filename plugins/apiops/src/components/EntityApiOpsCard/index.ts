export { EntityApiOpsCard } from './EntityApiOpsCard';
