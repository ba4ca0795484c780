export type {
  ApiFeatures,
  ApiStyle,
  DefinitionFeatures,
  ExtractFeaturesResult,
  FragmentationApi,
  FragmentationResult,
  SimilarPairs,
  SimilarityStats,
} from './types';
export { definitionOf, extractFeatures } from './extractFeatures';
export {
  MAX_OPERATIONS,
  extractDefinitionFeatures,
} from './extractDefinitionFeatures';
export { MAX_NESTING_DEPTH } from '../definitions';
export type { DefinitionFeaturesResult } from './extractDefinitionFeatures';
export { DEFAULT_FEATURE_CACHE_SIZE, FeatureCache } from './FeatureCache';
export {
  DEFAULT_PARSER_BATCH_TIMEOUT_MS,
  DefinitionParserPool,
} from './DefinitionParserPool';
export { DefinitionFeatureSource } from './DefinitionFeatureSource';
export {
  detectFragmentation,
  detectFragmentationSteps,
  detectFragmentationWithStats,
} from './detectFragmentation';
export { findSimilarPairs, similarPairSteps } from './findSimilarPairs';
export {
  DEFAULT_SLICE_MS,
  EventLoopYielder,
  runSteps,
} from './EventLoopYielder';
export type { Steps } from './EventLoopYielder';
export type { SimilarityThresholds } from './findSimilarPairs';
