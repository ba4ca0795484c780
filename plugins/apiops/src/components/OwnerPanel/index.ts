export { OwnerPanel } from './OwnerPanel';
