import { describeZodError } from '../assessments/schemas';
import { fragmentationThresholdsSchema } from './schemas';
import type { FragmentationThresholds } from './types';

/**
 * The thresholds to use: the defaults, overridden field by field (fields
 * given as `undefined` keep their default). See
 * {@link fragmentationThresholdsSchema}.
 *
 * @throws Error naming the field when an override is out of range (a share
 * outside (0, 1], a count that is not a positive integer, an unknown scope)
 * or is not a threshold at all.
 * @public
 */
export function resolveFragmentationThresholds(
  overrides?: Partial<FragmentationThresholds>,
): FragmentationThresholds {
  const result = fragmentationThresholdsSchema.safeParse(overrides ?? {});
  if (!result.success) {
    throw new Error(describeZodError(result.error));
  }
  return result.data;
}
