export {
  FragmentationPanel,
  PANEL_SHARED_OPERATIONS,
} from './FragmentationPanel';
export {
  ClusterScope,
  ClusterScore,
  FragmentationTypeChip,
  MemberLink,
  SharedOperations,
  memberName,
  useApiOpsTabLink,
  useMemberFacts,
} from './FragmentationParts';
export type { MemberFact } from './FragmentationParts';
export {
  formatScore,
  operationCountOf,
  otherMembers,
  overlapRoleOf,
  sameRef,
  styleOf,
} from './fragmentationDetails';
export { MoreMembers } from './MoreMembers';
