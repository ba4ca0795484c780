export {
  OwnershipGapsTable,
  OWNERSHIP_GAPS_CSV_FILENAME,
  OWNERSHIP_GAPS_PAGE_SIZE,
  OWNERSHIP_GAPS_URL_PREFIX,
} from './OwnershipGapsTable';
export { GapChip } from './GapChip';
