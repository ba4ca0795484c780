export {
  OwnershipGapsTable,
  OWNERSHIP_GAPS_CSV_FILENAME,
  OWNERSHIP_GAPS_PAGE_SIZE,
} from './OwnershipGapsTable';
export { GapChip } from './GapChip';
