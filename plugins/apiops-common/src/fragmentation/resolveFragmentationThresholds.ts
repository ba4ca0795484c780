import {
  DEFAULT_FRAGMENTATION_THRESHOLDS,
  type FragmentationThresholds,
} from './types';

const SHARES = [
  'duplicateJaccard',
  'overlapContainment',
  'stopListShare',
] as const;

const COUNTS = [
  'duplicateMinOperations',
  'overlapMinOperations',
  'stopListMinApis',
  'maxPostingSize',
  'lshBands',
  'lshRows',
  'maxBucketSize',
  'maxLiveVersions',
  'maxSharedOperations',
] as const;

/**
 * The thresholds to use: the defaults, overridden field by field.
 *
 * @throws Error naming the field when an override is out of range (a share
 * outside 0..1, a count that is not a positive integer, an unknown scope).
 * @public
 */
export function resolveFragmentationThresholds(
  overrides?: Partial<FragmentationThresholds>,
): FragmentationThresholds {
  const resolved: FragmentationThresholds = {
    ...DEFAULT_FRAGMENTATION_THRESHOLDS,
  };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value !== undefined) {
      (resolved as unknown as Record<string, unknown>)[key] = value;
    }
  }
  for (const key of SHARES) {
    const value = resolved[key];
    if (typeof value !== 'number' || !(value > 0 && value <= 1)) {
      throw new Error(`${key} must be a number in (0, 1], got ${value}`);
    }
  }
  for (const key of COUNTS) {
    const value = resolved[key];
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`${key} must be a positive integer, got ${value}`);
    }
  }
  if (resolved.lshBands * resolved.lshRows > 1024) {
    throw new Error('lshBands × lshRows must be at most 1024');
  }
  for (const scope of resolved.styleScopes) {
    if (scope !== 'system' && scope !== 'domain') {
      throw new Error(`styleScopes: unknown scope ${String(scope)}`);
    }
  }
  return resolved;
}
