import { countGaps, countUnowned } from './summaryCounts';

describe('summary counts', () => {
  const byGapType = {
    'owner-missing': 2,
    'owner-unresolved': 1,
    'owner-not-group': 1,
    'owner-mismatch': 3,
  };

  it('counts APIs with a missing or unresolved owner as unowned', () => {
    expect(countUnowned({ byGapType })).toBe(3);
    expect(countUnowned({ byGapType: { 'owner-mismatch': 4 } })).toBe(0);
  });

  it('adds up the gaps of every type', () => {
    expect(countGaps({ byGapType })).toBe(7);
    expect(countGaps({ byGapType: {} })).toBe(0);
  });
});
