export {
  FragmentationPanel,
  PANEL_SHARED_OPERATIONS,
} from './FragmentationPanel';
export {
  ClusterMessage,
  ClusterNextStep,
  ClusterScope,
  ClusterScore,
  FragmentationTypeChip,
  MemberLink,
  SharedOperations,
  StyleBreaks,
  StyleConventions,
  memberName,
  useApiOpsTabLink,
  useMemberFacts,
} from './FragmentationParts';
export type { MemberFact } from './FragmentationParts';
export {
  countsSharedOperations,
  formatScore,
  operationCountOf,
  otherMembers,
  overlapRoleOf,
  sameRef,
  styleBreaksOf,
  styleConventionOf,
  styleOf,
} from './fragmentationDetails';
export type {
  StyleBreak,
  StyleConvention,
  StyleDimension,
} from './fragmentationDetails';
export { MoreMembers } from './MoreMembers';
export { ClusterEvidence } from './ClusterEvidence';
