export { DEFAULT_FRAGMENTATION_THRESHOLDS, FRAGMENTATION_TYPES } from './types';
export type {
  FragmentationCluster,
  FragmentationClusterMember,
  FragmentationThresholds,
  FragmentationType,
  PathCasing,
  VersioningScheme,
} from './types';
export { resolveFragmentationThresholds } from './resolveFragmentationThresholds';
