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
  detectFragmentationWithStats,
} from './detectFragmentation';
export { findSimilarPairs } from './findSimilarPairs';
export type { SimilarityThresholds } from './findSimilarPairs';
