export {
  CLUSTER_MEMBERS_MAX,
  DEFAULT_FRAGMENTATION_THRESHOLDS,
  FRAGMENTATION_TYPES,
} from './types';
export type { FragmentationThresholds, FragmentationType } from './types';
export {
  duplicateClusterSchema,
  familyClusterSchema,
  fragmentationClusterMemberSchema,
  fragmentationClusterSchema,
  fragmentationThresholdsSchema,
  nameCollisionClusterSchema,
  overlapClusterSchema,
  pairEvidenceSchema,
  pathCasingSchema,
  styleInconsistencyClusterSchema,
  versionSprawlClusterSchema,
  versioningSchemeSchema,
} from './schemas';
export type {
  DuplicateCluster,
  FamilyCluster,
  FragmentationCluster,
  FragmentationClusterMember,
  NameCollisionCluster,
  OverlapCluster,
  PairEvidence,
  PathCasing,
  StyleInconsistencyCluster,
  VersionSprawlCluster,
  VersioningScheme,
} from './schemas';
export { resolveFragmentationThresholds } from './resolveFragmentationThresholds';
export {
  DISMISSAL_REASON_MAX_LENGTH,
  FRAGMENTATION_DISMISSAL_VERDICTS,
  dismissalVerdictsFor,
  fragmentationDismissalRecordSchema,
  fragmentationDismissalRequestSchema,
  fragmentationDismissalSchema,
  fragmentationDismissalStateSchema,
  parseFragmentationDismissalRequest,
} from './dismissals';
export type {
  FragmentationDismissal,
  FragmentationDismissalRecord,
  FragmentationDismissalRequest,
  FragmentationDismissalState,
  FragmentationDismissalVerdict,
} from './dismissals';
