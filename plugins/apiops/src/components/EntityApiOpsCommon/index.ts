export { visuallyHidden } from './visuallyHidden';
export { Timestamp } from './Timestamp';
export { SeverityIcon } from './SeverityIcon';
export {
  GovernanceStatusText,
  SeverityStatus,
  SeverityText,
} from './GovernanceLabels';
