import { resolveFragmentationThresholds } from './resolveFragmentationThresholds';
import {
  DEFAULT_FRAGMENTATION_THRESHOLDS,
  FRAGMENTATION_TYPES,
  type FragmentationThresholds,
} from './types';

describe('resolveFragmentationThresholds', () => {
  it('gives the defaults without overrides', () => {
    expect(resolveFragmentationThresholds()).toEqual(
      DEFAULT_FRAGMENTATION_THRESHOLDS,
    );
    expect(DEFAULT_FRAGMENTATION_THRESHOLDS).toMatchObject({
      duplicateJaccard: 0.8,
      overlapContainment: 0.8,
      overlapMinOperations: 1,
      stopListShare: 0.01,
      stopListMinApis: 20,
      maxLiveVersions: 2,
      styleConventionShare: 0.5,
      minEvidence: 3,
      familyMinApis: 3,
      familyMinEvidence: 2,
    });
  });

  it('overrides field by field, ignoring undefined', () => {
    const resolved = resolveFragmentationThresholds({
      duplicateJaccard: 0.9,
      lshBands: undefined,
      styleScopes: ['system', 'domain'],
      styleConventionShare: 0.6,
    });
    expect(resolved.duplicateJaccard).toBe(0.9);
    expect(resolved.styleConventionShare).toBe(0.6);
    expect(resolved.lshBands).toBe(DEFAULT_FRAGMENTATION_THRESHOLDS.lshBands);
    expect(resolved.styleScopes).toEqual(['system', 'domain']);
  });

  it.each([
    [{ duplicateJaccard: 0 }, /duplicateJaccard/],
    [{ overlapContainment: 1.2 }, /overlapContainment/],
    [{ stopListShare: Number.NaN }, /stopListShare/],
    [{ maxBucketSize: 2.5 }, /maxBucketSize/],
    [{ maxLiveVersions: 0 }, /maxLiveVersions/],
    [{ lshBands: 64, lshRows: 32 }, /at most 1024/],
    [{ styleScopes: ['team' as 'system'] }, /unknown scope team/],
    [{ styleConventionShare: 1.5 }, /styleConventionShare/],
    [{ minEvidence: -0.5 }, /minEvidence/],
    [{ familyMinApis: 1.5 }, /familyMinApis/],
    [{ familyMinEvidence: Infinity }, /familyMinEvidence/],
    [
      { stopSignatures: 'GET /health' as unknown as string[] },
      /stopSignatures/,
    ],
  ])('rejects %j', (overrides, message) => {
    expect(() => resolveFragmentationThresholds(overrides)).toThrow(message);
  });

  it('names the value given', () => {
    expect(() =>
      resolveFragmentationThresholds({ duplicateJaccard: 0 }),
    ).toThrow('duplicateJaccard: must be a number in (0, 1], got 0');
    expect(() => resolveFragmentationThresholds({ lshRows: 2.5 })).toThrow(
      'lshRows: must be a positive integer, got 2.5',
    );
  });

  it('refuses a field that is not a threshold', () => {
    expect(() =>
      resolveFragmentationThresholds({
        duplicateJacard: 0.9,
      } as Partial<FragmentationThresholds>),
    ).toThrow('duplicateJacard: is not a known field');
  });

  it('names the six types in report order', () => {
    expect(FRAGMENTATION_TYPES).toEqual([
      'duplicate',
      'overlap',
      'family',
      'version-sprawl',
      'name-collision',
      'style-inconsistency',
    ]);
  });
});
