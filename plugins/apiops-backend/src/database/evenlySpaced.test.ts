import { evenlySpaced } from './evenlySpaced';

describe('evenlySpaced', () => {
  const time = (n: number) => n;

  it('keeps fewer points than the maximum unchanged', () => {
    expect(evenlySpaced([1, 5, 9], 200, time)).toEqual([1, 5, 9]);
    expect(evenlySpaced([], 200, time)).toEqual([]);
    expect(evenlySpaced([1, 2, 3], 3, time)).toEqual([1, 2, 3]);
  });

  it('picks exactly the maximum, first and last kept, in order', () => {
    const points = Array.from({ length: 4300 }, (_, i) => i * 1800);
    const picked = evenlySpaced(points, 200, time);
    expect(picked).toHaveLength(200);
    expect(picked[0]).toBe(points[0]);
    expect(picked[199]).toBe(points[4299]);
    for (let i = 1; i < picked.length; i++) {
      expect(picked[i]).toBeGreaterThan(picked[i - 1]);
    }
  });

  it('spreads the points evenly in time, not by index', () => {
    // Dense at the start, sparse at the end.
    const points = [
      ...Array.from({ length: 100 }, (_, i) => i),
      1000,
      2000,
      3000,
      4000,
    ];
    expect(evenlySpaced(points, 5, time)).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it('still gives exactly the maximum when the points bunch together', () => {
    const points = [0, 1, 2, 3, 4, 5, 6, 7, 8, 1000];
    const picked = evenlySpaced(points, 4, time);
    expect(picked).toHaveLength(4);
    expect(picked[0]).toBe(0);
    expect(picked[3]).toBe(1000);
    expect([...picked].sort((a, b) => a - b)).toEqual(picked);
    expect(new Set(picked).size).toBe(4);
  });
});
