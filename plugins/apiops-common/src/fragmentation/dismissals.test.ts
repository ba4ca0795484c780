import {
  DISMISSAL_REASON_MAX_LENGTH,
  dismissalVerdictsFor,
  parseFragmentationDismissalRequest,
} from './dismissals';
import { fragmentationClusterSchema } from './schemas';

describe('parseFragmentationDismissalRequest', () => {
  it('accepts a verdict and a reason, trimmed', () => {
    expect(
      parseFragmentationDismissalRequest({
        verdict: 'not-a-duplicate',
        reason: '  Different domains:\n\tpayments vs cards ',
      }),
    ).toEqual({
      ok: true,
      value: {
        verdict: 'not-a-duplicate',
        reason: 'Different domains:\n\tpayments vs cards',
      },
    });
  });

  it.each([
    [undefined, 'body: must be an object with verdict and reason'],
    ['text', 'body: must be an object with verdict and reason'],
    [{ reason: 'x' }, 'verdict: must be one of not-a-duplicate, intended'],
    [
      { verdict: 'wontfix', reason: 'x' },
      'verdict: must be one of not-a-duplicate, intended',
    ],
    [{ verdict: 'intended' }, 'reason: is required'],
    [{ verdict: 'intended', reason: 3 }, 'reason: must be a string'],
    [{ verdict: 'intended', reason: '   ' }, 'reason: must not be blank'],
    [
      {
        verdict: 'intended',
        reason: 'a'.repeat(DISMISSAL_REASON_MAX_LENGTH + 1),
      },
      'reason: must be at most 1000 characters',
    ],
    [
      { verdict: 'intended', reason: 'bell \u0007' },
      'reason: must not contain control characters',
    ],
    [
      { verdict: 'intended', reason: 'nul \u0000' },
      'reason: must not contain control characters',
    ],
    [
      { verdict: 'intended', reason: 'x', by: 'me' },
      'by: not a field of a dismissal',
    ],
  ])('refuses %j naming the field', (body, message) => {
    const parsed = parseFragmentationDismissalRequest(body);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(message);
  });

  it('accepts a reason of exactly the longest length once trimmed', () => {
    const reason = ` ${'a'.repeat(DISMISSAL_REASON_MAX_LENGTH)} `;
    expect(
      parseFragmentationDismissalRequest({ verdict: 'intended', reason }).ok,
    ).toBe(true);
  });
});

describe('dismissalVerdictsFor', () => {
  it('allows not-a-duplicate only for duplicates and overlaps', () => {
    expect(dismissalVerdictsFor('duplicate')).toEqual([
      'not-a-duplicate',
      'intended',
    ]);
    expect(dismissalVerdictsFor('overlap')).toContain('not-a-duplicate');
    expect(dismissalVerdictsFor('version-sprawl')).toEqual(['intended']);
    expect(dismissalVerdictsFor('style-inconsistency')).toEqual(['intended']);
  });
});

describe('a cluster with a dismissal', () => {
  it('parses with its fingerprint and dismissal', () => {
    const cluster = {
      id: 'duplicate-1',
      type: 'duplicate',
      members: [{ entityRef: 'api:default/a' }, { entityRef: 'api:default/b' }],
      score: 1,
      sharedOperations: [],
      sharedOperationCount: 0,
      message: 'One sentence.',
      fingerprint: 'abc',
      dismissal: {
        verdict: 'not-a-duplicate',
        reason: 'Different products',
        dismissedBy: 'user:default/ada',
        dismissedAt: '2026-12-06T12:00:00.000Z',
      },
      details: {
        operationCounts: {},
        minJaccard: 1,
        maxJaccard: 1,
        pairs: [],
        genericOperations: [],
      },
    };
    expect(fragmentationClusterSchema.parse(cluster)).toEqual(cluster);
    expect(() =>
      fragmentationClusterSchema.parse({
        ...cluster,
        dismissal: { ...cluster.dismissal, verdict: 'nope' },
      }),
    ).toThrow();
  });
});
