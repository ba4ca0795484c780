import { answerChanges, answerCounts } from './assessmentChanges';

describe('answerChanges', () => {
  it('lists the criteria whose answers changed, in the given order', () => {
    expect(
      answerChanges(
        { answers: { a: 'met', b: 'unknown', c: 'not-met' } },
        { answers: { a: 'met', b: 'met', c: 'unknown', d: 'met' } },
        ['c', 'b', 'a'],
      ),
    ).toEqual([
      { criterionId: 'c', from: 'not-met', to: 'unknown' },
      { criterionId: 'b', from: 'unknown', to: 'met' },
      { criterionId: 'd', from: undefined, to: 'met' },
    ]);
  });

  it('reports an answer that disappeared, and nothing when all are the same', () => {
    expect(answerChanges({ answers: { a: 'met' } }, { answers: {} })).toEqual([
      { criterionId: 'a', from: 'met', to: undefined },
    ]);
    expect(
      answerChanges({ answers: { a: 'met' } }, { answers: { a: 'met' } }),
    ).toEqual([]);
  });
});

describe('answerCounts', () => {
  it('counts met, not met and unknown answers', () => {
    expect(
      answerCounts({
        answers: { a: 'met', b: 'met', c: 'not-met', d: 'unknown' },
      }),
    ).toEqual({ met: 2, notMet: 1, unknown: 1 });
  });
});
