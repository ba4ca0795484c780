import { useCallback, useState } from 'react';
import type {
  Assessment,
  MethodModel,
} from '@apiops-backstage/plugin-apiops-common';
import { AssessmentDraft, draftFromAssessment } from './assessmentDraft';
import { CriterionFieldChange } from './CriterionField';

/**
 * The form's draft, pre-filled from the latest assessment, with its change
 * handlers, and the criteria whose evidence field the user has left (whose
 * evidence errors show before submitting).
 */
export function useAssessmentDraft(
  method: MethodModel,
  latestAssessment?: Assessment,
) {
  const [draft, setDraft] = useState<AssessmentDraft>(() =>
    draftFromAssessment(method, latestAssessment),
  );
  const [blurred, setBlurred] = useState<ReadonlySet<string>>(new Set());

  const onChange = useCallback(
    (criterionId: string, change: CriterionFieldChange) => {
      setDraft(previous => {
        switch (change.field) {
          case 'answer':
            return {
              ...previous,
              answers: { ...previous.answers, [criterionId]: change.value },
            };
          case 'evidence':
            return {
              ...previous,
              evidence: { ...previous.evidence, [criterionId]: change.value },
            };
          default:
            return {
              ...previous,
              notes: { ...previous.notes, [criterionId]: change.value },
            };
        }
      });
    },
    [],
  );

  const onEvidenceBlur = useCallback((criterionId: string) => {
    setBlurred(previous =>
      previous.has(criterionId)
        ? previous
        : new Set([...previous, criterionId]),
    );
  }, []);

  const setNote = useCallback(
    (note: string) => setDraft(previous => ({ ...previous, note })),
    [],
  );

  /** Answers the given criteria `met`, leaving their evidence and notes. */
  const markMet = useCallback(
    (criterionIds: readonly string[]) =>
      setDraft(previous => {
        const answers = { ...previous.answers };
        for (const id of criterionIds) answers[id] = 'met';
        return { ...previous, answers };
      }),
    [],
  );

  return { draft, blurred, onChange, onEvidenceBlur, setNote, markMet };
}
