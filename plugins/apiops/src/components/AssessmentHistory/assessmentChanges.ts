import type {
  Assessment,
  CriterionAnswer,
} from '@apiops-backstage/plugin-apiops-common';

/** A criterion whose answer differs between two assessments. */
export interface AnswerChange {
  criterionId: string;
  /** The answer before; absent when the earlier record had none. */
  from?: CriterionAnswer;
  /** The answer after; absent when the later record has none. */
  to?: CriterionAnswer;
}

/**
 * The criteria whose answers differ from one assessment to the next, in the
 * given criterion order, then any other criteria in the records' order.
 */
export function answerChanges(
  previous: Pick<Assessment, 'answers'>,
  current: Pick<Assessment, 'answers'>,
  criterionOrder: readonly string[] = [],
): AnswerChange[] {
  const ids = new Set([
    ...criterionOrder,
    ...Object.keys(previous.answers),
    ...Object.keys(current.answers),
  ]);
  const changes: AnswerChange[] = [];
  for (const criterionId of ids) {
    const from = previous.answers[criterionId];
    const to = current.answers[criterionId];
    if (from !== to) {
      changes.push({ criterionId, from, to });
    }
  }
  return changes;
}

/** How many criteria an assessment answers met, not met and unknown. */
export function answerCounts(assessment: Pick<Assessment, 'answers'>): {
  met: number;
  notMet: number;
  unknown: number;
} {
  const counts = { met: 0, notMet: 0, unknown: 0 };
  for (const answer of Object.values(assessment.answers)) {
    if (answer === 'met') counts.met += 1;
    else if (answer === 'not-met') counts.notMet += 1;
    else counts.unknown += 1;
  }
  return counts;
}
