export {
  formatAbsoluteTime,
  formatRelativeTime,
  formatTick,
} from './formatTime';
export type { TimeInput } from './formatTime';
export { useTimeFormat } from './useTimeFormat';
export type { TimeFormat } from './useTimeFormat';
