export { visuallyHidden } from './visuallyHidden';
export { Timestamp } from './Timestamp';
export {
  GovernanceStatusText,
  SeverityStatus,
  SeverityText,
} from './GovernanceLabels';
