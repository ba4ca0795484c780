export { TrendChart } from './TrendChart';
export { formatDateTime } from './formatTime';
