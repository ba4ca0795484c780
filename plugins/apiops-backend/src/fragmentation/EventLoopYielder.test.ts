import { EventLoopYielder, runSteps, type Steps } from './EventLoopYielder';

function* count(to: number, seen: number[]): Steps<number> {
  let sum = 0;
  for (let i = 1; i <= to; i++) {
    seen.push(i);
    sum += i;
    yield;
  }
  return sum;
}

describe('EventLoopYielder', () => {
  it('runs steps to their end at once with runSteps', () => {
    const seen: number[] = [];
    expect(runSteps(count(4, seen))).toBe(10);
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('lets the event loop run between steps once a slice is used up', async () => {
    const seen: number[] = [];
    const atTurn: number[] = [];
    const done = new Promise<void>(resolve => {
      const tick = () => {
        atTurn.push(seen.length);
        if (seen.length < 5) setImmediate(tick);
        else resolve();
      };
      setImmediate(tick);
    });
    const yielder = EventLoopYielder.create({ sliceMs: 0 });
    expect(await yielder.run(count(5, seen))).toBe(15);
    await done;
    // The other work saw the steps advance one at a time.
    expect(atTurn.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it('does not yield while the slice lasts', async () => {
    const yielder = EventLoopYielder.create({ sliceMs: 60_000 });
    const spy = jest.spyOn(yielder, 'yield');
    expect(await yielder.run(count(100, []))).toBe(5050);
    await yielder.maybeYield();
    expect(spy).not.toHaveBeenCalled();
    expect(yielder.due).toBe(false);
  });

  it('rejects a slice that is not a number ≥ 0', () => {
    expect(() => EventLoopYielder.create({ sliceMs: -1 })).toThrow(
      'sliceMs must be a number ≥ 0, got -1',
    );
    expect(() => EventLoopYielder.create({ sliceMs: NaN })).toThrow(/sliceMs/);
  });
});
