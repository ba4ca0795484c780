export { useStationLabels } from './useStationLabels';
export { visuallyHidden } from './visuallyHidden';
export { Timestamp, formatAbsoluteTime, formatRelativeTime } from './Timestamp';
export {
  GovernanceStatusText,
  SeverityStatus,
  SeverityText,
} from './GovernanceLabels';
