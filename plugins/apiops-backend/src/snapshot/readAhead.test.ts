import { readAhead } from './readAhead';

async function* stream<T>(items: T[], failAt?: number) {
  for (const [i, item] of items.entries()) {
    if (i === failAt) throw new Error('stream broke');
    yield item;
  }
}

describe('readAhead', () => {
  it('yields the reads in order, starting each read once its item arrives', async () => {
    const started: number[] = [];
    const yielded: string[] = [];
    for await (const value of readAhead(stream([1, 2, 3]), async n => {
      started.push(n);
      return `read ${n}`;
    })) {
      // The next item's read has started before this one is handed out.
      yielded.push(`${value} (started ${started.join(',')})`);
    }
    expect(yielded).toEqual([
      'read 1 (started 1,2)',
      'read 2 (started 1,2,3)',
      'read 3 (started 1,2,3)',
    ]);
  });

  it('rejects with the stream failure and settles the reads in flight', async () => {
    const settled: number[] = [];
    const read = async (n: number) => {
      await new Promise(resolve => setTimeout(resolve, 1));
      settled.push(n);
      if (n === 2) throw new Error('read failed unseen');
      return n;
    };
    const seen: number[] = [];
    await expect(async () => {
      for await (const value of readAhead(stream([1, 2, 3], 2), read)) {
        seen.push(value);
      }
    }).rejects.toThrow('stream broke');
    expect(seen).toEqual([1]);
    expect(settled).toEqual([1, 2]);
  });
});
