export { OWNER_GAP_TYPES } from './types';
export type {
  EvaluateOwnershipOptions,
  OwnerGap,
  OwnerGapType,
  OwnershipIndexEntry,
  OwnershipResult,
} from './types';
export { OwnershipIndex } from './OwnershipIndex';
export type { OwnershipIndexBuilder } from './OwnershipIndex';
export {
  DEFAULT_OWNER_PLACEHOLDERS,
  evaluateOwnership,
} from './evaluateOwnership';
