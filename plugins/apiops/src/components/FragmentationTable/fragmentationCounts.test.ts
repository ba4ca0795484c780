import { countFragmentation } from './fragmentationCounts';

describe('countFragmentation', () => {
  it('adds up the clusters of every type', () => {
    expect(
      countFragmentation({
        byFragmentationType: { duplicate: 2, overlap: 1, 'name-collision': 3 },
      }),
    ).toBe(6);
  });

  it('counts none for a snapshot taken before fragmentation was detected', () => {
    expect(countFragmentation({})).toBe(0);
    expect(countFragmentation({ byFragmentationType: {} })).toBe(0);
  });
});
