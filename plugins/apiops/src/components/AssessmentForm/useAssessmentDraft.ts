import { useCallback, useState } from 'react';
import {
  assessmentRequestLimits,
  type Assessment,
  type MethodModel,
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

  /**
   * Answers criteria as the audit evidence suggests, and, where a criterion
   * has no note yet, notes the items behind the answer. Evidence links are
   * left as they are; nothing is recorded until the person submits.
   */
  const applySuggestions = useCallback(
    (
      suggestions: ReadonlyArray<{
        criterionId: string;
        answer: 'met' | 'not-met';
        note: string;
      }>,
    ) =>
      setDraft(previous => {
        const answers = { ...previous.answers };
        const notes = { ...previous.notes };
        for (const { criterionId, answer, note } of suggestions) {
          answers[criterionId] = answer;
          if (!notes[criterionId]?.trim()) {
            notes[criterionId] = note.slice(
              0,
              assessmentRequestLimits.maxCriterionNoteLength,
            );
          }
        }
        return { ...previous, answers, notes };
      }),
    [],
  );

  return {
    draft,
    blurred,
    onChange,
    onEvidenceBlur,
    setNote,
    markMet,
    applySuggestions,
  };
}
