export {
  FragmentationTable,
  FRAGMENTATION_CSV_FILENAME,
  FRAGMENTATION_PAGE_SIZE,
  FRAGMENTATION_URL_PREFIX,
} from './FragmentationTable';
export { FragmentationKpis } from './FragmentationKpis';
export { ClusterComparison } from './ClusterComparison';
export { countFragmentation } from './fragmentationCounts';
